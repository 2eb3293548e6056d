#include "missive/directory/directory.h"

#include "importer.h"
#include "layered_store.h"
#include "missive/core/document_type.h"
#include "missive/directory/postgres_store.h"
#include "missive/directory/sqlite_store.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>
#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

namespace missive::directory
{
namespace
{

Result<void> checkDocumentType(const QString& documentType)
{
    if (!documentType.isEmpty() && !findDocumentType(documentType)) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Type de document inconnu : %1 (code LOINC du jeu JDV_J07 attendu, "
                                        "par exemple 11490-0 pour une lettre de liaison).")
                             .arg(documentType),
                         QStringLiteral("unknown document type"));
    }
    return {};
}

} // namespace

QString databasePath(const QString& explicitPath, const QString& configured)
{
    if (!explicitPath.isEmpty()) {
        return explicitPath;
    }
    const QString fromEnv = qEnvironmentVariable("MISSIVE_DB");
    if (!fromEnv.isEmpty()) {
        return fromEnv;
    }
    if (!configured.isEmpty()) {
        return configured;
    }
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty()) {
        dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/missive");
    }
    return QDir(dir).filePath(QStringLiteral("directory.db"));
}

Directory::Directory(std::unique_ptr<Store> store)
    : m_store(std::move(store))
{
}

Directory::~Directory() = default;
Directory::Directory(Directory&&) noexcept = default;
Directory& Directory::operator=(Directory&&) noexcept = default;

QString displayLocation(const QString& location)
{
    if (!isPostgresUrl(location)) {
        return location;
    }
    return QUrl(location).toString(QUrl::RemovePassword);
}

QString sharedDatabasePath()
{
    if (qEnvironmentVariableIsSet("MISSIVE_SHARED_DB")) {
        return qEnvironmentVariable("MISSIVE_SHARED_DB");
    }
#ifdef Q_OS_WIN
    return QDir(qEnvironmentVariable("ProgramData", QStringLiteral("C:/ProgramData")))
        .filePath(QStringLiteral("Missive/directory.db"));
#else
    return QStringLiteral("/var/lib/missive/directory.db");
#endif
}

bool sharedDirectoryPresent(const QString& path)
{
    // A base this user cannot even see (its folder is the missive group's) is not "no base".
    struct stat st = {};
    return !path.isEmpty() && (::stat(QFile::encodeName(path).constData(), &st) == 0 || errno != ENOENT);
}

Result<Directory> Directory::open(const QString& location, const QByteArray& password, const QString& sharedLocation)
{
    if (isPostgresUrl(location)) {
        auto store = openPostgresStore(location, password);
        if (!store) {
            return tl::unexpected(store.error());
        }
        return Directory(std::move(*store));
    }
    // The shared file named as a base of its own is read as it is published: never written in place
    // (a user's base would be made private, 0600, and switched to WAL).
    const QString sharedHere = sharedDatabasePath();
    if (!sharedHere.isEmpty() && QFileInfo::exists(sharedHere)
        && QFileInfo(location).canonicalFilePath() == QFileInfo(sharedHere).canonicalFilePath()) {
        return openShared(location);
    }
    auto own = openSqliteStore(location);
    if (!own) {
        return tl::unexpected(own.error());
    }
    if (!sharedDirectoryPresent(sharedLocation)) {
        return Directory(std::move(*own));
    }
    if (::access(QFile::encodeName(sharedLocation).constData(), R_OK) != 0) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("L'annuaire partagé de cette machine (%1) ne vous est pas lisible : demandez à "
                                        "l'administrateur de vous ajouter au groupe missive.")
                             .arg(sharedLocation),
                         QStringLiteral("shared directory not readable"));
    }
    auto shared = openSqliteStore(sharedLocation, SqliteAccess::ReadOnly);
    if (!shared) {
        return tl::unexpected(shared.error());
    }
    return Directory(layeredStore(std::move(*own), std::move(*shared), sharedLocation));
}

Result<Directory> Directory::openAt(const QString& explicitPath, const QString& configured, const QByteArray& password)
{
    const bool named = !explicitPath.isEmpty() || !qEnvironmentVariableIsEmpty("MISSIVE_DB") || !configured.isEmpty();
    return open(databasePath(explicitPath, configured), password, named ? QString() : sharedDatabasePath());
}

Result<Directory> Directory::openShared(const QString& path)
{
    auto store = openSqliteStore(path, SqliteAccess::ReadOnly);
    if (!store) {
        return tl::unexpected(store.error());
    }
    return Directory(std::move(*store));
}

Result<ImportReport> Directory::importFile(const QString& path)
{
    return directory::importFile(*m_store, path);
}

