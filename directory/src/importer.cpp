#include "importer.h"

#include "hash.h"
#include "log.h"
#include "missive/core/c_handle.h"
#include "missive/directory/names.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace missive::directory
{
namespace
{

// Column positions in PS_LibreAcces_Personne_activite (DIGEST §5.1): 52 columns, 56 in newer files.
namespace pa
{
constexpr int IdType = 0, Rpps = 1, Idnps = 2, TitleCode = 3, Title = 4, CivilityCode = 5, Civility = 6;
constexpr int FamilyName = 7, GivenName = 8, ProfessionCode = 9, ProfessionLabel = 10;
constexpr int SpecialtyCode = 15, SpecialtyLabel = 16, ModeCode = 17, Siret = 19, Siren = 20;
constexpr int FinessSite = 21, FinessLegal = 22, StructureId = 23, SiteName = 24, SiteSign = 25;
constexpr int ComplementRecipient = 26, ComplementPlace = 27, StreetNumber = 28, StreetIndex = 29;
constexpr int StreetType = 31, StreetName = 32, Distribution = 33, Cedex = 34, Postcode = 35, CityCode = 36;
constexpr int City = 37, Country = 39, RoleCode = 52, RoleLabel = 53;
constexpr int OldColumns = 52, NewColumns = 56;
} // namespace pa

// Extraction_Correspondance_MSSante (DIGEST §5.2): 31 columns.
namespace ms
{
constexpr int Type = 0, Address = 1, Rpps = 3, Idnps = 4, StructureType = 5, StructureId = 6, Service = 7;
constexpr int Organisation = 18, Sign = 19, CityLine = 27, Postcode = 28;
constexpr int Columns = 31;
} // namespace ms

// Header columns that identify each file kind (compared after folding: case, accents, punctuation).
struct Signature
{
    int column;
    const char* name;
};
constexpr Signature PersonneActiviteSignature[] = {{0, "Type d'identifiant PP"},
                                                   {1, "Identifiant PP"},
                                                   {2, "Identification nationale PP"},
                                                   {7, "Nom d'exercice"},
                                                   {8, "Prénom d'exercice"},
                                                   {35, "Code postal (coord. structure)"},
                                                   {37, "Libellé commune (coord. structure)"}};
constexpr Signature NewColumnsSignature[] = {{52, "Code rôle"}, {55, "Libellé genre activité"}};
constexpr Signature MssanteSignature[] = {{0, "Type de BAL"},        {1, "Adresse BAL"},
                                          {3, "Identifiant PP"},     {9, "Nom d'exercice"},
                                          {10, "Prénom d'exercice"}, {28, "Code postal structure BAL"}};

constexpr int MaxColumns = 64;
constexpr int MalformedShown = 5;

void freeLine(char* p)
{
    std::free(p); // NOLINT(cppcoreguidelines-no-malloc): getline's buffer
}

// Splits on '|'. Returns the number of fields, or -1 when there are more than MaxColumns.
// The extracts end every line with '|', which opens an empty last field: callers accept
// `columns` fields, or `columns + 1` with an empty last one.
int split(QByteArrayView line, std::array<QByteArrayView, MaxColumns>& fields)
{
    int count = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == '|') {
            if (count == MaxColumns) {
                return -1;
            }
            fields[static_cast<std::size_t>(count++)] = line.sliced(start, i - start).trimmed();
            start = i + 1;
        }
    }
    return count;
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
            extra = 1;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
        } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
            extra = 3;
        } else {
            return false;
        }
        if (i + extra >= n) {
            return false;
        }
        for (int k = 1; k <= extra; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        i += extra + 1;
    }
    return true;
}

