#include "analysis_wire.h"

#include <QDataStream>
#include <QIODevice>
#include <QtEndian>

namespace missive::ocr::wire
{
namespace
{

constexpr QDataStream::Version StreamVersion = QDataStream::Qt_6_0;

template <class E> qint32 raw(E value)
{
    return static_cast<qint32>(value);
}

// An enumeration read back only when it is one of its values: a message is never trusted blindly.
template <class E> bool readEnum(QDataStream& in, E& out, E last)
{
    qint32 v = 0;
    in >> v;
    if (v < 0 || v > static_cast<qint32>(last)) {
        return false;
    }
    out = static_cast<E>(v);
    return true;
}

void write(QDataStream& out, const PatientIdentity& p)
{
    out << p.ins << p.insOid << p.birthName << p.usedName << p.firstNames << p.firstName << p.birthDate << raw(p.sex)
        << p.birthPlace;
}

bool read(QDataStream& in, PatientIdentity& p)
{
    in >> p.ins >> p.insOid >> p.birthName >> p.usedName >> p.firstNames >> p.firstName >> p.birthDate;
    if (!readEnum(in, p.sex, Sex::Male)) {
        return false;
    }
    in >> p.birthPlace;
    return true;
}

tl::unexpected<Error> malformed(const char* what)
{
    return makeError(ErrorCode::Integrity, QStringLiteral("lecture interrompue : réponse illisible du lecteur"),
                     QStringLiteral("reader-protocol: %1").arg(QString::fromLatin1(what)));
}

} // namespace

QByteArray encodeRequest(const Request& request)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(StreamVersion);
    const Limits& l = request.limits;
    out << Version << request.pdf << request.name << l.maxFileBytes << qint32(l.maxPages) << l.maxImagePixels
        << l.maxPagePixels << qint32(l.ocrDpi) << qint64(l.timeBudget.count()) << l.fullPageOcr;
    return bytes;
}

Result<Request> decodeRequest(const QByteArray& bytes)
{
    QDataStream in(bytes);
    in.setVersion(StreamVersion);
    quint32 version = 0;
    Request r;
    qint32 pages = 0;
    qint32 dpi = 0;
    qint64 budget = 0;
    in >> version;
    if (version != Version) {
        return malformed("request of another version");
    }
    in >> r.pdf >> r.name >> r.limits.maxFileBytes >> pages >> r.limits.maxImagePixels >> r.limits.maxPagePixels >> dpi
        >> budget >> r.limits.fullPageOcr;
    if (in.status() != QDataStream::Ok || pages <= 0 || dpi <= 0 || budget <= 0) {
        return malformed("bad request");
    }
    r.limits.maxPages = pages;
    r.limits.ocrDpi = dpi;
    r.limits.timeBudget = std::chrono::milliseconds(budget);
    return r;
}

QByteArray encodeAnswer(const Result<Analysis>& answer)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(StreamVersion);
    out << Version << answer.has_value();
    if (!answer) {
        out << raw(answer.error().code) << answer.error().userMessage << answer.error().detail;
        return bytes;
    }
    const Analysis& a = *answer;
    out << a.file << qint32(a.pages) << raw(a.textSource) << a.documentType.has_value();
    if (a.documentType) {
        out << a.documentType->code << a.documentType->codeSystem << a.documentType->label;
    }
    write(out, a.patient.identity);
    out << raw(a.patient.source) << raw(a.patient.status) << a.patient.reasons << a.patient.dataMatrix.has_value();
    if (a.patient.dataMatrix) {
        write(out, *a.patient.dataMatrix);
    }
    out << a.author.has_value();
    if (a.author) {
        out << a.author->name << a.author->rpps.has_value() << a.author->rpps.value_or(QString());
    }
    out << qint32(a.recipients.size());
    for (const Recipient& r : a.recipients) {
        out << r.name << raw(r.role) << r.patient << r.title << r.familyName << r.givenName << r.specialtyWords
            << r.city << r.postcode << r.department << r.street << raw(r.zone) << r.foundInDirectory << r.unreadContext
            << r.printedRpps << r.printedMailbox << r.rpps.has_value() << r.rpps.value_or(QString()) << r.autoSelected
            << r.score;
    }
    out << a.episode.has_value();
    if (a.episode) {
        out << raw(a.episode->setting) << a.episode->start << a.episode->end;
    }
    out << a.ipp;
    out << qint32(a.text.size());
    for (const TextLine& t : a.text) {
        out << qint32(t.page) << t.text << t.box << raw(t.zone);
    }
    out << a.warnings << a.timingsMs;
    return bytes;
}