Result<QList<Professional>> Directory::practices(const QString& rpps) const
{
    auto person = m_store->findByRpps(rpps);
    if (!person) {
        return tl::unexpected(person.error());
    }
    if (!*person) {
        return QList<Professional>();
    }
    return practicesOf(**person);
}

namespace
{

// A professional's practices, each with their mailboxes.
QList<Professional> practicesFrom(const PersonRow& p, const QList<ActivityRow>& activities,
                                  const QList<Mailbox>& mailboxes)
{
    QList<Professional> result;
    Professional base;
    base.rpps = p.rpps;
    base.idnps = p.idnps;
    base.civility = p.civility;
    base.title = p.title;
    base.titleCode = p.titleCode;
    base.familyName = p.familyName;
    base.givenName = p.givenName;
    base.local = p.local;
    base.retired = p.retired;
    base.mailboxes = mailboxes;
    if (activities.isEmpty()) {
        result << base;
    }
    for (const auto& activity : activities) {
        Professional practice = base;
        practice.professionCode = activity.professionCode;
        practice.professionLabel = activity.professionLabel;
        practice.specialtyCode = activity.specialtyCode;
        practice.specialtyLabel = activity.specialtyLabel;
        practice.practiceName = activity.practiceName;
        practice.addressLines = activity.addressLines;
        practice.postcode = activity.postcode;
        practice.city = activity.city;
        practice.structureKeys = activity.structureKeys;
        practice.retired = base.retired || activity.retired;
        result << practice;
    }
    return result;
}

} // namespace

Result<QList<Professional>> Directory::practicesOf(const PersonRow& p) const
{
    auto all = practicesOf(QList<const PersonRow*>{&p});
    if (!all) {
        return tl::unexpected(all.error());
    }
    return all->front();
}

Result<QList<QList<Professional>>> Directory::practicesOf(const QList<const PersonRow*>& persons) const
{
    if (persons.isEmpty()) {
        return QList<QList<Professional>>(); // nothing found: no query
    }
    QStringList ids;
    for (const PersonRow* p : persons) {
        ids << p->rpps;
    }
    auto activities = m_store->activitiesOf(ids);
    if (!activities) {
        return tl::unexpected(activities.error());
    }
    QList<MailboxLookup> boxes;
    for (qsizetype i = 0; i < persons.size(); ++i) {
        MailboxLookup lookup{persons[i]->rpps, {}};
        for (const auto& activity : activities->at(i)) {
            if (!activity.retired) {
                lookup.structureKeys << activity.structureKeys;
            }
        }
        boxes << lookup;
    }
    auto mailboxes = m_store->mailboxesOf(boxes);
    if (!mailboxes) {
        return tl::unexpected(mailboxes.error());
    }
    QList<QList<Professional>> all;
    for (qsizetype i = 0; i < persons.size(); ++i) {
        all << practicesFrom(*persons[i], activities->at(i), mailboxes->at(i));
    }
    return all;
}

Result<QList<Professional>> Directory::byMailbox(const QString& address) const
{
    auto rows = m_store->findByMailbox(address);
    if (!rows) {
        return tl::unexpected(rows.error());
    }
    QList<Professional> result;
    for (const auto& row : *rows) {
        auto p = professional(row.rpps);
        if (!p) {
            return tl::unexpected(p.error());
        }
        if (*p) {
            result << **p;
        }
    }
    return result;
}

Result<std::optional<Professional>> Directory::professional(const QString& rpps) const
{
    auto all = practices(rpps);
    if (!all) {
        return tl::unexpected(all.error());
    }
    if (all->isEmpty()) {
        return std::optional<Professional>();
    }
    return std::optional<Professional>(all->first());
}

Result<QList<Preference>> Directory::preferences(const QString& rpps) const
{
    return m_store->preferences(rpps);
}

Result<std::optional<Preference>> Directory::preference(const QString& rpps, const QString& documentType) const
{
    auto all = m_store->preferences(rpps);
    if (!all) {
        return tl::unexpected(all.error());
    }
    std::optional<Preference> general;
    for (const auto& p : *all) {
        if (!documentType.isEmpty() && p.documentType == documentType) {
            return std::optional<Preference>(p);
        }
        if (p.documentType.isEmpty()) {
            general = p;
        }
    }
    return general;
}

