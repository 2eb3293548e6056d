// `missive directory …`: the preference directory (import, search, show, prefer, confirm, rules, add, stats).

#include "cli.h"
#include "missive/core/document_type.h"
#include "missive/directory/directory.h"
#include "missive/engine/directory_update.h"
#include "missive/engine/recipient_matching.h"
#include "missive/engine/storage.h"
#include "missive/settings/settings.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <algorithm>
#include <functional>
#include <optional>
#include <pwd.h>
#include <unistd.h>

namespace missive::cli
{
namespace
{

using directory::Channel;
using directory::ChannelKind;
using directory::Directory;
using directory::HistoryEntry;
using directory::ImportReport;
using directory::Preference;
using directory::PreferenceSource;
using directory::Rule;

QString currentUser()
{
    if (const passwd* pw = getpwuid(getuid())) {
        return QString::fromLocal8Bit(pw->pw_name);
    }
    return QString::number(getuid());
}

QString scoreText(double score)
{
    return QString::number(score, 'f', 2).replace(QLatin1Char('.'), QLatin1Char(','));
}

QJsonObject mailboxJson(const Mailbox& box)
{
    return QJsonObject{{QStringLiteral("address"), box.address},
                       {QStringLiteral("type"), mailboxTypeCode(box.type)},
                       {QStringLiteral("organisation"), box.organisation},
                       {QStringLiteral("service"), box.service}};
}

QJsonObject professionalJson(const Professional& p)
{
    QJsonArray mailboxes;
    for (const auto& box : p.mailboxes) {
        mailboxes.append(mailboxJson(box));
    }
    return QJsonObject{{QStringLiteral("rpps"), p.rpps},
                       {QStringLiteral("idnps"), p.idnps},
                       {QStringLiteral("display_name"), p.displayName()},
                       {QStringLiteral("title"), p.title},
                       {QStringLiteral("civility"), p.civility},
                       {QStringLiteral("family_name"), p.familyName},
                       {QStringLiteral("given_name"), p.givenName},
                       {QStringLiteral("profession_code"), p.professionCode},
                       {QStringLiteral("profession"), p.professionLabel},
                       {QStringLiteral("specialty_code"), p.specialtyCode},
                       {QStringLiteral("specialty"), p.specialtyLabel},
                       {QStringLiteral("practice"), p.practiceName},
                       {QStringLiteral("address"), QJsonArray::fromStringList(p.addressLines)},
                       {QStringLiteral("postcode"), p.postcode},
                       {QStringLiteral("city"), p.city},
                       {QStringLiteral("mailboxes"), mailboxes},
                       {QStringLiteral("local"), p.local},
                       {QStringLiteral("retired"), p.retired}};
}

QJsonObject channelJson(const Channel& c)
{
    QJsonObject o{{QStringLiteral("kind"), directory::channelKindName(c.kind)},
                  {QStringLiteral("address"), c.address},
                  {QStringLiteral("preferred"), c.preferred}};
    if (c.kind == ChannelKind::Mssante) {
        o.insert(QStringLiteral("mailbox_type"), mailboxTypeCode(c.mailboxType));
    } else {
        o.insert(QStringLiteral("postal_lines"), QJsonArray::fromStringList(c.postalLines));
    }
    return o;
}

QJsonObject preferenceJson(const Preference& p)
{
    return QJsonObject{{QStringLiteral("document_type"), p.documentType},
                       {QStringLiteral("channel"), directory::channelKindName(p.channel)},
                       {QStringLiteral("address"), p.address},
                       {QStringLiteral("source"),
                        p.source == PreferenceSource::Learned ? QStringLiteral("learned") : QStringLiteral("explicit")},
                       {QStringLiteral("updated_at"), p.updatedAt.toString(Qt::ISODate)},
                       {QStringLiteral("updated_by"), p.updatedBy}};
}

QJsonObject historyJson(const HistoryEntry& h)
{
    return QJsonObject{{QStringLiteral("at"), h.at.toString(Qt::ISODate)},
                       {QStringLiteral("user"), h.user},
                       {QStringLiteral("change"), h.change},
                       {QStringLiteral("from"), h.from},
                       {QStringLiteral("to"), h.to}};
}

QJsonObject reportJson(const ImportReport& r)
{
    QJsonArray malformed;
    for (const auto& m : r.firstMalformed) {
        malformed.append(QJsonObject{{QStringLiteral("line"), m.line}, {QStringLiteral("reason"), m.reason}});
    }
    return QJsonObject{{QStringLiteral("file"), r.file},
                       {QStringLiteral("kind"), directory::sourceKindName(r.kind)},
                       {QStringLiteral("columns"), r.columns},
                       {QStringLiteral("lines"), r.lines},
                       {QStringLiteral("added"), r.counts.added},
                       {QStringLiteral("updated"), r.counts.updated},
                       {QStringLiteral("unchanged"), r.counts.unchanged},
                       {QStringLiteral("duplicates"), r.counts.duplicates},
                       {QStringLiteral("retired"), r.counts.retired},
                       {QStringLiteral("persons"), r.counts.persons},
                       {QStringLiteral("persons_retired"), r.counts.personsRetired},
                       {QStringLiteral("malformed"), r.malformed},
                       {QStringLiteral("first_malformed"), malformed},
                       {QStringLiteral("milliseconds"), r.milliseconds}};
}

QJsonObject ruleJson(const Rule& rule)
{
    const auto type = findDocumentType(rule.documentType);
    return QJsonObject{{QStringLiteral("document_type"), rule.documentType},
                       {QStringLiteral("label"), type ? type->label : QString()},
                       {QStringLiteral("recipient"), directory::recipientSpec(rule)},
                       {QStringLiteral("rpps"), rule.rpps},
                       {QStringLiteral("imposed"), rule.imposed}};
}

QString recipientText(const Rule& rule)
{
    switch (rule.recipient) {
    case directory::RecipientKind::PatientDmp:
        return QStringLiteral("DMP du patient");
    case directory::RecipientKind::PatientMailbox:
        return QStringLiteral("messagerie MSSanté du patient");
    case directory::RecipientKind::Gp:
        return QStringLiteral("médecin traitant");
    case directory::RecipientKind::Professional:
        break;
    }
    return QStringLiteral("professionnel ") + rule.rpps;
}

void printJson(const QJsonObject& object, Streams& io)
{
    io.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QString oneLine(const Professional& p)
{
    QStringList parts{p.displayName()};
    const QString what = QStringList{p.professionLabel, p.specialtyLabel}.join(QStringLiteral(", "));
    if (what != QLatin1String(", ")) {
        parts << what;
    }
    const QString where = QString(p.postcode + QLatin1Char(' ') + p.city).trimmed();
    if (!where.isEmpty()) {
        parts << where;
    }
    QString text = parts.join(QStringLiteral(" — "));
    if (p.local) {
        text += QStringLiteral(" [ajout local]");
    }
    if (p.retired) {
        text += QStringLiteral(" [retiré de l'annuaire]");
    }
    return text;
}

void printImport(const ImportReport& r, Streams& io)
{
    io.out << r.file << " : "
           << (r.kind == directory::SourceKind::PersonneActivite ? "activités des professionnels"
                                                                 : "boîtes aux lettres MSSanté")
           << " (" << r.columns << " colonnes), " << r.lines << " lignes en " << r.milliseconds << " ms\n"
           << "  ajoutées " << r.counts.added << ", modifiées " << r.counts.updated << ", inchangées "
           << r.counts.unchanged << ", doublons " << r.counts.duplicates << ", retirées " << r.counts.retired;
    if (r.kind == directory::SourceKind::PersonneActivite) {
        io.out << " ; professionnels " << r.counts.persons << " (retirés " << r.counts.personsRetired << ")";
    }
    io.out << '\n';
    if (r.malformed > 0) {
        io.err << "missive : " << r.file << " : " << r.malformed << " ligne(s) mal formée(s) ignorée(s)\n";
        for (const auto& m : r.firstMalformed) {
            io.err << "  ligne " << m.line << " : " << m.reason << '\n';
        }
    }
}

void printProfessional(const QList<Professional>& practices, const QList<Channel>& channels,
                       const QList<Preference>& preferences, const QList<HistoryEntry>& history, Streams& io)
{
    const Professional& p = practices.first();
    io.out << p.displayName() << '\n' << "RPPS : " << p.rpps << '\n';
    if (!p.idnps.isEmpty()) {
        io.out << "Identifiant national : " << p.idnps << '\n';
    }
    if (p.local) {
        io.out << "Ajout local (absent des extractions de l'Annuaire Santé)\n";
    }
    if (p.retired) {
        io.out << "Retiré : absent de la dernière extraction importée\n";
    }
    for (const auto& practice : practices) {
        io.out << "\nExercice" << (practice.retired ? " (retiré)" : "") << " : "
               << QStringList{practice.professionLabel, practice.specialtyLabel}.join(QStringLiteral(", ")) << '\n';
        if (!practice.practiceName.isEmpty()) {
            io.out << "  " << practice.practiceName << '\n';
        }
        for (const auto& line : practice.postalAddress()) {
            io.out << "  " << line << '\n';
        }
    }
    io.out << "\nCanaux (par ordre de préférence) :\n";
    if (channels.isEmpty()) {
        io.out << "  aucun\n";
    }
    for (const auto& c : channels) {
        io.out << "  " << (c.preferred ? "* " : "  ")
               << (c.kind == ChannelKind::Mssante ? QStringLiteral("MSSanté %1 ").arg(mailboxTypeCode(c.mailboxType))
                                                  : QStringLiteral("courrier "))
               << c.address << '\n';
    }
    if (!preferences.isEmpty()) {
        io.out << "\nPréférences :\n";
        for (const auto& pref : preferences) {
            io.out << "  " << (pref.documentType.isEmpty() ? QStringLiteral("tous documents") : pref.documentType)
                   << " : " << directory::channelKindName(pref.channel)
                   << (pref.address.isEmpty() ? QString() : QLatin1Char(' ') + pref.address) << " ("
                   << (pref.source == PreferenceSource::Learned ? "apprise" : "choisie") << ", " << pref.updatedBy
                   << ", " << pref.updatedAt.toString(Qt::ISODate) << ")\n";
        }
    }
    if (!history.isEmpty()) {
        io.out << "\nHistorique :\n";
        for (const auto& h : history) {
            io.out << "  " << h.at.toString(Qt::ISODate) << "  " << h.user << "  " << h.change << " : "
                   << (h.from.isEmpty() ? QStringLiteral("(rien)") : h.from) << " -> "
                   << (h.to.isEmpty() ? QStringLiteral("(rien)") : h.to) << '\n';
        }
    }
}

std::optional<QList<Rule>> parseRecipients(const QStringList& specs, Streams& io)
{
    QList<Rule> rules;
    for (const auto& spec : specs) {
        auto rule = directory::parseRecipient(spec);
        if (!rule || (rule->recipient == directory::RecipientKind::Professional && rule->rpps.isEmpty())) {
            usageError(
                QStringLiteral("destinataire inconnu : %1 (patient-dmp, patient-mailbox, gp ou rpps:NUMÉRO)").arg(spec),
                io);
            return std::nullopt;
        }
        rules << *rule;
    }
    return rules;
}

// ---- One small command per verb. Each names its options (beyond the common --db, --json, --user
// and --help), checks its arguments before the database is opened (and maybe created), then runs.

struct Call
{
    const QCommandLineParser& parser;
    QStringList positional; // after the verb
    bool json = false;
    QString who; // recorded with what the verb changes
    Streams& io;
    QString location = {}; // the directory's file or URL, as opened

    [[nodiscard]] QString value(const char* option) const
    {
        return parser.value(QLatin1String(option));
    }
    [[nodiscard]] QStringList values(const char* option) const
    {
        return parser.values(QLatin1String(option));
    }
    [[nodiscard]] bool isSet(const char* option) const
    {
        return parser.isSet(QLatin1String(option));
    }
};

struct Verb
{
    const char* name;
    const char* usage; // French, shown with a usage error
    QList<QCommandLineOption> options;
    // A usage error (French) before anything is opened, or nothing.
    std::function<std::optional<QString>(const Call&)> check;
    std::function<int(Directory&, Call&)> run;
};

QCommandLineOption valued(const char* name, const char* description, const char* valueName)
{
    return {QString::fromLatin1(name), QString::fromUtf8(description), QString::fromUtf8(valueName)};
}

// One file's import as reported: printed, or added to the JSON's list (its malformed lines then
// said on stderr).
void showImport(const ImportReport& imported, QJsonArray& reports, Call& call)
{
    if (call.json) {
        reports.append(reportJson(imported));
        if (imported.malformed > 0) {
            call.io.err << "missive : " << imported.file << " : " << imported.malformed
                        << " ligne(s) mal formée(s) ignorée(s)\n";
        }
    } else {
        printImport(imported, call.io);
    }
}

int importFiles(Directory& dir, const QStringList& files, Call& call)
{
    QJsonArray reports;
    for (const auto& file : files) {
        auto imported = dir.importFile(file);
        if (!imported) {
            if (call.json) {
                printJson(QJsonObject{{QStringLiteral("files"), reports},
                                      {QStringLiteral("error"), imported.error().userMessage}},
                          call.io);
            }
            return report(imported.error(), call.io);
        }
        showImport(*imported, reports, call);
    }
    if (call.json) {
        printJson(QJsonObject{{QStringLiteral("files"), reports}}, call.io);
    }
    return ExitSuccess;
}

int runImport(Directory& dir, Call& call)
{
    return importFiles(dir, call.positional, call);
}

// The reports of an import into the machine's shared directory (done as a whole, then published).
int printShared(const Result<QList<ImportReport>>& imported, Call& call)
{
    if (!imported) {
        if (call.json) {
            printJson(QJsonObject{{QStringLiteral("shared"), directory::sharedDatabasePath()},
                                  {QStringLiteral("error"), imported.error().userMessage}},
                      call.io);
        }
        return report(imported.error(), call.io);
    }
    QJsonArray reports;
    for (const ImportReport& one : *imported) {
        showImport(one, reports, call);
    }
    if (call.json) {
        printJson(QJsonObject{{QStringLiteral("shared"), directory::sharedDatabasePath()},
                              {QStringLiteral("files"), reports}},
                  call.io);
    } else {
        call.io.out << (imported->isEmpty() ? "L'annuaire partagé est à jour : " : "Annuaire partagé publié : ")
                    << directory::sharedDatabasePath() << '\n';
    }
    return ExitSuccess;
}

// `import --shared`, `update --shared`: the machine's shared directory, never the user's own base.
int runShared(Call& call, const settings::Settings& settings, bool update)
{
    if (!update) {
        return printShared(directory::updateSharedDirectory(directory::sharedDatabasePath(), call.positional), call);
    }
    if (call.isSet("if-configured") && !settings.directoryUpdate.isConfigured()) {
        // The package's daily timer on a machine whose IT set no source: nothing to do, not a failure.
        call.io.out << "Aucune source d'annuaire configurée ([directory] update_share ou update_url) : rien à faire.\n";
        return ExitSuccess;
    }
    QTemporaryDir scratch; // 0700: a download stays the caller's until imported
    return printShared(engine::updateSharedDirectory(settings, scratch.path()), call);
}

// The newest extracts from IT's share or the configured address, those not imported yet.
int runUpdate(Directory& dir, Call& call)
{
    auto settings = settings::loadSettings(call.value("config"));
    if (!settings) {
        return report(settings.error(), call.io);
    }
    QTemporaryDir scratch; // 0700: a download stays the caller's until imported
    auto fetched = engine::fetchNewExtracts(*settings, dir, scratch.path());
    if (!fetched) {
        return report(fetched.error(), call.io);
    }
    if (fetched->isEmpty() && !call.json) {
        call.io.out << "L'annuaire est à jour.\n";
    }
    return importFiles(dir, *fetched, call);
}

int runSearch(Directory& dir, Call& call)
{
    Streams& io = call.io;
    const QString text = call.positional.join(QLatin1Char(' '));
    directory::MatchQuery query;
    query.city = call.value("city");
    query.postcode = call.value("postcode");
    query.title = call.value("title");
    query.specialtyWords = call.values("specialty");
    query.excludeRpps = call.values("exclude");
    const int maxResults = call.isSet("limit") ? call.value("limit").toInt() : 5;
    auto searched = engine::searchDirectory(dir, text, query, maxResults);
    if (!searched) {
        return report(searched.error(), io);
    }
    const directory::MatchResult& result = *searched;
    if (call.json) {
        QJsonArray candidates;
        for (const auto& c : result.candidates) {
            QJsonObject o = professionalJson(c.professional);
            o.insert(QStringLiteral("score"), c.score);
            candidates.append(o);
        }
        printJson(QJsonObject{{QStringLiteral("query"), text},
                              {QStringLiteral("auto_selected"), result.autoSelected},
                              {QStringLiteral("candidates"), candidates}},
                  io);
    } else {
        if (result.candidates.isEmpty()) {
            io.out << "Aucun professionnel trouvé.\n";
        }
        int rank = 0;
        for (const auto& c : result.candidates) {
            io.out << ++rank << ". " << scoreText(c.score) << "  " << c.professional.rpps << "  "
                   << oneLine(c.professional);
            if (rank == 1 && result.autoSelected) {
                io.out << "  [choix automatique]";
            }
            io.out << '\n';
        }
    }
    return result.candidates.isEmpty() ? ExitNotFound : ExitSuccess;
}

int runShow(Directory& dir, Call& call)
{
    Streams& io = call.io;
    const QString id = call.positional.first();
    auto practices = dir.practices(id);
    if (!practices) {
        return report(practices.error(), io);
    }
    if (practices->isEmpty()) {
        return report(
            Error{ErrorCode::NotFound, QStringLiteral("Professionnel %1 introuvable dans l'annuaire.").arg(id), {}},
            io);
    }
    auto channels = dir.channels(id, call.value("type"));
    auto preferences = dir.preferences(id);
    auto history = dir.history(id);
    for (const Error* e : {channels ? nullptr : &channels.error(), preferences ? nullptr : &preferences.error(),
                           history ? nullptr : &history.error()}) {
        if (e) {
            return report(*e, io);
        }
    }
    if (!call.json) {
        printProfessional(*practices, *channels, *preferences, *history, io);
        return ExitSuccess;
    }
    QJsonObject o = professionalJson(practices->first());
    QJsonArray practiceArray, channelArray, preferenceArray, historyArray;
    for (const auto& p : *practices) {
        practiceArray.append(professionalJson(p));
    }
    for (const auto& c : *channels) {
        channelArray.append(channelJson(c));
    }
    for (const auto& p : *preferences) {
        preferenceArray.append(preferenceJson(p));
    }
    for (const auto& h : *history) {
        historyArray.append(historyJson(h));
    }
    o.insert(QStringLiteral("practices"), practiceArray);
    o.insert(QStringLiteral("channels"), channelArray);
    o.insert(QStringLiteral("preferences"), preferenceArray);
    o.insert(QStringLiteral("history"), historyArray);
    printJson(o, io);
    return ExitSuccess;
}

std::optional<QString> checkChannel(const Call& call)
{
    if (call.positional.size() != 1 || !call.isSet("channel")) {
        return QString();
    }
    if (!directory::channelKindFromName(call.value("channel"))) {
        return QStringLiteral("--channel attend mssante, postal ou none");
    }
    return std::nullopt;
}

// prefer (chosen by the user) and confirm (a sending confirmed: learned).
int runPreference(Directory& dir, Call& call, bool confirmed)
{
    Streams& io = call.io;
    const QString id = call.positional.first();
    const ChannelKind chosen = *directory::channelKindFromName(call.value("channel"));
    auto done = confirmed ? dir.recordConfirmation(id, chosen, call.value("address"), call.value("type"), call.who)
                          : dir.prefer(id, chosen, call.value("address"), call.value("type"), call.who);
    if (!done) {
        return report(done.error(), io);
    }
    auto effective = dir.preference(id, call.value("type"));
    if (!effective) {
        return report(effective.error(), io);
    }
    if (call.json) {
        printJson(*effective ? preferenceJson(**effective) : QJsonObject{}, io);
    } else if (*effective) {
        io.out << "Préférence pour " << id << " : " << directory::channelKindName((*effective)->channel)
               << ((*effective)->address.isEmpty() ? QString() : QLatin1Char(' ') + (*effective)->address)
               << ((*effective)->source == PreferenceSource::Learned ? " (apprise)" : " (choisie)") << '\n';
    }
    return ExitSuccess;
}

std::optional<QString> checkRules(const Call& call)
{
    const QString action = call.positional.value(0, QStringLiteral("list"));
    const qsizetype rest = std::max<qsizetype>(0, call.positional.size() - 1);
    const bool ok = action == QLatin1String("list")     ? rest <= 1
                    : action == QLatin1String("set")    ? rest >= 2
                    : action == QLatin1String("remove") ? rest >= 1
                                                        : false;
    return ok ? std::nullopt : std::optional<QString>(QString());
}

int runRules(Directory& dir, Call& call)
{
    Streams& io = call.io;
    QStringList positional = call.positional;
    const QString action = positional.isEmpty() ? QStringLiteral("list") : positional.takeFirst();
    if (action == QLatin1String("list")) {
        auto rules = dir.rules(positional.value(0));
        if (!rules) {
            return report(rules.error(), io);
        }
        if (call.json) {
            QJsonArray array;
            for (const auto& rule : *rules) {
                array.append(ruleJson(rule));
            }
            printJson(QJsonObject{{QStringLiteral("rules"), array}}, io);
            return ExitSuccess;
        }
        if (rules->isEmpty()) {
            io.out << "Aucune règle.\n";
        }
        QString current;
        for (const auto& rule : *rules) {
            if (rule.documentType != current) {
                current = rule.documentType;
                const auto docType = findDocumentType(current);
                io.out << current << (docType ? QStringLiteral(" (%1)").arg(docType->label) : QString()) << " :\n";
            }
            io.out << "  " << directory::recipientSpec(rule) << "  — " << recipientText(rule)
                   << (rule.imposed ? " (fixée par la configuration)" : "") << '\n';
        }
        return ExitSuccess;
    }
    const QString docType = positional.takeFirst();
    auto recipients = parseRecipients(positional, io);
    if (!recipients) {
        return ExitUsage;
    }
    if (action == QLatin1String("set")) {
        if (auto set = dir.setRules(docType, *recipients, call.who); !set) {
            return report(set.error(), io);
        }
        io.out << "Règles de " << docType << " : " << recipients->size() << " destinataire(s) par défaut.\n";
        return ExitSuccess;
    }
    auto removed = dir.removeRules(docType, *recipients, call.who);
    if (!removed) {
        return report(removed.error(), io);
    }
    if (*removed == 0) {
        return report(Error{ErrorCode::NotFound, QStringLiteral("Aucune règle à supprimer pour %1.").arg(docType), {}},
                      io);
    }
    io.out << *removed << " règle(s) supprimée(s) pour " << docType << ".\n";
    return ExitSuccess;
}

int runAdd(Directory& dir, Call& call)
{
    Professional p;
    p.rpps = call.value("rpps");
    p.familyName = call.value("name").trimmed();
    p.givenName = call.value("given").trimmed();
    const QString t = call.value("title").trimmed();
    if (t.compare(QLatin1String("dr"), Qt::CaseInsensitive) == 0
        || t.compare(QLatin1String("docteur"), Qt::CaseInsensitive) == 0) {
        p.titleCode = QStringLiteral("DR");
        p.title = QStringLiteral("Docteur");
    } else if (t.compare(QLatin1String("pr"), Qt::CaseInsensitive) == 0
               || t.compare(QLatin1String("professeur"), Qt::CaseInsensitive) == 0) {
        p.titleCode = QStringLiteral("PR");
        p.title = QStringLiteral("Professeur");
    } else {
        p.title = t;
    }
    p.professionLabel = call.value("profession");
    p.specialtyLabel = call.value("specialty");
    p.practiceName = call.value("practice");
    p.addressLines = call.values("address");
    p.postcode = call.value("postcode");
    p.city = call.value("city");
    for (const auto& mail : call.values("mssante")) {
        p.mailboxes << Mailbox{mail, MailboxType::Personal, {}, {}};
    }
    auto id = dir.addLocal(p, call.who);
    if (!id) {
        return report(id.error(), call.io);
    }
    if (call.json) {
        printJson(QJsonObject{{QStringLiteral("rpps"), *id}, {QStringLiteral("local"), true}}, call.io);
    } else {
        call.io.out << "Ajouté à l'annuaire local : " << *id << '\n';
    }
    return ExitSuccess;
}

int runStats(Directory& dir, Call& call)
{
    Streams& io = call.io;
    auto stats = dir.stats();
    if (!stats) {
        return report(stats.error(), io);
    }
    const QString database = directory::displayLocation(call.location);
    if (call.json) {
        QJsonArray imports;
        for (const auto& run : stats->lastImports) {
            imports.append(QJsonObject{{QStringLiteral("kind"), directory::sourceKindName(run.kind)},
                                       {QStringLiteral("source"), run.source},
                                       {QStringLiteral("finished_at"), run.finishedAt.toString(Qt::ISODate)},
                                       {QStringLiteral("added"), run.counts.added},
                                       {QStringLiteral("updated"), run.counts.updated},
                                       {QStringLiteral("retired"), run.counts.retired}});
        }
        QJsonObject object{{QStringLiteral("database"), database},
                           {QStringLiteral("professionals"), stats->persons},
                           {QStringLiteral("professionals_retired"), stats->personsRetired},
                           {QStringLiteral("activities"), stats->activities},
                           {QStringLiteral("mailboxes"), stats->mailboxes},
                           {QStringLiteral("local"), stats->local},
                           {QStringLiteral("preferences"), stats->preferences},
                           {QStringLiteral("rules"), stats->rules},
                           {QStringLiteral("imports"), imports}};
        if (!stats->shared.isEmpty()) {
            object.insert(QStringLiteral("shared"), stats->shared);
        }
        printJson(object, io);
        return ExitSuccess;
    }
    io.out << "Base : " << database << '\n';
    if (!stats->shared.isEmpty()) {
        io.out << "Annuaire partagé de la machine : " << stats->shared
               << " (extraits importés par le service ; ajouts locaux, préférences et règles dans la base)\n";
    }
    io.out << "Professionnels : " << stats->persons << " (retirés : " << stats->personsRetired
           << ", ajouts locaux : " << stats->local << ")\n"
           << "Activités : " << stats->activities << '\n'
           << "Boîtes MSSanté : " << stats->mailboxes << '\n'
           << "Préférences : " << stats->preferences << ", règles : " << stats->rules << '\n';
    for (const auto& run : stats->lastImports) {
        io.out << "Import " << run.finishedAt.toString(Qt::ISODate) << "  " << run.source << "  +" << run.counts.added
               << " ~" << run.counts.updated << " -" << run.counts.retired << '\n';
    }
    return ExitSuccess;
}

std::optional<QString> none(const Call&)
{
    return std::nullopt;
}

QCommandLineOption sharedOption()
{
    return {QStringLiteral("shared"),
            QStringLiteral("L'annuaire partagé de la machine (/var/lib/missive/directory.db), "
                           "remplacé d'un bloc : en administrateur (utilisateur missive).")};
}

const QList<Verb>& verbs()
{
    const auto place = [] {
        return QList<QCommandLineOption>{valued("city", "Ville.", "VILLE"), valued("postcode", "Code postal.", "CP")};
    };
    const auto preference = QList<QCommandLineOption>{valued("channel", "Canal.", "mssante|postal|none"),
                                                      valued("address", "Adresse MSSanté.", "ADRESSE"),
                                                      valued("type", "Type de document (code LOINC).", "CODE")};
    const QCommandLineOption shared = sharedOption();
    static const QList<Verb> all{
        {"import",
         "missive directory import [--shared] FICHIER…",
         {shared},
         [](const Call& c) { return c.positional.isEmpty() ? std::optional<QString>(QString()) : std::nullopt; },
         runImport},
        {"update",
         "missive directory update [--shared [--if-configured]] [--config FICHIER]",
         {shared,
          {QStringLiteral("if-configured"),
           QStringLiteral("Avec --shared : sans source configurée, ne rien faire (le minuteur du paquet).")}},
         none,
         runUpdate},
        {"search", "missive directory search TEXTE [--city VILLE] [--json]",
         place()
             + QList<QCommandLineOption>{valued("specialty", "Spécialité.", "MOT"),
                                         valued("title", "Titre (Dr, Pr).", "TITRE"),
                                         valued("exclude", "RPPS à écarter (l'auteur).", "RPPS"),
                                         valued("limit", "Nombre de résultats.", "N")},
         [](const Call& c) -> std::optional<QString> {
             if (c.positional.isEmpty()) {
                 return QString();
             }
             bool ok = true;
             const int limit = c.isSet("limit") ? c.value("limit").toInt(&ok) : 5;
             if (!ok || limit < 1 || limit > 100) {
                 return QStringLiteral("--limit attend un nombre entre 1 et 100");
             }
             return std::nullopt;
         },
         runSearch},
        {"show",
         "missive directory show RPPS [--type CODE] [--json]",
         {valued("type", "Type de document (code LOINC).", "CODE")},
         [](const Call& c) { return c.positional.size() != 1 ? std::optional<QString>(QString()) : std::nullopt; },
         runShow},
        {"prefer", "missive directory prefer RPPS --channel mssante|postal|none [--address ADRESSE] [--type CODE]",
         preference, checkChannel, [](Directory& d, Call& c) { return runPreference(d, c, false); }},
        {"confirm", "missive directory confirm RPPS --channel mssante|postal|none [--address ADRESSE] [--type CODE]",
         preference, checkChannel, [](Directory& d, Call& c) { return runPreference(d, c, true); }},
        {"rules",
         "missive directory rules list [TYPE] | set TYPE DESTINATAIRE… | remove TYPE [DESTINATAIRE…]",
         {},
         checkRules,
         runRules},
        {"add", "missive directory add --name NOM [--given PRÉNOM] [--rpps RPPS] …",
         place()
             + QList<QCommandLineOption>{valued("name", "Nom d'exercice.", "NOM"), valued("given", "Prénom.", "PRÉNOM"),
                                         valued("rpps", "Numéro RPPS.", "RPPS"),
                                         valued("title", "Titre (Dr, Pr).", "TITRE"),
                                         valued("profession", "Profession.", "LIBELLÉ"),
                                         valued("specialty", "Spécialité.", "LIBELLÉ"),
                                         valued("practice", "Lieu d'exercice.", "NOM"),
                                         valued("address", "Ligne d'adresse.", "LIGNE"),
                                         valued("mssante", "Adresse MSSanté.", "ADRESSE")},
         [](const Call& c) { return c.isSet("name") ? std::nullopt : std::optional<QString>(QString()); }, runAdd},
        {"stats", "missive directory stats [--json]", {}, none, runStats},
    };
    return all;
}

QList<QCommandLineOption> commonOptions()
{
    return {valued("db", "Base de l'annuaire : un fichier, ou postgresql://serveur/base.", "BASE"),
            valued("config", "Fichier de configuration ([storage] url : la base partagée du groupe).", "FICHIER"),
            {QStringLiteral("json"), QStringLiteral("Sortie JSON.")},
            valued("user", "Auteur du changement.", "NOM"),
            {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Aide.")}};
}

// The verb: the first argument that is neither an option nor an option's value (options may come
// before it: `missive directory --db FICHIER import …`).
QString verbOf(const QStringList& args)
{
    QCommandLineParser all;
    all.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    QStringList names;
    all.addOptions(commonOptions());
    for (const Verb& verb : verbs()) {
        for (const QCommandLineOption& option : verb.options) {
            if (!names.contains(option.names().first())) {
                names << option.names().first();
                all.addOption(option);
            }
        }
    }
    (void)all.parse(QStringList{QStringLiteral("missive directory")} + args);
    return all.positionalArguments().value(0);
}

} // namespace

int runDirectory(const QStringList& args, Streams& io)
{
    const QString action = verbOf(args);
    const auto& all = verbs();
    const auto verb =
        std::find_if(all.begin(), all.end(), [&](const Verb& v) { return action == QLatin1String(v.name); });
    if (verb == all.end()) {
        return usageError(action.isEmpty() ? QStringLiteral("directory attend une action : import, update, search, "
                                                            "show, prefer, confirm, rules, add ou stats")
                                           : QStringLiteral("action inconnue pour directory : %1").arg(action),
                          io);
    }
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(commonOptions());
    parser.addOptions(verb->options);
    if (!parser.parse(QStringList{QStringLiteral("missive directory")} + args)) {
        return usageError(parser.errorText(), io);
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << commandHelp(QStringLiteral("directory ") + QLatin1String(verb->name));
        return ExitSuccess;
    }
    Call call{parser, parser.positionalArguments().mid(1), parser.isSet(QStringLiteral("json")),
              parser.isSet(QStringLiteral("user")) ? parser.value(QStringLiteral("user")) : currentUser(), io};
    // The arguments are checked before the database is opened (and maybe created).
    if (const auto wrong = verb->check(call)) {
        return usageError(wrong->isEmpty() ? QStringLiteral("usage : ") + QString::fromUtf8(verb->usage) : *wrong, io);
    }
    // IT's [storage] url (the group's shared base) when neither --db nor $MISSIVE_DB says otherwise.
    auto settings = settings::loadSettings(parser.value(QStringLiteral("config")));
    if (!settings) {
        return report(settings.error(), io);
    }
    const bool takesShared = std::any_of(verb->options.begin(), verb->options.end(), [](const QCommandLineOption& o) {
        return o.names() == sharedOption().names();
    });
    if (takesShared && parser.isSet(QStringLiteral("shared"))) {
        if (parser.isSet(QStringLiteral("db"))) {
            return usageError(QStringLiteral("--shared et --db ne vont pas ensemble"), io);
        }
        return runShared(call, *settings, action == QLatin1String("update"));
    }
    call.location = engine::directoryLocation(*settings, parser.value(QStringLiteral("db")));
    auto opened = engine::openDirectory(*settings, parser.value(QStringLiteral("db")));
    if (!opened) {
        return report(opened.error(), io);
    }
    return verb->run(*opened, call);
}

} // namespace missive::cli
