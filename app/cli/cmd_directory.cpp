// `missive directory …`: the preference directory (import, search, show, prefer, confirm, rules, add, stats).

#include "cli.h"
#include "missive/core/document_type.h"
#include "missive/directory/directory.h"
#include "missive/engine/directory_update.h"
#include "missive/engine/recipient_matching.h"
#include "missive/settings/settings.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
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
                       {QStringLiteral("rpps"), rule.rpps}};
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

} // namespace

int runDirectory(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Base de l'annuaire."), QStringLiteral("FICHIER"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Sortie JSON."));
    const QCommandLineOption city(QStringLiteral("city"), QStringLiteral("Ville."), QStringLiteral("VILLE"));
    const QCommandLineOption postcode(QStringLiteral("postcode"), QStringLiteral("Code postal."), QStringLiteral("CP"));
    const QCommandLineOption specialty(QStringLiteral("specialty"), QStringLiteral("Spécialité."),
                                       QStringLiteral("MOT"));
    const QCommandLineOption title(QStringLiteral("title"), QStringLiteral("Titre (Dr, Pr)."), QStringLiteral("TITRE"));
    const QCommandLineOption exclude(QStringLiteral("exclude"), QStringLiteral("RPPS à écarter (l'auteur)."),
                                     QStringLiteral("RPPS"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Nombre de résultats."),
                                   QStringLiteral("N"));
    const QCommandLineOption channel(QStringLiteral("channel"), QStringLiteral("Canal."),
                                     QStringLiteral("mssante|postal|none"));
    const QCommandLineOption address(QStringLiteral("address"), QStringLiteral("Adresse."), QStringLiteral("ADRESSE"));
    const QCommandLineOption type(QStringLiteral("type"), QStringLiteral("Type de document (code LOINC)."),
                                  QStringLiteral("CODE"));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("Auteur du changement."),
                                  QStringLiteral("NOM"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Nom d'exercice."), QStringLiteral("NOM"));
    const QCommandLineOption given(QStringLiteral("given"), QStringLiteral("Prénom."), QStringLiteral("PRÉNOM"));
    const QCommandLineOption rpps(QStringLiteral("rpps"), QStringLiteral("Numéro RPPS."), QStringLiteral("RPPS"));
    const QCommandLineOption profession(QStringLiteral("profession"), QStringLiteral("Profession."),
                                        QStringLiteral("LIBELLÉ"));
    const QCommandLineOption practice(QStringLiteral("practice"), QStringLiteral("Lieu d'exercice."),
                                      QStringLiteral("NOM"));
    const QCommandLineOption mssante(QStringLiteral("mssante"), QStringLiteral("Adresse MSSanté."),
                                     QStringLiteral("ADRESSE"));
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Fichier de configuration."),
                                    QStringLiteral("FICHIER"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Aide."));
    parser.addOptions({db,   json, city, postcode, specialty, title,      exclude,  limit,   channel, address,
                       type, user, name, given,    rpps,      profession, practice, mssante, config,  help});
    parser.addPositionalArgument(
        QStringLiteral("action"),
        QStringLiteral("import | update | search | show | prefer | confirm | rules | add | stats"));

    if (!parser.parse(QStringList{QStringLiteral("missive directory")} + args)) {
        return usageError(parser.errorText(), io);
    }
    if (parser.isSet(help)) {
        io.out << mainHelp();
        return ExitSuccess;
    }
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        return usageError(
            QStringLiteral(
                "directory attend une action : import, update, search, show, prefer, confirm, rules, add ou stats"),
            io);
    }
    const QString action = positional.takeFirst();
    const bool asJson = parser.isSet(json);
    const QString who = parser.isSet(user) ? parser.value(user) : currentUser();
    static const QStringList actions{QStringLiteral("import"), QStringLiteral("update"), QStringLiteral("search"),
                                     QStringLiteral("show"),   QStringLiteral("prefer"), QStringLiteral("confirm"),
                                     QStringLiteral("rules"),  QStringLiteral("add"),    QStringLiteral("stats")};
    if (!actions.contains(action)) {
        return usageError(QStringLiteral("action inconnue pour directory : %1").arg(action), io);
    }

    // Check the arguments before opening (and maybe creating) the database.
    if (action == QLatin1String("import") && positional.isEmpty()) {
        return usageError(QStringLiteral("usage : missive directory import FICHIER…"), io);
    }
    if (action == QLatin1String("search") && positional.isEmpty()) {
        return usageError(QStringLiteral("usage : missive directory search TEXTE [--city VILLE] [--json]"), io);
    }
    if ((action == QLatin1String("show")) && positional.size() != 1) {
        return usageError(QStringLiteral("usage : missive directory show RPPS [--type CODE] [--json]"), io);
    }
    std::optional<ChannelKind> chosen;
    if (action == QLatin1String("prefer") || action == QLatin1String("confirm")) {
        if (positional.size() != 1 || !parser.isSet(channel)) {
            return usageError(QStringLiteral("usage : missive directory %1 RPPS --channel mssante|postal|none "
                                             "[--address ADRESSE] [--type CODE]")
                                  .arg(action),
                              io);
        }
        chosen = directory::channelKindFromName(parser.value(channel));
        if (!chosen) {
            return usageError(QStringLiteral("--channel attend mssante, postal ou none"), io);
        }
    }
    int maxResults = 5;
    if (parser.isSet(limit)) {
        bool ok = false;
        maxResults = parser.value(limit).toInt(&ok);
        if (!ok || maxResults < 1 || maxResults > 100) {
            return usageError(QStringLiteral("--limit attend un nombre entre 1 et 100"), io);
        }
    }
    if (action == QLatin1String("add") && !parser.isSet(name)) {
        return usageError(QStringLiteral("usage : missive directory add --name NOM [--given PRÉNOM] [--rpps RPPS] …"),
                          io);
    }
    QString rulesAction;
    if (action == QLatin1String("rules")) {
        rulesAction = positional.isEmpty() ? QStringLiteral("list") : positional.takeFirst();
        if (rulesAction == QLatin1String("list") ? positional.size() > 1
                                                 : (rulesAction == QLatin1String("set")      ? positional.size() < 2
                                                    : rulesAction == QLatin1String("remove") ? positional.isEmpty()
                                                                                             : true)) {
            return usageError(QStringLiteral("usage : missive directory rules list [TYPE] | set TYPE DESTINATAIRE… | "
                                             "remove TYPE [DESTINATAIRE…]"),
                              io);
        }
    }

    auto opened = Directory::open(directory::databasePath(parser.value(db)));
    if (!opened) {
        return report(opened.error(), io);
    }
    Directory& dir = *opened;

    QTemporaryDir scratch; // 0700: a download stays the caller's until imported
    if (action == QLatin1String("update")) {
        // The newest extracts from IT's share or the configured address, those not imported yet.
        auto settings = settings::loadSettings(parser.value(config));
        if (!settings) {
            return report(settings.error(), io);
        }
        auto fetched = engine::fetchNewExtracts(*settings, dir, scratch.path());
        if (!fetched) {
            return report(fetched.error(), io);
        }
        if (fetched->isEmpty() && !asJson) {
            io.out << "L'annuaire est à jour.\n";
        }
        positional = *fetched; // imported below, as by `directory import`
    }

    if (action == QLatin1String("import") || action == QLatin1String("update")) {
        QJsonArray files;
        for (const auto& file : positional) {
            auto imported = dir.importFile(file);
            if (!imported) {
                if (asJson) {
                    printJson(QJsonObject{{QStringLiteral("files"), files},
                                          {QStringLiteral("error"), imported.error().userMessage}},
                              io);
                }
                return report(imported.error(), io);
            }
            if (asJson) {
                files.append(reportJson(*imported));
                if (imported->malformed > 0) {
                    io.err << "missive : " << file << " : " << imported->malformed
                           << " ligne(s) mal formée(s) ignorée(s)\n";
                }
            } else {
                printImport(*imported, io);
            }
        }
        if (asJson) {
            printJson(QJsonObject{{QStringLiteral("files"), files}}, io);
        }
        return ExitSuccess;
    }

    if (action == QLatin1String("search")) {
        const QString text = positional.join(QLatin1Char(' '));
        directory::MatchQuery query;
        query.city = parser.value(city);
        query.postcode = parser.value(postcode);
        query.title = parser.value(title);
        query.specialtyWords = parser.values(specialty);
        query.excludeRpps = parser.values(exclude);
        auto searched = engine::searchDirectory(dir, text, query, maxResults);
        if (!searched) {
            return report(searched.error(), io);
        }
        const directory::MatchResult& result = *searched;
        if (asJson) {
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

    if (action == QLatin1String("show")) {
        const QString id = positional.first();
        auto practices = dir.practices(id);
        if (!practices) {
            return report(practices.error(), io);
        }
        if (practices->isEmpty()) {
            return report(
                Error{ErrorCode::NotFound, QStringLiteral("Professionnel %1 introuvable dans l'annuaire.").arg(id), {}},
                io);
        }
        auto channels = dir.channels(id, parser.value(type));
        auto preferences = dir.preferences(id);
        auto history = dir.history(id);
        for (const Error* e : {channels ? nullptr : &channels.error(), preferences ? nullptr : &preferences.error(),
                               history ? nullptr : &history.error()}) {
            if (e) {
                return report(*e, io);
            }
        }
        if (asJson) {
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
        } else {
            printProfessional(*practices, *channels, *preferences, *history, io);
        }
        return ExitSuccess;
    }

    if (action == QLatin1String("prefer") || action == QLatin1String("confirm")) {
        const QString id = positional.first();
        auto done = action == QLatin1String("prefer")
                        ? dir.prefer(id, *chosen, parser.value(address), parser.value(type), who)
                        : dir.recordConfirmation(id, *chosen, parser.value(address), parser.value(type), who);
        if (!done) {
            return report(done.error(), io);
        }
        auto effective = dir.preference(id, parser.value(type));
        if (!effective) {
            return report(effective.error(), io);
        }
        if (asJson) {
            printJson(*effective ? preferenceJson(**effective) : QJsonObject{}, io);
        } else if (*effective) {
            io.out << "Préférence pour " << id << " : " << directory::channelKindName((*effective)->channel)
                   << ((*effective)->address.isEmpty() ? QString() : QLatin1Char(' ') + (*effective)->address)
                   << ((*effective)->source == PreferenceSource::Learned ? " (apprise)" : " (choisie)") << '\n';
        }
        return ExitSuccess;
    }

    if (action == QLatin1String("rules")) {
        if (rulesAction == QLatin1String("list")) {
            auto rules = dir.rules(positional.value(0));
            if (!rules) {
                return report(rules.error(), io);
            }
            if (asJson) {
                QJsonArray array;
                for (const auto& rule : *rules) {
                    array.append(ruleJson(rule));
                }
                printJson(QJsonObject{{QStringLiteral("rules"), array}}, io);
            } else {
                if (rules->isEmpty()) {
                    io.out << "Aucune règle.\n";
                }
                QString current;
                for (const auto& rule : *rules) {
                    if (rule.documentType != current) {
                        current = rule.documentType;
                        const auto docType = findDocumentType(current);
                        io.out << current << (docType ? QStringLiteral(" (%1)").arg(docType->label) : QString())
                               << " :\n";
                    }
                    io.out << "  " << directory::recipientSpec(rule) << "  — " << recipientText(rule) << '\n';
                }
            }
            return ExitSuccess;
        }
        const QString docType = positional.takeFirst();
        auto recipients = parseRecipients(positional, io);
        if (!recipients) {
            return ExitUsage;
        }
        if (rulesAction == QLatin1String("set")) {
            if (auto set = dir.setRules(docType, *recipients, who); !set) {
                return report(set.error(), io);
            }
            io.out << "Règles de " << docType << " : " << recipients->size() << " destinataire(s) par défaut.\n";
            return ExitSuccess;
        }
        auto removed = dir.removeRules(docType, *recipients, who);
        if (!removed) {
            return report(removed.error(), io);
        }
        if (*removed == 0) {
            return report(
                Error{ErrorCode::NotFound, QStringLiteral("Aucune règle à supprimer pour %1.").arg(docType), {}}, io);
        }
        io.out << *removed << " règle(s) supprimée(s) pour " << docType << ".\n";
        return ExitSuccess;
    }

    if (action == QLatin1String("add")) {
        Professional p;
        p.rpps = parser.value(rpps);
        p.familyName = parser.value(name).trimmed();
        p.givenName = parser.value(given).trimmed();
        const QString t = parser.value(title).trimmed();
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
        p.professionLabel = parser.value(profession);
        p.specialtyLabel = parser.value(specialty);
        p.practiceName = parser.value(practice);
        p.addressLines = parser.values(address);
        p.postcode = parser.value(postcode);
        p.city = parser.value(city);
        for (const auto& mail : parser.values(mssante)) {
            p.mailboxes << Mailbox{mail, MailboxType::Personal, {}, {}};
        }
        auto id = dir.addLocal(p, who);
        if (!id) {
            return report(id.error(), io);
        }
        if (asJson) {
            printJson(QJsonObject{{QStringLiteral("rpps"), *id}, {QStringLiteral("local"), true}}, io);
        } else {
            io.out << "Ajouté à l'annuaire local : " << *id << '\n';
        }
        return ExitSuccess;
    }

    // stats
    auto stats = dir.stats();
    if (!stats) {
        return report(stats.error(), io);
    }
    if (asJson) {
        QJsonArray imports;
        for (const auto& run : stats->lastImports) {
            imports.append(QJsonObject{{QStringLiteral("kind"), directory::sourceKindName(run.kind)},
                                       {QStringLiteral("source"), run.source},
                                       {QStringLiteral("finished_at"), run.finishedAt.toString(Qt::ISODate)},
                                       {QStringLiteral("added"), run.counts.added},
                                       {QStringLiteral("updated"), run.counts.updated},
                                       {QStringLiteral("retired"), run.counts.retired}});
        }
        printJson(QJsonObject{{QStringLiteral("database"), directory::databasePath(parser.value(db))},
                              {QStringLiteral("professionals"), stats->persons},
                              {QStringLiteral("professionals_retired"), stats->personsRetired},
                              {QStringLiteral("activities"), stats->activities},
                              {QStringLiteral("mailboxes"), stats->mailboxes},
                              {QStringLiteral("local"), stats->local},
                              {QStringLiteral("preferences"), stats->preferences},
                              {QStringLiteral("rules"), stats->rules},
                              {QStringLiteral("imports"), imports}},
                  io);
    } else {
        io.out << "Base : " << directory::databasePath(parser.value(db)) << '\n'
               << "Professionnels : " << stats->persons << " (retirés : " << stats->personsRetired
               << ", ajouts locaux : " << stats->local << ")\n"
               << "Activités : " << stats->activities << '\n'
               << "Boîtes MSSanté : " << stats->mailboxes << '\n'
               << "Préférences : " << stats->preferences << ", règles : " << stats->rules << '\n';
        for (const auto& run : stats->lastImports) {
            io.out << "Import " << run.finishedAt.toString(Qt::ISODate) << "  " << run.source << "  +"
                   << run.counts.added << " ~" << run.counts.updated << " -" << run.counts.retired << '\n';
        }
    }
    return ExitSuccess;
}

} // namespace missive::cli