Result<QList<Channel>> Directory::channels(const QString& rpps, const QString& documentType) const
{
    auto all = practices(rpps);
    if (!all) {
        return tl::unexpected(all.error());
    }
    if (all->isEmpty()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("Professionnel %1 introuvable dans l'annuaire.").arg(rpps),
                         QStringLiteral("unknown rpps"));
    }
    QList<Channel> channels;
    for (const auto& box : all->first().mailboxes) {
        Channel c;
        c.kind = ChannelKind::Mssante;
        c.address = box.address;
        c.mailboxType = box.type;
        channels << c;
    }
    // mailboxes() lists PER before ORG already; keep that order.
    QStringList seenPostal;
    for (const auto& practice : *all) {
        if (practice.retired && !all->first().retired) {
            continue;
        }
        const QStringList lines = practice.practiceName.isEmpty()
                                      ? practice.postalAddress()
                                      : QStringList{practice.practiceName} + practice.postalAddress();
        if (practice.addressLines.isEmpty() && practice.city.isEmpty()) {
            continue;
        }
        const QString joined = lines.join(QStringLiteral(", "));
        if (seenPostal.contains(joined)) {
            continue;
        }
        seenPostal << joined;
        Channel c;
        c.kind = ChannelKind::Postal;
        c.address = joined;
        c.postalLines = lines;
        channels << c;
    }

    auto pref = preference(rpps, documentType);
    if (!pref) {
        return tl::unexpected(pref.error());
    }
    if (*pref && (*pref)->channel != ChannelKind::None) {
        const Preference& p = **pref;
        qsizetype index = -1;
        for (qsizetype i = 0; i < channels.size() && index < 0; ++i) {
            if (channels[i].kind == p.channel
                && (p.address.isEmpty() || channels[i].address.compare(p.address, Qt::CaseInsensitive) == 0)) {
                index = i;
            }
        }
        if (index < 0 && !p.address.isEmpty()) {
            // A preferred address the extracts do not list (given by the professional): offer it.
            Channel c;
            c.kind = p.channel;
            c.address = p.address;
            if (p.channel == ChannelKind::Postal) {
                c.postalLines = p.address.split(QStringLiteral(", "));
            }
            channels.prepend(c);
            index = 0;
        }
        if (index >= 0) {
            Channel preferred = channels.takeAt(index);
            preferred.preferred = true;
            channels.prepend(preferred);
        }
    }
    return channels;
}

Result<void> Directory::prefer(const QString& rpps, ChannelKind channel, const QString& address,
                               const QString& documentType, const QString& user)
{
    if (auto ok = checkDocumentType(documentType); !ok) {
        return ok;
    }
    auto person = m_store->findByRpps(rpps);
    if (!person) {
        return tl::unexpected(person.error());
    }
    if (!*person) {
        return makeError(ErrorCode::NotFound, QStringLiteral("Professionnel %1 introuvable dans l'annuaire.").arg(rpps),
                         QStringLiteral("unknown rpps"));
    }
    if (channel == ChannelKind::Mssante && !address.isEmpty() && !address.contains(QLatin1Char('@'))) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("« %1 » n'est pas une adresse de messagerie.").arg(address),
                         QStringLiteral("bad mailbox address"));
    }
    if (channel == ChannelKind::None && !address.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--address n'a pas de sens avec le canal none."),
                         QStringLiteral("address with channel none"));
    }
    Preference p;
    p.rpps = rpps;
    p.documentType = documentType;
    p.channel = channel;
    p.address = address.trimmed();
    p.source = PreferenceSource::Explicit;
    return m_store->setPreference(p, user);
}

Result<void> Directory::recordConfirmation(const QString& rpps, ChannelKind channel, const QString& address,
                                           const QString& documentType, const QString& user)
{
    if (auto ok = checkDocumentType(documentType); !ok) {
        return ok;
    }
    if (auto logged = m_store->logConfirmation(Confirmation{rpps, channel, address, documentType, user}); !logged) {
        return logged;
    }
    auto existing = m_store->preferences(rpps);
    if (!existing) {
        return tl::unexpected(existing.error());
    }
    const auto find = [&](const QString& type) -> std::optional<Preference> {
        for (const auto& p : *existing) {
            if (p.documentType == type) {
                return p;
            }
        }
        return std::nullopt;
    };
    Preference learned;
    learned.rpps = rpps;
    learned.channel = channel;
    learned.address = address.trimmed();
    learned.source = PreferenceSource::Learned;

    // The general default: the first choice ever made (or, without a document type, the latest).
    const auto general = find(QString());
    if (!general || (documentType.isEmpty() && general->source == PreferenceSource::Learned)) {
        learned.documentType.clear();
        if (auto set = m_store->setPreference(learned, user); !set) {
            return set;
        }
    }
    // The document type's default follows the latest choice, unless set explicitly.
    if (!documentType.isEmpty()) {
        const auto specific = find(documentType);
        if (!specific || specific->source == PreferenceSource::Learned) {
            learned.documentType = documentType;
            if (auto set = m_store->setPreference(learned, user); !set) {
                return set;
            }
        }
    }
    return {};
}