Result<Analysis> decodeAnswer(const QByteArray& bytes)
{
    QDataStream in(bytes);
    in.setVersion(StreamVersion);
    quint32 version = 0;
    bool ok = false;
    in >> version >> ok;
    if (version != Version || in.status() != QDataStream::Ok) {
        return malformed("answer of another version");
    }
    if (!ok) {
        Error e;
        if (!readEnum(in, e.code, ErrorCode::Unavailable)) {
            return malformed("bad error code");
        }
        in >> e.userMessage >> e.detail;
        if (in.status() != QDataStream::Ok) {
            return malformed("bad error");
        }
        return tl::unexpected(e);
    }
    Analysis a;
    qint32 pages = 0;
    bool hasType = false;
    in >> a.file >> pages;
    a.pages = pages;
    if (!readEnum(in, a.textSource, TextSource::Mixed)) {
        return malformed("bad text source");
    }
    in >> hasType;
    if (hasType) {
        DocumentType type;
        in >> type.code >> type.codeSystem >> type.label;
        a.documentType = type;
    }
    bool hasDataMatrix = false;
    if (!read(in, a.patient.identity) || !readEnum(in, a.patient.source, IdentitySource::Both)
        || !readEnum(in, a.patient.status, IdentityStatus::Unverified)) {
        return malformed("bad patient");
    }
    in >> a.patient.reasons >> hasDataMatrix;
    if (hasDataMatrix) {
        PatientIdentity dm;
        if (!read(in, dm)) {
            return malformed("bad DataMatrix identity");
        }
        a.patient.dataMatrix = dm;
    }
    bool hasAuthor = false;
    in >> hasAuthor;
    if (hasAuthor) {
        Author author;
        bool hasRpps = false;
        QString rpps;
        in >> author.name >> hasRpps >> rpps;
        if (hasRpps) {
            author.rpps = rpps;
        }
        a.author = author;
    }
    qint32 count = 0;
    in >> count;
    if (count < 0 || count > 10'000) {
        return malformed("bad recipient count");
    }
    for (qint32 i = 0; i < count; ++i) {
        Recipient r;
        bool hasRpps = false;
        QString rpps;
        in >> r.name;
        if (!readEnum(in, r.role, RecipientRole::Cc)) {
            return malformed("bad role");
        }
        in >> r.patient >> r.title >> r.familyName >> r.givenName >> r.specialtyWords >> r.city >> r.postcode
            >> r.department >> r.street;
        if (!readEnum(in, r.zone, Zone::SideColumn)) {
            return malformed("bad zone");
        }
        in >> r.foundInDirectory >> r.unreadContext >> r.printedRpps >> r.printedMailbox >> hasRpps >> rpps
            >> r.autoSelected >> r.score;
        if (hasRpps) {
            r.rpps = rpps;
        }
        a.recipients += r;
    }
    bool hasEpisode = false;
    in >> hasEpisode;
    if (hasEpisode) {
        CareEpisode episode;
        if (!readEnum(in, episode.setting, CareEpisode::Setting::Consultation)) {
            return malformed("bad care setting");
        }
        in >> episode.start >> episode.end;
        a.episode = episode;
    }
    in >> a.ipp;
    in >> count;
    if (count < 0 || count > 1'000'000) {
        return malformed("bad line count");
    }
    for (qint32 i = 0; i < count; ++i) {
        TextLine t;
        qint32 page = 0;
        in >> page >> t.text >> t.box;
        t.page = page;
        if (!readEnum(in, t.zone, Zone::SideColumn)) {
            return malformed("bad line zone");
        }
        a.text += t;
    }
    in >> a.warnings >> a.timingsMs;
    if (in.status() != QDataStream::Ok || !in.atEnd()) {
        return malformed("truncated answer");
    }
    return a;
}

QByteArray frame(const QByteArray& message)
{
    QByteArray out(4, '\0');
    qToBigEndian(static_cast<quint32>(message.size()), out.data());
    return out + message;
}

} // namespace missive::ocr::wire
