#include "missive/directory/types.h"

#include "log.h"

namespace missive::directory
{

// Warnings by default: the CLI prints to stderr; QT_LOGGING_RULES="missive.directory.info=true" shows counts.
Q_LOGGING_CATEGORY(lcDirectory, "missive.directory", QtWarningMsg)

QString sourceKindName(SourceKind kind)
{
    return kind == SourceKind::MssanteMailboxes ? QStringLiteral("mssante") : QStringLiteral("personne_activite");
}

QString channelKindName(ChannelKind kind)
{
    switch (kind) {
    case ChannelKind::Mssante:
        return QStringLiteral("mssante");
    case ChannelKind::Postal:
        return QStringLiteral("postal");
    case ChannelKind::None:
        break;
    }
    return QStringLiteral("none");
}

std::optional<ChannelKind> channelKindFromName(QStringView name)
{
    for (const auto kind : {ChannelKind::Mssante, ChannelKind::Postal, ChannelKind::None}) {
        if (name.compare(channelKindName(kind), Qt::CaseInsensitive) == 0) {
            return kind;
        }
    }
    return std::nullopt;
}

QString recipientSpec(const Rule& rule)
{
    switch (rule.recipient) {
    case RecipientKind::PatientDmp:
        return QStringLiteral("patient-dmp");
    case RecipientKind::PatientMailbox:
        return QStringLiteral("patient-mailbox");
    case RecipientKind::Gp:
        return QStringLiteral("gp");
    case RecipientKind::Professional:
        break;
    }
    return rule.rpps.isEmpty() ? QStringLiteral("rpps") : QStringLiteral("rpps:") + rule.rpps;
}

std::optional<Rule> parseRecipient(QStringView spec)
{
    const QString s = spec.trimmed().toString().toLower();
    if (s == QLatin1String("patient-dmp") || s == QLatin1String("dmp")) {
        return Rule{{}, RecipientKind::PatientDmp, {}};
    }
    if (s == QLatin1String("patient-mailbox") || s == QLatin1String("bal-patient")) {
        return Rule{{}, RecipientKind::PatientMailbox, {}};
    }
    if (s == QLatin1String("gp") || s == QLatin1String("medecin-traitant")) {
        return Rule{{}, RecipientKind::Gp, {}};
    }
    if (s == QLatin1String("rpps")) {
        return Rule{{}, RecipientKind::Professional, {}}; // stored form, the id lives in its own column
    }
    if (s.startsWith(QLatin1String("rpps:"))) {
        const QString id = s.mid(5);
        const bool digits = !id.isEmpty() && std::all_of(id.begin(), id.end(), [](QChar c) { return c.isDigit(); });
        const bool local = id.size() > 1 && id.startsWith(QLatin1Char('l'));
        if (digits || local) {
            return Rule{{}, RecipientKind::Professional, local ? id.toUpper() : id};
        }
    }
    return std::nullopt;
}

} // namespace missive::directory