Result<QList<HistoryEntry>> Directory::history(const QString& rpps) const
{
    return m_store->history(QStringLiteral("rpps:") + rpps);
}

Result<QList<Rule>> Directory::rules(const QString& documentType) const
{
    if (m_imposed.contains(documentType)) {
        return m_imposed.value(documentType);
    }
    auto stored = m_store->rules(documentType);
    if (!stored || !documentType.isEmpty() || m_imposed.isEmpty()) {
        return stored;
    }
    // All of them: the configuration's in place of the directory's for the types it sets.
    QMap<QString, QList<Rule>> byType;
    for (const Rule& rule : std::as_const(*stored)) {
        if (!m_imposed.contains(rule.documentType)) {
            byType[rule.documentType] << rule;
        }
    }
    for (auto it = m_imposed.begin(); it != m_imposed.end(); ++it) {
        byType[it.key()] = it.value();
    }
    QList<Rule> all;
    for (const auto& rules : std::as_const(byType)) {
        all << rules;
    }
    return all;
}

void Directory::imposeRules(const QMap<QString, QList<Rule>>& rules, const QStringList& locked)
{
    m_imposed.clear();
    for (auto it = rules.begin(); it != rules.end(); ++it) {
        QList<Rule> imposed = it.value();
        for (Rule& rule : imposed) {
            rule.documentType = it.key();
            rule.imposed = true;
        }
        m_imposed.insert(it.key(), imposed);
    }
    m_imposedLocked = locked;
}

Result<void> Directory::checkNotImposed(const QString& documentType) const
{
    if (!m_imposed.contains(documentType)) {
        return {};
    }
    return makeError(ErrorCode::PermissionDenied,
                     m_imposedLocked.contains(documentType)
                         ? QStringLiteral("Les règles de %1 sont imposées par votre administrateur.").arg(documentType)
                         : QStringLiteral("Les règles de %1 sont fixées par la configuration (section [rules]) : "
                                          "modifiez-les là.")
                               .arg(documentType),
                     QStringLiteral("rules set by the configuration"));
}

Result<void> Directory::setRules(const QString& documentType, const QList<Rule>& rules, const QString& user)
{
    if (documentType.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Type de document manquant."),
                         QStringLiteral("empty document type"));
    }
    if (auto ok = checkDocumentType(documentType); !ok) {
        return ok;
    }
    if (auto ok = checkNotImposed(documentType); !ok) {
        return ok;
    }
    for (const auto& rule : rules) {
        if (rule.recipient == RecipientKind::Professional) {
            auto person = m_store->findByRpps(rule.rpps);
            if (!person) {
                return tl::unexpected(person.error());
            }
            if (!*person) {
                return makeError(ErrorCode::NotFound,
                                 QStringLiteral("Professionnel %1 introuvable dans l'annuaire.").arg(rule.rpps),
                                 QStringLiteral("unknown rpps in rule"));
            }
        }
    }
    return m_store->replaceRules(documentType, rules, user);
}

Result<int> Directory::removeRules(const QString& documentType, const QList<Rule>& rules, const QString& user)
{
    if (auto ok = checkDocumentType(documentType); !ok) {
        return tl::unexpected(ok.error());
    }
    if (auto ok = checkNotImposed(documentType); !ok) {
        return tl::unexpected(ok.error());
    }
    return m_store->removeRules(documentType, rules, user);
}

Result<QList<HistoryEntry>> Directory::ruleHistory(const QString& documentType) const
{
    return m_store->history(QStringLiteral("rule:") + documentType);
}

Result<QString> Directory::addLocal(const Professional& professional, const QString& user)
{
    if (professional.familyName.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Le nom du professionnel est obligatoire."),
                         QStringLiteral("local addition without a name"));
    }
    const QString rpps = professional.rpps.trimmed();
    if (!rpps.isEmpty() && !std::all_of(rpps.begin(), rpps.end(), [](QChar c) { return c.isDigit(); })) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Identifiant RPPS invalide : %1 (chiffres attendus).").arg(rpps),
                         QStringLiteral("bad rpps"));
    }
    for (const auto& box : professional.mailboxes) {
        if (!box.address.contains(QLatin1Char('@'))) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("« %1 » n'est pas une adresse de messagerie.").arg(box.address),
                             QStringLiteral("bad mailbox address"));
        }
    }
    return m_store->addLocal(professional, user);
}

Result<Stats> Directory::stats() const
{
    return m_store->stats();
}

Result<QStringList> Directory::staff() const
{
    return m_store->staff();
}

Result<void> Directory::addStaff(const QString& rpps, const QString& user)
{
    if (rpps.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("RPPS vide"), QStringLiteral("empty rpps"));
    }
    return m_store->addStaff(rpps, user);
}

} // namespace missive::directory
