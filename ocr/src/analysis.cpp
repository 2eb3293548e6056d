#include "missive/ocr/analysis.h"

#include <QJsonArray>

namespace missive::ocr
{

QString textSourceName(TextSource source)
{
    switch (source) {
    case TextSource::TextLayer:
        return QStringLiteral("text-layer");
    case TextSource::Ocr:
        return QStringLiteral("ocr");
    case TextSource::Mixed:
        break;
    }
    return QStringLiteral("mixed");
}

QString identitySourceName(IdentitySource source)
{
    switch (source) {
    case IdentitySource::DataMatrix:
        return QStringLiteral("datamatrix");
    case IdentitySource::Text:
        return QStringLiteral("text");
    case IdentitySource::Both:
        return QStringLiteral("both");
    case IdentitySource::None:
        break;
    }
    return {};
}

QString identityStatusName(IdentityStatus status)
{
    switch (status) {
    case IdentityStatus::Consistent:
        return QStringLiteral("consistent");
    case IdentityStatus::Mismatch:
        return QStringLiteral("mismatch");
    case IdentityStatus::Unverified:
        return QStringLiteral("unverified");
    case IdentityStatus::Incomplete:
        break;
    }
    return QStringLiteral("incomplete");
}

QString recipientRoleName(RecipientRole role)
{
    return role == RecipientRole::To ? QStringLiteral("to") : QStringLiteral("cc");
}

namespace
{

QJsonValue orNull(const QString& value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

} // namespace

QJsonObject Analysis::toJson() const
{
    QJsonObject root;
    root.insert(QStringLiteral("file"), file);
    root.insert(QStringLiteral("pages"), pages);
    root.insert(QStringLiteral("text_source"), textSourceName(textSource));
    if (documentType) {
        root.insert(QStringLiteral("document_type"), QJsonObject{{QStringLiteral("code"), documentType->code},
                                                                 {QStringLiteral("label"), documentType->label}});
    } else {
        root.insert(QStringLiteral("document_type"), QJsonValue::Null);
    }

    const PatientIdentity& id = patient.identity;
    const bool released = patient.status == IdentityStatus::Consistent;
    QJsonObject p;
    p.insert(QStringLiteral("ins"), released ? orNull(id.ins) : QJsonValue(QJsonValue::Null));
    p.insert(QStringLiteral("ins_oid"), released ? orNull(id.insOid) : QJsonValue(QJsonValue::Null));
    p.insert(QStringLiteral("birth_name"), orNull(id.birthName));
    p.insert(QStringLiteral("used_name"), orNull(id.usedName));
    p.insert(QStringLiteral("first_names"), QJsonArray::fromStringList(id.firstNames));
    p.insert(QStringLiteral("first_name"), orNull(id.firstName));
    p.insert(QStringLiteral("birth_date"),
             id.birthDate.isValid() ? QJsonValue(id.birthDate.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null));
    p.insert(QStringLiteral("sex"), orNull(sexCode(id.sex)));
    p.insert(QStringLiteral("birth_place"), orNull(id.birthPlace));
    p.insert(QStringLiteral("source"), orNull(identitySourceName(patient.source)));
    p.insert(QStringLiteral("status"), identityStatusName(patient.status));
    root.insert(QStringLiteral("patient"), p);

    if (author) {
        root.insert(QStringLiteral("author"),
                    QJsonObject{{QStringLiteral("name"), author->name},
                                {QStringLiteral("rpps"),
                                 author->rpps ? QJsonValue(*author->rpps) : QJsonValue(QJsonValue::Null)}});
    } else {
        root.insert(QStringLiteral("author"), QJsonValue::Null);
    }

    QJsonArray list;
    for (const Recipient& r : recipients) {
        list.append(QJsonObject{{QStringLiteral("name"), r.name},
                                {QStringLiteral("role"), recipientRoleName(r.role)},
                                {QStringLiteral("rpps"), r.rpps ? QJsonValue(*r.rpps) : QJsonValue(QJsonValue::Null)},
                                {QStringLiteral("auto_selected"), r.autoSelected},
                                {QStringLiteral("score"), r.score}});
    }
    root.insert(QStringLiteral("recipients"), list);
    root.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    QJsonObject timings;
    for (auto it = timingsMs.cbegin(); it != timingsMs.cend(); ++it) {
        timings.insert(it.key(), it.value());
    }
    root.insert(QStringLiteral("timings_ms"), timings);
    return root;
}

} // namespace missive::ocr
