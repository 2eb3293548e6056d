#include "missive/core/document_type.h"
#include "missive/directory/types.h"
#include "missive/settings/settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>
#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#ifdef Q_OS_WIN
#include <QSettings>
#endif
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace missive::settings
{

using namespace missive::transport;

namespace
{

const QString SystemConfig = QStringLiteral("/etc/missive/missive.conf");

struct Location
{
    QString file;
    int line = 0;
    QString section;
    QString key;
};

tl::unexpected<Error> settingError(const Location& at, const QString& reasonFr, const QString& reasonEn)
{
    const QString where = QStringLiteral("%1:%2").arg(at.file).arg(at.line);
    const QString key =
        at.key.isEmpty() ? QStringLiteral("[%1]").arg(at.section) : QStringLiteral("%1.%2").arg(at.section, at.key);
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("configuration invalide : %1, clé « %2 » : %3").arg(where, key, reasonFr),
                     QStringLiteral("invalid setting %1 at %2: %3").arg(key, where, reasonEn));
}

Result<bool> parseBool(const QString& value, const Location& at)
{
    const QString v = value.toLower();
    if (v == QLatin1String("true") || v == QLatin1String("yes") || v == QLatin1String("on")
        || v == QLatin1String("1")) {
        return true;
    }
    if (v == QLatin1String("false") || v == QLatin1String("no") || v == QLatin1String("off")
        || v == QLatin1String("0")) {
        return false;
    }
    return settingError(at, QStringLiteral("valeur attendue : true ou false"), QStringLiteral("expected a boolean"));
}

Result<qint64> parseInteger(const QString& value, qint64 min, qint64 max, const Location& at)
{
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok || n < min || n > max) {
        return settingError(at, QStringLiteral("nombre entier attendu entre %1 et %2").arg(min).arg(max),
                            QStringLiteral("expected an integer in [%1, %2]").arg(min).arg(max));
    }
    return n;
}

// Durations: "90", "90s", "5m", "6h", "1d".
Result<std::chrono::seconds> parseDuration(const QString& value, const Location& at)
{
    QString number = value;
    qint64 unit = 1;
    if (!value.isEmpty() && value.back().isLetter()) {
        const QChar suffix = value.back().toLower();
        number.chop(1);
        if (suffix == u's') {
            unit = 1;
        } else if (suffix == u'm') {
            unit = 60;
        } else if (suffix == u'h') {
            unit = 3600;
        } else if (suffix == u'd') {
            unit = 86400;
        } else {
            number.clear();
        }
    }
    bool ok = false;
    const qint64 n = number.toLongLong(&ok);
    if (!ok || n < 0 || n > 365LL * 86400 / unit) {
        return settingError(at, QStringLiteral("durée attendue (ex. 90, 90s, 5m, 6h, 1d)"),
                            QStringLiteral("expected a duration"));
    }
    return std::chrono::seconds(n * unit);
}

QString expandHome(const QString& path)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/"))) {
        return QDir::homePath() + path.mid(1);
    }
    return path;
}

// Paths are absolute (or ~/…) so that a file means the same for every command and service.
Result<QString> parsePath(const QString& value, const Location& at, bool mustExist)
{
    const QString path = expandHome(value);
    if (!QDir::isAbsolutePath(path)) {
        return settingError(at, QStringLiteral("chemin absolu attendu"), QStringLiteral("path must be absolute"));
    }
    if (mustExist && !QFileInfo::exists(path)) {
        return settingError(at, QStringLiteral("fichier introuvable : %1").arg(path), QStringLiteral("file not found"));
    }
    return path;
}

Result<QString> parseMailbox(const QString& value, const Location& at)
{
    // One plain addr-spec, no display name, no spaces or control characters: it goes into SMTP commands.
    const int atSign = value.indexOf(u'@');
    bool clean = atSign > 0 && atSign == value.lastIndexOf(u'@') && atSign < value.size() - 1;
    for (const QChar c : value) {
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f || c == u'<' || c == u'>' || c == u',' || c == u'"') {
            clean = false;
        }
    }
    if (!clean) {
        return settingError(at, QStringLiteral("adresse électronique attendue (ex. secretariat@hopital.mssante.fr)"),
                            QStringLiteral("expected an e-mail address"));
    }
    return value;
}

Result<QUrl> parseTlsUrl(const QString& value, const QStringList& schemes, const Location& at)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || !schemes.contains(url.scheme()) || url.host().isEmpty()) {
        return settingError(at,
                            QStringLiteral("URL attendue avec le schéma %1").arg(schemes.join(QStringLiteral(" ou "))),
                            QStringLiteral("expected a URL with scheme %1").arg(schemes.join(u'|')));
    }
    if (!url.userInfo().isEmpty()) {
        return settingError(at, QStringLiteral("pas d'identifiant ni de mot de passe dans l'URL"),
                            QStringLiteral("credentials in URL"));
    }
    return url;
}

Result<SecretSource> checkSecretSource(const SecretSource& source, const Location& at)
{
    const int sources =
        int(!source.file.isEmpty()) + int(!source.envVar.isEmpty()) + int(!source.keychainKey.isEmpty());
    if (sources > 1) {
        return settingError(at, QStringLiteral("une seule source de secret : fichier, variable ou trousseau"),
                            QStringLiteral("several secret sources set"));
    }
    return source;
}