bool digitsOnly(QByteArrayView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool matches(const std::array<QByteArrayView, MaxColumns>& fields, int count, const Signature* begin,
             const Signature* end)
{
    for (const auto* s = begin; s != end; ++s) {
        if (s->column >= count
            || foldName(QString::fromUtf8(fields[static_cast<std::size_t>(s->column)]))
                   != foldName(QString::fromUtf8(s->name))) {
            return false;
        }
    }
    return true;
}

// "1" + FINESS, "3" + SIRET…: the national structure id, whether the file gives it with its type
// digit (idNat_Struct) or without.
QString structureKey(QByteArrayView type, QByteArrayView id)
{
    if (id.isEmpty()) {
        return {};
    }
    const QString t = QString::fromUtf8(type);
    QString raw = QString::fromUtf8(id);
    const bool prefixed =
        !t.isEmpty() && raw.startsWith(t)
        && ((t == QLatin1String("1") && raw.size() == 10) || (t == QLatin1String("3") && raw.size() == 15)
            || (t == QLatin1String("2") && raw.size() == 10));
    if (prefixed) {
        raw = raw.mid(1);
    }
    return t.isEmpty() ? raw : t + raw;
}

class Importer
{
public:
    Importer(Store& store, const QString& path)
        : m_store(store)
        , m_path(path)
    {
        m_report.file = path;
    }

    Result<ImportReport> run()
    {
        QElapsedTimer timer;
        timer.start();
        CHandle<std::FILE, std::fclose> file(std::fopen(QFile::encodeName(m_path).constData(), "rbe"));
        if (!file) {
            const int error = errno;
            const ErrorCode code = error == ENOENT                       ? ErrorCode::NotFound
                                   : (error == EACCES || error == EPERM) ? ErrorCode::PermissionDenied
                                                                         : ErrorCode::Io;
            return makeError(
                code,
                QStringLiteral("Impossible de lire %1 : %2").arg(m_path, QString::fromLocal8Bit(std::strerror(error))),
                QStringLiteral("fopen: errno %1").arg(error));
        }
        char* buffer = nullptr;
        std::size_t capacity = 0;
        CHandle<char, freeLine> holder;
        qint64 lineNumber = 0;
        std::unique_ptr<ImportSession> session;
        std::array<QByteArrayView, MaxColumns> fields;
        QByteArray converted;
        for (;;) {
            errno = 0;
            const ssize_t length = ::getline(&buffer, &capacity, file.get());
            holder.release();
            holder.reset(buffer);
            if (length < 0) {
                if (std::ferror(file.get())) {
                    return makeError(ErrorCode::Io, QStringLiteral("Erreur de lecture de %1.").arg(m_path),
                                     QStringLiteral("read error: errno %1").arg(errno));
                }
                break;
            }
            ++lineNumber;
            QByteArrayView line(buffer, length);
            while (line.endsWith('\n') || line.endsWith('\r')) {
                line.chop(1);
            }
            if (lineNumber == 1) {
                if (line.startsWith("\xEF\xBB\xBF")) {
                    line = line.sliced(3);
                }
                auto started = header(line);
                if (!started) {
                    return tl::unexpected(started.error());
                }
                auto opened = m_store.beginImport(m_report.kind, QFileInfo(m_path).fileName());
                if (!opened) {
                    return tl::unexpected(opened.error());
                }
                session = std::move(*opened);
                continue;
            }
            if (line.trimmed().isEmpty()) {
                continue;
            }
            ++m_report.lines;
            if (!isValidUtf8(line)) {
                // Some older extracts were Latin-1: read the line as such rather than lose it.
                converted = QString::fromLatin1(line).toUtf8();
                line = converted;
            }
            int count = split(line, fields);
            if (count == m_report.columns + 1 && fields[static_cast<std::size_t>(count - 1)].isEmpty()) {
                --count; // trailing '|'
            }
            if (count != m_report.columns) {
                malformed(lineNumber, QStringLiteral("%1 colonnes au lieu de %2").arg(count).arg(m_report.columns));
                continue;
            }
            auto added = m_report.kind == SourceKind::PersonneActivite ? activity(*session, fields, lineNumber, line)
                                                                       : mailbox(*session, fields, lineNumber, line);
            if (!added) {
                return tl::unexpected(added.error());
            }
        }
        if (!session) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1, ligne 1 : fichier vide, en-tête attendu.").arg(m_path),
                             QStringLiteral("empty file"));
        }
        auto counts = session->commit();
        if (!counts) {
            return tl::unexpected(counts.error());
        }
        m_report.counts = *counts;
        m_report.milliseconds = timer.elapsed();
        qCInfo(lcDirectory) << "import" << sourceKindName(m_report.kind) << "lines" << m_report.lines << "added"
                            << counts->added << "updated" << counts->updated << "retired" << counts->retired
                            << "malformed" << m_report.malformed << "ms" << m_report.milliseconds;
        return m_report;
    }