// Configuration files are trusted input (they choose the CA bundle): refuse one that others may change.
Result<void> checkConfigFileSafety(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("fichier de configuration illisible : %1").arg(path),
                         QStringLiteral("stat config: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (!S_ISREG(st.st_mode)) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("le fichier de configuration n'est pas un fichier ordinaire : %1").arg(path),
                         QStringLiteral("config is not a regular file"));
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return makeError(ErrorCode::UnsafePath,
                         QStringLiteral("le fichier de configuration %1 est modifiable par d'autres utilisateurs "
                                        "(chmod go-w %1)")
                             .arg(path),
                         QStringLiteral("config writable by group or others"));
    }
    if (st.st_uid != ::geteuid() && st.st_uid != 0) {
        return makeError(ErrorCode::UnsafePath,
                         QStringLiteral("le fichier de configuration %1 appartient à un autre utilisateur").arg(path),
                         QStringLiteral("config owned by another user"));
    }
    return {};
}

Result<SettingsSource> readConfigSource(const QString& path)
{
    if (auto safe = checkConfigFileSafety(path); !safe) {
        return tl::unexpected(safe.error());
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("impossible de lire le fichier de configuration %1").arg(path),
                         file.errorString());
    }
    return SettingsSource{path, file.readAll(), false};
}

using Handler = std::function<Result<void>(const QString& value, const Location& at)>;

// [rules] KEY = RECIPIENT, …: KEY a document type of JDV_J07, each recipient in the forms of
// `missive directory rules` (directory::parseRecipient: "patient-dmp", "patient-mailbox", "gp",
// "rpps:<id>"), kept in its canonical spelling.
Handler rulesOf(transport::Settings& s)
{
    return [&s](const QString& value, const Location& at) -> Result<void> {
        if (!findDocumentType(at.key)) {
            return settingError(at, QStringLiteral("type de document inconnu (code de la liste JDV_J07 attendu)"),
                                QStringLiteral("unknown document type"));
        }
        QStringList recipients;
        for (const QString& part : value.split(u',')) {
            const auto rule = directory::parseRecipient(part);
            // A bare "rpps" is the directory's stored form, not a recipient.
            if (!rule || (rule->recipient == directory::RecipientKind::Professional && rule->rpps.isEmpty())) {
                return settingError(at,
                                    QStringLiteral("destinataire « %1 » inconnu (patient-dmp, patient-mailbox, gp ou "
                                                   "rpps:IDENTIFIANT)")
                                        .arg(part.trimmed()),
                                    QStringLiteral("bad rule recipient"));
            }
            if (const QString spec = directory::recipientSpec(*rule); !recipients.contains(spec)) {
                recipients << spec;
            }
        }
        s.documentRules[at.key] = recipients;
        return {};
    };
}

} // namespace

QString systemConfigPath()
{
    return SystemConfig;
}

QString userConfigPath()
{
    QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (configHome.isEmpty() || !QDir::isAbsolutePath(configHome)) {
        configHome = QDir::homePath() + QStringLiteral("/.config");
    }
    return configHome + QStringLiteral("/missive/missive.conf");
}

Result<QStringList> configLayers(const QString& explicitPath)
{
    if (!explicitPath.isEmpty() || !qEnvironmentVariableIsEmpty("MISSIVE_CONFIG")) {
        auto located = locateConfigFile(explicitPath);
        if (!located) {
            return tl::unexpected(located.error());
        }
        return QStringList{*located};
    }
    QStringList layers;
    for (const QString& path : {systemConfigPath(), userConfigPath()}) {
        if (QFileInfo::exists(path)) {
            layers.append(path);
        }
    }
    return layers;
}

Result<QString> locateConfigFile(const QString& explicitPath)
{
    if (!explicitPath.isEmpty()) {
        if (!QFileInfo::exists(explicitPath)) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("fichier de configuration introuvable : %1").arg(explicitPath),
                             QStringLiteral("--config file not found"));
        }
        return explicitPath;
    }
    const QString fromEnv = qEnvironmentVariable("MISSIVE_CONFIG");
    if (!fromEnv.isEmpty()) {
        if (!QFileInfo::exists(fromEnv)) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("fichier de configuration introuvable : %1 (MISSIVE_CONFIG)").arg(fromEnv),
                             QStringLiteral("MISSIVE_CONFIG file not found"));
        }
        return fromEnv;
    }
    const QString user = userConfigPath();
    if (QFileInfo::exists(user)) {
        return user;
    }
    if (QFileInfo::exists(SystemConfig)) {
        return SystemConfig;
    }
    return QString();
}

Result<Settings> parseSettings(const QString& path)
{
    return parseSettingsLayers({path});
}

Result<Settings> parseSettingsLayers(const QStringList& paths)
{
    QList<SettingsSource> sources;
    for (const QString& path : paths) {
        auto read = readConfigSource(path);
        if (!read) {
            return tl::unexpected(read.error());
        }
        sources.append(*read);
    }
    return parseSettingsSources(sources);
}

Result<Settings> parseSettingsSources(const QList<SettingsSource>& sources)
{
    Settings s;

    const auto str = [](QString& target) -> Handler {
        return [&target](const QString& v, const Location&) -> Result<void> {
            target = v;
            return {};
        };
    };
    const auto pathOf = [](QString& target, bool mustExist) -> Handler {
        return [&target, mustExist](const QString& v, const Location& at) -> Result<void> {
            auto p = parsePath(v, at, mustExist);
            if (!p) {
                return tl::unexpected(p.error());
            }
            target = *p;
            return {};
        };
    };
    const auto boolOf = [](bool& target) -> Handler {
        return [&target](const QString& v, const Location& at) -> Result<void> {
            auto b = parseBool(v, at);
            if (!b) {
                return tl::unexpected(b.error());
            }
            target = *b;
            return {};
        };
    };
    const auto durationOf = [](std::chrono::seconds& target) -> Handler {
        return [&target](const QString& v, const Location& at) -> Result<void> {
            auto d = parseDuration(v, at);
            if (!d) {
                return tl::unexpected(d.error());
            }
            target = *d;
            return {};
        };
    };
    const auto urlOf = [](QUrl& target, QStringList schemes) -> Handler {
        return [&target, schemes](const QString& v, const Location& at) -> Result<void> {
            auto u = parseTlsUrl(v, schemes, at);
            if (!u) {
                return tl::unexpected(u.error());
            }
            target = *u;
            return {};
        };
    };
    const auto envName = [](QString& target) -> Handler {
        return [&target](const QString& v, const Location& at) -> Result<void> {
            static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
            if (!re.match(v).hasMatch()) {
                return settingError(at, QStringLiteral("nom de variable d'environnement attendu"),
                                    QStringLiteral("bad environment variable name"));
            }
            target = v;
            return {};
        };
    };
    // Identifiers separated by commas or spaces, each of the pattern's form.
    const auto idList = [](QStringList& target, const QString& pattern, const QString& expected) -> Handler {
        return [&target, pattern, expected](const QString& v, const Location& at) -> Result<void> {
            const QRegularExpression re(pattern);
            QStringList ids;
            for (const QString& id : v.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
                if (!re.match(id).hasMatch()) {
                    return settingError(at, QStringLiteral("%1 : %2").arg(expected, id),
                                        QStringLiteral("bad identifier in list"));
                }
                ids << id;
            }
            target = ids;
            return {};
        };
    };
    const auto mailbox = [](QString& target) -> Handler {
        return [&target](const QString& v, const Location& at) -> Result<void> {
            auto m = parseMailbox(v, at);
            if (!m) {
                return tl::unexpected(m.error());
            }
            target = *m;
            return {};
        };
    };

    std::map<QString, std::map<QString, Handler>> sections;
    sections[QStringLiteral("mssante")] = {
        {QStringLiteral("smtp_url"), urlOf(s.mssante.smtpUrl, {QStringLiteral("smtps"), QStringLiteral("smtp")})},
        {QStringLiteral("sender"), mailbox(s.mssante.sender)},
        {QStringLiteral("client_certificate"), pathOf(s.mssante.certificate.pkcs12Path, true)},
        {QStringLiteral("passphrase_file"), pathOf(s.mssante.certificate.passphrase.file, true)},
        {QStringLiteral("passphrase_env"), envName(s.mssante.certificate.passphrase.envVar)},
        {QStringLiteral("passphrase_keychain"), envName(s.mssante.certificate.passphrase.keychainKey)},
        {QStringLiteral("ca_bundle"), pathOf(s.mssante.caBundle, true)},
        {QStringLiteral("nil"), str(s.mssante.nil)},
        {QStringLiteral("request_disposition"), boolOf(s.mssante.requestDisposition)},
        {QStringLiteral("patient_no_reply"), boolOf(s.mssante.patientNoReply)},
        {QStringLiteral("timeout"), durationOf(s.mssante.timeout)},
    };
    sections[QStringLiteral("imap")] = {
        {QStringLiteral("url"), urlOf(s.imap.url, {QStringLiteral("imaps"), QStringLiteral("imap")})},
        {QStringLiteral("user"), str(s.imap.user)},
        {QStringLiteral("password_file"), pathOf(s.imap.password.file, true)},
        {QStringLiteral("password_env"), envName(s.imap.password.envVar)},
        {QStringLiteral("password_keychain"), envName(s.imap.password.keychainKey)},
        {QStringLiteral("ca_bundle"), pathOf(s.imap.caBundle, true)},
    };
    sections[QStringLiteral("dmp")] = {
        {QStringLiteral("endpoint"), urlOf(s.dmp.endpoint, {QStringLiteral("https")})},
        {QStringLiteral("client_certificate"), pathOf(s.dmp.certificate.pkcs12Path, true)},
        {QStringLiteral("passphrase_file"), pathOf(s.dmp.certificate.passphrase.file, true)},
        {QStringLiteral("passphrase_env"), envName(s.dmp.certificate.passphrase.envVar)},
        {QStringLiteral("passphrase_keychain"), envName(s.dmp.certificate.passphrase.keychainKey)},
        {QStringLiteral("ca_bundle"), pathOf(s.dmp.caBundle, true)},
        {QStringLiteral("signing_certificate"), pathOf(s.dmp.signingCertificate.pkcs12Path, true)},
        {QStringLiteral("signing_passphrase_file"), pathOf(s.dmp.signingCertificate.passphrase.file, true)},
        {QStringLiteral("signing_passphrase_env"), envName(s.dmp.signingCertificate.passphrase.envVar)},
        {QStringLiteral("signing_passphrase_keychain"), envName(s.dmp.signingCertificate.passphrase.keychainKey)},
        {QStringLiteral("structure_id"), str(s.dmp.structureId)},
        {QStringLiteral("responsible_id"), str(s.dmp.responsibleId)},
        {QStringLiteral("activity_sector"), str(s.dmp.activitySector)},
        {QStringLiteral("software_id"), str(s.dmp.softwareId)},
        {QStringLiteral("homologation_id"), str(s.dmp.homologationId)},
        {QStringLiteral("timeout"), durationOf(s.dmp.timeout)},
    };
    sections[QStringLiteral("structure")] = {
        {QStringLiteral("id"), str(s.structure.id)},
        {QStringLiteral("name"), str(s.structure.name)},
        {QStringLiteral("facility_type"), str(s.structure.facilityType)},
        {QStringLiteral("practice_setting"), str(s.structure.practiceSetting)},
        {QStringLiteral("author_specialty"), str(s.structure.authorSpecialty)},
        {QStringLiteral("service"), str(s.structure.service)},
        {QStringLiteral("ipp_root"), str(s.structure.ippRoot)},
        {QStringLiteral("content_type"),
         [&s](const QString& v, const Location& at) -> Result<void> {
             if (v != QLatin1String("03") && v != QLatin1String("04") && v != QLatin1String("07")) {
                 return settingError(
                     at,
                     QStringLiteral("type d'activité inconnu : 03 (hospitalisation), 04 (hospitalisation "
                                    "de jour) ou 07 (consultation)"),
                     QStringLiteral("content_type must be 03, 04 or 07"));
             }
             s.structure.contentType = v;
             return {};
         }},
        {QStringLiteral("sites"), idList(s.structure.sites, QStringLiteral("^[0-9][0-9A-Z]{8,14}$"),
                                         QStringLiteral("IDNST attendu : chiffre du type puis numéro (1 + FINESS, "
                                                        "3 + SIRET)"))},
        {QStringLiteral("author_role"),
         [&s](const QString& v, const Location& at) -> Result<void> {
             static const QRegularExpression re(
                 QStringLiteral(R"(^[A-Za-z0-9_.\-]{1,40}\^\^\^&[0-2](\.(0|[1-9][0-9]{0,8}))+&ISO$)"));
             if (!re.match(v).hasMatch()) {
                 return settingError(at, QStringLiteral("rôle codé attendu : code^^^&OID&ISO"),
                                     QStringLiteral("author_role must be code^^^&OID&ISO"));
             }
             s.structure.authorRole = v;
             return {};
         }},
        {QStringLiteral("staff"),
         idList(s.structure.staff, QStringLiteral("^[0-9]{11}$"), QStringLiteral("RPPS attendu (11 chiffres)"))},
    };
    sections[QStringLiteral("postal")] = {
        {QStringLiteral("queue"),
         [&s](const QString& v, const Location& at) -> Result<void> {
             static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.@-]{1,127}$"));
             if (!re.match(v).hasMatch()) {
                 return settingError(at, QStringLiteral("nom de file CUPS attendu (lettres, chiffres, _ . - @)"),
                                     QStringLiteral("bad CUPS queue name"));
             }
             s.postal.queue = v;
             return {};
         }},
        {QStringLiteral("fallback"), boolOf(s.postal.fallback)},
        {QStringLiteral("return_address"),
         [&s](const QString& v, const Location&) -> Result<void> {
             s.postal.returnAddress = QString(v).replace(QLatin1String("\\n"), QLatin1String("\n"));
             return {};
         }},
    };
    sections[QStringLiteral("retry")] = {
        {QStringLiteral("max_attempts"),
         [&s](const QString& v, const Location& at) -> Result<void> {
             auto n = parseInteger(v, 1, 100, at);
             if (!n) {
                 return tl::unexpected(n.error());
             }
             s.retry.maxAttempts = static_cast<int>(*n);
             return {};
         }},
        {QStringLiteral("initial_delay"), durationOf(s.retry.initialDelay)},
        {QStringLiteral("max_delay"), durationOf(s.retry.maxDelay)},
        {QStringLiteral("jitter"),
         [&s](const QString& v, const Location& at) -> Result<void> {
             bool ok = false;
             const double j = v.toDouble(&ok);
             if (!ok || j < 0.0 || j > 0.9) {
                 return settingError(at, QStringLiteral("nombre attendu entre 0 et 0.9"),
                                     QStringLiteral("jitter out of range"));
             }
             s.retry.jitter = j;
             return {};
         }},
    };
    sections[QStringLiteral("directory")] = {
        {QStringLiteral("update_share"), pathOf(s.directoryUpdate.share, false)}, // a share may be offline now
        {QStringLiteral("update_url"), urlOf(s.directoryUpdate.url, {QStringLiteral("https")})},
        {QStringLiteral("ca_bundle"), pathOf(s.directoryUpdate.caBundle, true)},
    };
    sections[QStringLiteral("storage")] = {
        {QStringLiteral("url"),
         [&s](const QString& v, const Location& at) -> Result<void> {
             const QUrl u(v, QUrl::StrictMode);
             if (!u.isValid()
                 || (u.scheme() != QLatin1String("postgresql") && u.scheme() != QLatin1String("postgres"))) {
                 return settingError(at, QStringLiteral("adresse postgresql://serveur/base attendue"),
                                     QStringLiteral("storage url scheme"));
             }
             if (!u.password().isEmpty() || QUrlQuery(u).hasQueryItem(QStringLiteral("password"))) {
                 return settingError(at,
                                     QStringLiteral("le mot de passe n'a pas sa place dans l'adresse : "
                                                    "password_keychain, password_file ou password_env"),
                                     QStringLiteral("password in storage url"));
             }
             s.storage.url = v;
             return {};
         }},
        {QStringLiteral("password_file"), pathOf(s.storage.password.file, true)},
        {QStringLiteral("password_env"), envName(s.storage.password.envVar)},
        {QStringLiteral("password_keychain"), envName(s.storage.password.keychainKey)},
    };
    sections[QStringLiteral("outbox")] = {
        {QStringLiteral("path"), pathOf(s.outboxPath, false)},
    };
    // Its keys are document type codes: checked by rulesOf below, not listed here.
    sections[QStringLiteral("rules")] = {};

    static const QStringList secretKeys{QStringLiteral("passphrase"), QStringLiteral("password"),
                                        QStringLiteral("pass"), QStringLiteral("secret")};
    // A later file naming a secret's source replaces the earlier file's source as a whole (a user's
    // keychain entry over IT's passphrase file), so that the sources stay exclusive.
    const std::map<QString, SecretSource*> secretGroups{
        {QStringLiteral("mssante.passphrase_"), &s.mssante.certificate.passphrase},
        {QStringLiteral("imap.password_"), &s.imap.password},
        {QStringLiteral("storage.password_"), &s.storage.password},
        {QStringLiteral("dmp.passphrase_"), &s.dmp.certificate.passphrase},
        {QStringLiteral("dmp.signing_passphrase_"), &s.dmp.signingCertificate.passphrase},
    };
    std::map<QString, std::pair<QString, int>> seen; // section.key -> the file and line that set it last
    QString path;
    for (const SettingsSource& source : sources) {
        path = source.name;
        if (!source.policy) {
            s.sourceFile = path; // the user's or IT's file; the policies are not where one edits
        }
        std::map<QString, int> seenHere;
        std::set<QString> groupsHere;
        Location at{path, 0, {}, {}};
        bool bom = true;
        QList<QByteArray> lines = source.text.split('\n');
        if (!lines.isEmpty() && lines.last().isEmpty()) {
            lines.removeLast(); // the final newline ends the last line, it does not start one
        }
        for (QByteArray raw : lines) {
            ++at.line;
            if (bom && raw.startsWith("\xEF\xBB\xBF")) {
                raw.remove(0, 3);
            }
            bom = false;
            const QString line = QString::fromUtf8(raw).trimmed();
            at.key.clear();
            if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';')) {
                continue;
            }
            if (line.startsWith(u'[')) {
                if (!line.endsWith(u']')) {
                    return settingError(at, QStringLiteral("section mal formée"), QStringLiteral("bad section header"));
                }
                at.section = line.mid(1, line.size() - 2).trimmed();
                if (sections.find(at.section) == sections.end()) {
                    return settingError(at, QStringLiteral("section inconnue"), QStringLiteral("unknown section"));
                }
                continue;
            }
            const int eq = line.indexOf(u'=');
            if (eq <= 0) {
                return settingError(at, QStringLiteral("ligne « clé = valeur » attendue"),
                                    QStringLiteral("expected key = value"));
            }
            at.key = line.left(eq).trimmed();
            QString value = line.mid(eq + 1).trimmed();
            if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"')) {
                value = value.mid(1, value.size() - 2);
            }
            if (at.section.isEmpty()) {
                return settingError(at, QStringLiteral("clé hors de toute section"),
                                    QStringLiteral("key outside a section"));
            }
            if (secretKeys.contains(at.key)) {
                return settingError(at,
                                    QStringLiteral("un secret ne doit jamais figurer dans la configuration : indiquez "
                                                   "passphrase_file (fichier 0600) ou passphrase_env"),
                                    QStringLiteral("secret inline in configuration"));
            }
            auto& keys = sections[at.section];
            const auto handler =
                at.section == QLatin1String("rules") ? keys.emplace(at.key, rulesOf(s)).first : keys.find(at.key);
            if (handler == keys.end()) {
                return settingError(at, QStringLiteral("clé inconnue"), QStringLiteral("unknown key"));
            }
            const QString fullKey = at.section + u'.' + at.key;
            if (seenHere.count(fullKey) != 0) {
                return settingError(at, QStringLiteral("clé déjà définie ligne %1").arg(seenHere[fullKey]),
                                    QStringLiteral("duplicate key"));
            }
            seenHere[fullKey] = at.line;
            seen[fullKey] = {path, at.line};
            for (const auto& [prefix, secret] : secretGroups) {
                if (fullKey.startsWith(prefix) && groupsHere.insert(prefix).second) {
                    *secret = SecretSource{};
                }
            }
            if (value.isEmpty()) {
                return settingError(at, QStringLiteral("valeur vide"), QStringLiteral("empty value"));
            }
            for (const QChar c : value) {
                if (c.category() == QChar::Other_Control) {
                    return settingError(at, QStringLiteral("caractère de contrôle interdit"),
                                        QStringLiteral("control character"));
                }
            }
            if (auto applied = handler->second(value, at); !applied) {
                return tl::unexpected(applied.error());
            }
            if (source.policy && !s.locked.contains(fullKey)) {
                s.locked.append(fullKey);
            }
        }
    }

    // Cross-key rules, on the merged settings: a channel that is configured must be complete. An
    // error names the file and line of the key it is about (the last file when the key is missing).
    const auto fileOf = [&](const QString& key) {
        const auto it = seen.find(key);
        return it == seen.end() ? path : it->second.first;
    };
    const auto lineOf = [&](const QString& key) {
        const auto it = seen.find(key);
        return it == seen.end() ? 0 : it->second.second;
    };
    const auto locationOf = [&](const QString& fullKey) {
        return Location{fileOf(fullKey), lineOf(fullKey), fullKey.section(u'.', 0, 0), fullKey.section(u'.', 1)};
    };
    const auto need = [&](const QString& section, const QString& key, bool present,
                          const QString& anchor) -> Result<void> {
        if (present) {
            return {};
        }
        const QString anchorKey = section + u'.' + anchor;
        return settingError(Location{fileOf(anchorKey), lineOf(anchorKey), section, key},
                            QStringLiteral("obligatoire quand %1.%2 est défini").arg(section, anchor),
                            QStringLiteral("required with %1.%2").arg(section, anchor));
    };
    const auto mss = QStringLiteral("mssante");
    const auto url = QStringLiteral("smtp_url");
    if (s.mssante.isConfigured()) {
        for (const auto& [key, present] : std::initializer_list<std::pair<QString, bool>>{
                 {QStringLiteral("sender"), !s.mssante.sender.isEmpty()},
                 {QStringLiteral("client_certificate"), !s.mssante.certificate.pkcs12Path.isEmpty()},
                 {QStringLiteral("ca_bundle"), !s.mssante.caBundle.isEmpty()},
                 {QStringLiteral("nil"), !s.mssante.nil.isEmpty()}}) {
            if (auto ok = need(mss, key, present, url); !ok) {
                return tl::unexpected(ok.error());
            }
        }
    }
    if (auto ok =
            checkSecretSource(s.mssante.certificate.passphrase, locationOf(QStringLiteral("mssante.passphrase_env")));
        !ok) {
        return tl::unexpected(ok.error());
    }
    if (s.dmp.isConfigured()) {
        if (auto ok = need(QStringLiteral("dmp"), QStringLiteral("client_certificate"),
                           !s.dmp.certificate.pkcs12Path.isEmpty(), QStringLiteral("endpoint"));
            !ok) {
            return tl::unexpected(ok.error());
        }
        if (auto ok = need(QStringLiteral("dmp"), QStringLiteral("ca_bundle"), !s.dmp.caBundle.isEmpty(),
                           QStringLiteral("endpoint"));
            !ok) {
            return tl::unexpected(ok.error());
        }
        if (s.dmp.structureId.isEmpty()) {
            s.dmp.structureId = s.structure.id;
        }
        // The VIHF cannot be built without them: better said now than at the first send.
        if (auto ok = need(QStringLiteral("dmp"), QStringLiteral("structure_id"), !s.dmp.structureId.isEmpty(),
                           QStringLiteral("endpoint"));
            !ok) {
            return tl::unexpected(ok.error());
        }
        if (auto ok = need(QStringLiteral("dmp"), QStringLiteral("responsible_id"), !s.dmp.responsibleId.isEmpty(),
                           QStringLiteral("endpoint"));
            !ok) {
            return tl::unexpected(ok.error());
        }
    }
    if (auto ok = checkSecretSource(s.dmp.signingCertificate.passphrase,
                                    locationOf(QStringLiteral("dmp.signing_passphrase_env")));
        !ok) {
        return tl::unexpected(ok.error());
    }
    if (auto ok = checkSecretSource(s.dmp.certificate.passphrase, locationOf(QStringLiteral("dmp.passphrase_env")));
        !ok) {
        return tl::unexpected(ok.error());
    }
    if (auto ok = checkSecretSource(s.imap.password, locationOf(QStringLiteral("imap.password_env"))); !ok) {
        return tl::unexpected(ok.error());
    }
    if (auto ok = checkSecretSource(s.storage.password, locationOf(QStringLiteral("storage.password_env"))); !ok) {
        return tl::unexpected(ok.error());
    }
    if (s.imap.isConfigured()) {
        if (auto ok =
                need(QStringLiteral("imap"), QStringLiteral("user"), !s.imap.user.isEmpty(), QStringLiteral("url"));
            !ok) {
            return tl::unexpected(ok.error());
        }
        if (s.imap.caBundle.isEmpty()) {
            s.imap.caBundle = s.mssante.caBundle;
        }
        if (auto ok = need(QStringLiteral("imap"), QStringLiteral("ca_bundle"), !s.imap.caBundle.isEmpty(),
                           QStringLiteral("url"));
            !ok) {
            return tl::unexpected(ok.error());
        }
    }
    if (s.retry.maxDelay < s.retry.initialDelay) {
        return settingError(locationOf(QStringLiteral("retry.max_delay")),
                            QStringLiteral("doit être supérieur ou égal à initial_delay"),
                            QStringLiteral("max_delay < initial_delay"));
    }
    return s;
}