private:
    Result<void> header(QByteArrayView line)
    {
        std::array<QByteArrayView, MaxColumns> fields;
        int count = split(line, fields);
        if (count > 1 && fields[static_cast<std::size_t>(count - 1)].isEmpty()) {
            --count; // trailing '|'
        }
        const auto begin = [](const auto& sig) { return std::begin(sig); };
        const auto end = [](const auto& sig) { return std::end(sig); };
        if ((count == pa::OldColumns || count == pa::NewColumns)
            && matches(fields, count, begin(PersonneActiviteSignature), end(PersonneActiviteSignature))
            && (count == pa::OldColumns
                || matches(fields, count, begin(NewColumnsSignature), end(NewColumnsSignature)))) {
            m_report.kind = SourceKind::PersonneActivite;
            m_report.columns = count;
            return {};
        }
        if (count == ms::Columns && matches(fields, count, begin(MssanteSignature), end(MssanteSignature))) {
            m_report.kind = SourceKind::MssanteMailboxes;
            m_report.columns = count;
            return {};
        }
        if (line.startsWith("PK\x03\x04")) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 est une archive ZIP : décompressez-la (unzip) puis importez les "
                                            "fichiers .txt qu'elle contient.")
                                 .arg(m_path),
                             QStringLiteral("zip archive given"));
        }
        const QString first = count > 0 ? QString::fromUtf8(fields[0]).left(40) : QString();
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1, ligne 1 : en-tête inconnu (%2 colonnes, commençant par « %3 »). "
                                        "Fichiers attendus : PS_LibreAcces_Personne_activite (52 ou 56 colonnes) "
                                        "ou Extraction_Correspondance_MSSante (31 colonnes).")
                             .arg(m_path)
                             .arg(count)
                             .arg(first),
                         QStringLiteral("unknown header with %1 columns").arg(count));
    }

    void malformed(qint64 lineNumber, const QString& reason)
    {
        ++m_report.malformed;
        if (m_report.firstMalformed.size() < MalformedShown) {
            m_report.firstMalformed << MalformedLine{lineNumber, reason};
        }
    }

    static QByteArrayView at(const std::array<QByteArrayView, MaxColumns>& fields, int column)
    {
        return fields[static_cast<std::size_t>(column)];
    }

    Result<void> activity(ImportSession& session, const std::array<QByteArrayView, MaxColumns>& f, qint64 lineNumber,
                          QByteArrayView line)
    {
        ActivityRecord row;
        row.rpps = at(f, pa::Rpps);
        if (!digitsOnly(row.rpps)) {
            malformed(lineNumber, row.rpps.isEmpty() ? QStringLiteral("identifiant PP manquant")
                                                     : QStringLiteral("identifiant PP invalide"));
            return {};
        }
        row.familyName = at(f, pa::FamilyName);
        if (row.familyName.isEmpty()) {
            malformed(lineNumber, QStringLiteral("nom d'exercice manquant"));
            return {};
        }
        row.idType = at(f, pa::IdType);
        row.idnps = at(f, pa::Idnps);
        row.titleCode = at(f, pa::TitleCode);
        row.title = at(f, pa::Title);
        row.civilityCode = at(f, pa::CivilityCode);
        row.civility = at(f, pa::Civility);
        row.givenName = at(f, pa::GivenName);
        if (row.rpps != QByteArrayView(m_keysRpps) || row.familyName != QByteArrayView(m_keysFamily)
            || row.givenName != QByteArrayView(m_keysGiven)) {
            m_keys = nameKeys(QString::fromUtf8(row.familyName), QString::fromUtf8(row.givenName));
            m_keysRpps = row.rpps.toByteArray();
            m_keysFamily = row.familyName.toByteArray();
            m_keysGiven = row.givenName.toByteArray();
        }
        row.keys = &m_keys;
        row.professionCode = at(f, pa::ProfessionCode);
        row.professionLabel = at(f, pa::ProfessionLabel);
        row.specialtyCode = at(f, pa::SpecialtyCode);
        row.specialtyLabel = at(f, pa::SpecialtyLabel);
        row.modeCode = at(f, pa::ModeCode);
        row.siret = at(f, pa::Siret);
        row.siren = at(f, pa::Siren);
        row.finessSite = at(f, pa::FinessSite);
        row.finessLegal = at(f, pa::FinessLegal);
        row.structureId = at(f, pa::StructureId);
        row.siteName = at(f, pa::SiteName);
        row.siteSign = at(f, pa::SiteSign);
        row.complementRecipient = at(f, pa::ComplementRecipient);
        row.complementPlace = at(f, pa::ComplementPlace);
        row.streetNumber = at(f, pa::StreetNumber);
        row.streetIndex = at(f, pa::StreetIndex);
        row.streetType = at(f, pa::StreetType);
        row.streetName = at(f, pa::StreetName);
        row.distribution = at(f, pa::Distribution);
        row.cedex = at(f, pa::Cedex);
        row.postcode = at(f, pa::Postcode);
        row.cityCode = at(f, pa::CityCode);
        row.city = at(f, pa::City);
        row.countryLabel = at(f, pa::Country);
        if (m_report.columns == pa::NewColumns) {
            row.roleCode = at(f, pa::RoleCode);
            row.roleLabel = at(f, pa::RoleLabel);
        }
        // The role (newer layout only) stays out of the identity: switching layouts must not
        // retire and re-add every activity.
        row.key = Fnv()
                      .add({row.rpps, row.structureId, row.professionCode, row.specialtyCode, row.modeCode, row.siret,
                            row.finessSite})
                      .value();
        row.rowHash = Fnv().add(line).value();
        row.place = cached(m_places, {row.postcode, row.city}, [&] {
            return foldName(QString(QString::fromUtf8(row.postcode) + QLatin1Char(' ') + QString::fromUtf8(row.city)));
        });
        row.specialties = cached(m_specialties, {row.professionLabel, row.specialtyLabel}, [&] {
            return foldName(QString(QString::fromUtf8(row.professionLabel) + QLatin1Char(' ')
                                    + QString::fromUtf8(row.specialtyLabel)));
        });
        auto outcome = session.addActivity(row);
        if (!outcome) {
            return tl::unexpected(outcome.error());
        }
        return {};
    }

    Result<void> mailbox(ImportSession& session, const std::array<QByteArrayView, MaxColumns>& f, qint64 lineNumber,
                         QByteArrayView line)
    {
        MailboxRecord row;
        row.type = at(f, ms::Type);
        row.address = at(f, ms::Address);
        if (row.address.isEmpty() || !row.address.contains('@') || row.address.contains(' ')) {
            malformed(lineNumber, row.address.isEmpty() ? QStringLiteral("adresse BAL manquante")
                                                        : QStringLiteral("adresse BAL invalide"));
            return {};
        }
        if (row.type != "PER" && row.type != "ORG" && row.type != "APP" && row.type != "CAB") {
            malformed(lineNumber, QStringLiteral("type de BAL inconnu"));
            return {};
        }
        row.rpps = at(f, ms::Rpps);
        row.idnps = at(f, ms::Idnps);
        row.structureType = at(f, ms::StructureType);
        row.structureId = at(f, ms::StructureId);
        row.service = at(f, ms::Service);
        row.organisation = at(f, ms::Organisation);
        row.sign = at(f, ms::Sign);
        row.postcode = at(f, ms::Postcode);
        row.cityLine = at(f, ms::CityLine);
        row.addressKey = QString::fromUtf8(row.address).toLower();
        row.structureKey = structureKey(row.structureType, row.structureId);
        row.rowHash = Fnv().add(line).value();
        auto outcome = session.addMailbox(row);
        if (!outcome) {
            return tl::unexpected(outcome.error());
        }
        return {};
    }

    template <class F>
    static QString cached(QHash<qint64, QString>& cache, std::initializer_list<QByteArrayView> key, F compute)
    {
        const qint64 k = Fnv().add(key).value();
        auto it = cache.constFind(k);
        if (it != cache.constEnd()) {
            return *it;
        }
        if (cache.size() > 200000) {
            cache.clear();
        }
        return *cache.insert(k, compute());
    }

    Store& m_store;
    QString m_path;
    ImportReport m_report;
    NameKeys m_keys;
    QByteArray m_keysRpps, m_keysFamily, m_keysGiven;
    QHash<qint64, QString> m_places;      // by hash of (postcode, city)
    QHash<qint64, QString> m_specialties; // by hash of (profession, specialty)
};

} // namespace

Result<ImportReport> importFile(Store& store, const QString& path)
{
    return Importer(store, path).run();
}

} // namespace missive::directory