QByteArray settingsText(const std::map<QString, std::map<QString, QString>>& sections)
{
    QByteArray text;
    for (const auto& [section, keys] : sections) {
        text += '[' + section.toUtf8() + "]\n";
        for (const auto& [key, value] : keys) {
            // One value, one line: a newline in a registry value must not add a key.
            text += key.toUtf8() + " = " + QString(value).remove(u'\r').replace(u'\n', u' ').toUtf8() + '\n';
        }
    }
    return text;
}

QString policiesPath()
{
    return QStringLiteral("/etc/missive/policies.conf");
}

namespace
{

#ifdef Q_OS_WIN
// A registry key whose subkeys are sections and whose string values are keys, as configuration
// text: the MSI's settings, or Group Policy's. Nothing when the key is absent or empty.
std::optional<SettingsSource> registrySource(const QString& path, bool policy)
{
    QSettings registry(path, QSettings::Registry64Format);
    std::map<QString, std::map<QString, QString>> sections;
    for (const QString& group : registry.childGroups()) {
        registry.beginGroup(group);
        for (const QString& key : registry.childKeys()) {
            sections[group][key] = registry.value(key).toString();
        }
        registry.endGroup();
    }
    if (sections.empty()) {
        return std::nullopt;
    }
    return SettingsSource{registry.fileName(), settingsText(sections), policy};
}
#endif

// IT's policies, when the file exists: only root may have written it.
Result<std::optional<SettingsSource>> readPolicies(const QString& path)
{
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        return std::nullopt;
    }
#ifndef Q_OS_WIN
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != 0
        || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("%1 : le fichier des stratégies doit appartenir à root et n'être modifiable "
                                        "que par lui (chmod 644)")
                             .arg(path),
                         QStringLiteral("policies file not owned by root or writable by others"));
    }
#endif
    auto read = readConfigSource(path);
    if (!read) {
        return tl::unexpected(read.error());
    }
    read->policy = true;
    return std::optional<SettingsSource>(*read);
}

} // namespace

Result<Settings> loadSettings(const QString& explicitPath, const QString& policies)
{
    auto layers = configLayers(explicitPath);
    if (!layers) {
        return tl::unexpected(layers.error());
    }
    QList<SettingsSource> sources;
#ifdef Q_OS_WIN
    // Under IT's file, what the MSI's properties wrote (HKLM: administrators only).
    if (explicitPath.isEmpty() && qEnvironmentVariableIsEmpty("MISSIVE_CONFIG")) {
        if (auto msi = registrySource(QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Missive\\Settings"), false)) {
            sources.append(*msi);
        }
    }
#endif
    for (const QString& path : *layers) {
        auto read = readConfigSource(path);
        if (!read) {
            return tl::unexpected(read.error());
        }
        sources.append(*read);
    }
    auto imposed = readPolicies(policies);
    if (!imposed) {
        return tl::unexpected(imposed.error());
    }
    if (*imposed) {
        sources.append(**imposed);
    }
#ifdef Q_OS_WIN
    // Group Policy (missive.admx): per-user policies, then the machine's, which win. Both keys are
    // writable by administrators only.
    for (const char* key :
         {"HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Missive", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Missive"}) {
        if (auto policy = registrySource(QString::fromLatin1(key), true)) {
            sources.append(*policy);
        }
    }
#endif
    if (sources.isEmpty()) {
        return Settings{};
    }
    return parseSettingsSources(sources);
}

namespace
{

QString formatAllSettings(const Settings& s)
{
    QString out = QStringLiteral("# Missive — written by Paramètres. No secret in here: only where to find it.\n");
    const auto section = [&](const char* name, const QList<std::pair<const char*, QString>>& keys) {
        QString body;
        for (const auto& [key, value] : keys) {
            // What IT's policies impose is theirs: copied into a user's file it would outlive them.
            const QString setting = QLatin1String(name) + u'.' + QLatin1String(key);
            if (!value.isEmpty() && !s.locked.contains(setting)) {
                body += QLatin1String(key) + QStringLiteral(" = ") + value + u'\n';
            }
        }
        if (!body.isEmpty()) {
            out += u'\n' + QStringLiteral("[%1]\n").arg(QLatin1String(name)) + body;
        }
    };
    const auto url = [](const QUrl& u) { return u.isEmpty() ? QString() : u.toString(); };
    const auto secs = [](std::chrono::seconds d) { return QString::number(d.count()); };
    const auto flag = [](bool b) { return b ? QStringLiteral("true") : QStringLiteral("false"); };
    // Secrets only by their source: the three keys that may name it.
    struct SecretKeys
    {
        const char* file;
        const char* env;
        const char* keychain;
    };
    static constexpr SecretKeys Passphrase{"passphrase_file", "passphrase_env", "passphrase_keychain"};
    static constexpr SecretKeys Password{"password_file", "password_env", "password_keychain"};
    static constexpr SecretKeys SigningPassphrase{"signing_passphrase_file", "signing_passphrase_env",
                                                  "signing_passphrase_keychain"};
    const auto withSecret = [](QList<std::pair<const char*, QString>> keys, const SecretKeys& names,
                               const SecretSource& source) {
        keys.append({{names.file, source.file}, {names.env, source.envVar}, {names.keychain, source.keychainKey}});
        return keys;
    };
    const bool mssante = s.mssante.isConfigured();
    section("mssante", withSecret({{"smtp_url", url(s.mssante.smtpUrl)},
                                   {"sender", s.mssante.sender},
                                   {"client_certificate", s.mssante.certificate.pkcs12Path},
                                   {"ca_bundle", s.mssante.caBundle},
                                   {"nil", s.mssante.nil},
                                   {"request_disposition", mssante ? flag(s.mssante.requestDisposition) : QString()},
                                   {"patient_no_reply", mssante ? flag(s.mssante.patientNoReply) : QString()},
                                   {"timeout", mssante ? secs(s.mssante.timeout) : QString()}},
                                  Passphrase, s.mssante.certificate.passphrase));
    section("imap", withSecret({{"url", url(s.imap.url)}, {"user", s.imap.user}, {"ca_bundle", s.imap.caBundle}},
                               Password, s.imap.password));
    const bool dmp = s.dmp.isConfigured();
    section("dmp", withSecret(withSecret({{"endpoint", url(s.dmp.endpoint)},
                                          {"client_certificate", s.dmp.certificate.pkcs12Path},
                                          {"ca_bundle", s.dmp.caBundle},
                                          {"signing_certificate", s.dmp.signingCertificate.pkcs12Path},
                                          {"structure_id", s.dmp.structureId},
                                          {"responsible_id", s.dmp.responsibleId},
                                          {"activity_sector", dmp ? s.dmp.activitySector : QString()},
                                          {"software_id", s.dmp.softwareId},
                                          {"homologation_id", s.dmp.homologationId},
                                          {"timeout", dmp ? secs(s.dmp.timeout) : QString()}},
                                         Passphrase, s.dmp.certificate.passphrase),
                              SigningPassphrase, s.dmp.signingCertificate.passphrase));
    section("structure", {{"id", s.structure.id},
                          {"name", s.structure.name},
                          {"facility_type", s.structure.facilityType},
                          {"practice_setting", s.structure.practiceSetting},
                          {"author_specialty", s.structure.authorSpecialty},
                          {"service", s.structure.service},
                          {"ipp_root", s.structure.ippRoot},
                          {"content_type", s.structure.contentType},
                          {"sites", s.structure.sites.join(QStringLiteral(", "))},
                          {"author_role", s.structure.authorRole},
                          {"staff", s.structure.staff.join(QStringLiteral(", "))}});
    section("postal", {{"queue", s.postal.queue},
                       {"fallback", flag(s.postal.fallback)},
                       {"return_address", QString(s.postal.returnAddress).replace(u'\n', QLatin1String("\\n"))}});
    section("directory", {{"update_share", s.directoryUpdate.share},
                          {"update_url", url(s.directoryUpdate.url)},
                          {"ca_bundle", s.directoryUpdate.caBundle}});
    section("storage", withSecret({{"url", s.storage.url}}, Password, s.storage.password));
    section("retry", {{"max_attempts", QString::number(s.retry.maxAttempts)},
                      {"initial_delay", secs(s.retry.initialDelay)},
                      {"max_delay", secs(s.retry.maxDelay)},
                      {"jitter", QString::number(s.retry.jitter)}});
    section("outbox", {{"path", s.outboxPath}});
    QString rules;
    for (const auto& [type, recipients] : s.documentRules) {
        if (!s.locked.contains(QStringLiteral("rules.") + type)) {
            rules += type + QStringLiteral(" = ") + recipients.join(QStringLiteral(", ")) + u'\n';
        }
    }
    if (!rules.isEmpty()) {
        out += QStringLiteral("\n[rules]\n") + rules;
    }
    return out;
}

} // namespace

QString formatSettings(const Settings& settings, const Settings* base)
{
    const QString full = formatAllSettings(settings);
    if (!base) {
        return full;
    }
    // Keep the lines of `settings` that the machine-wide file does not already say, section by section.
    std::set<QString> said;
    QString section;
    for (const QString& line : formatAllSettings(*base).split(u'\n')) {
        if (line.startsWith(u'[')) {
            section = line;
        } else if (line.contains(u'=')) {
            said.insert(section + line);
        }
    }
    QString out;
    QString pendingHeader;
    for (const QString& line : full.split(u'\n')) {
        if (line.startsWith(u'[')) {
            section = line;
            pendingHeader = u'\n' + line + u'\n';
        } else if (line.contains(u'=') && !line.startsWith(u'#')) {
            if (said.count(section + line) == 0) {
                out += pendingHeader + line + u'\n';
                pendingHeader.clear();
            }
        } else if (line.startsWith(u'#')) {
            out += line + u'\n';
        }
    }
    return out;
}

} // namespace missive::settings
