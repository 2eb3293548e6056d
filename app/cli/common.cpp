#include "cli.h"

#include <QFileInfo>

namespace missive::cli
{

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return ExitUsage;
    case ErrorCode::NotFound:
        return ExitNotFound;
    case ErrorCode::PermissionDenied:
    case ErrorCode::UnsafePath:
        return ExitPermission;
    case ErrorCode::Integrity:
        return ExitIntegrity;
    case ErrorCode::ExternalTool:
    case ErrorCode::Unavailable:
        return ExitExternal;
    case ErrorCode::Io:
    case ErrorCode::NoSpace:
        break;
    }
    return ExitFailure;
}

int report(const Error& error, Streams& io)
{
    io.err << "missive : " << error.userMessage << '\n';
    io.err.flush();
    return exitCodeFor(error.code);
}

int usageError(const QString& message, Streams& io)
{
    io.err << "missive : " << message << "\n(voir « missive --help »)\n";
    io.err.flush();
    return ExitUsage;
}

Result<std::optional<directory::Directory>> openDirectory(const QString& explicitPath, bool required)
{
    const QString path = directory::databasePath(explicitPath);
    const bool named = !explicitPath.isEmpty() || !qEnvironmentVariableIsEmpty("MISSIVE_DB");
    if (!directory::isPostgresUrl(path) && !QFileInfo::exists(path)
        && (named || !directory::sharedDirectoryPresent(directory::sharedDatabasePath()))) {
        if (!named && !required) {
            return std::optional<directory::Directory>();
        }
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("annuaire introuvable : %1 (missive directory import, ou --db)")
                             .arg(directory::displayLocation(path)),
                         QStringLiteral("no directory database"));
    }
    auto opened = directory::Directory::openAt(explicitPath);
    if (!opened) {
        return tl::unexpected(opened.error());
    }
    return std::optional<directory::Directory>(std::move(*opened));
}

QString mainHelp()
{
    return QStringLiteral(
        "Usage : missive <commande> [options]\n"
        "\n"
        "Missive reçoit les courriers imprimés vers l'imprimante « Missive » et les prépare\n"
        "pour un envoi sécurisé (MSSanté, DMP, courrier postal).\n"
        "\n"
        "Imprimante (root ou groupe lpadmin) :\n"
        "  printer install [--name NOM] [--spool DOSSIER] [--allow-remote]\n"
        "        Crée la file d'impression (lpadmin) et le dossier de réception ; sans\n"
        "        --allow-remote, CUPS n'accepte que des travaux d'utilisateurs authentifiés.\n"
        "  printer remove [--name NOM]\n"
        "        Supprime la file ; les documents déjà reçus sont conservés.\n"
        "  printer status [--name NOM] [--json]\n"
        "        État de la file dans CUPS.\n"
        "\n"
        "Documents imprimés (utilisateur courant) :\n"
        "  jobs list [--json]\n"
        "        Documents en attente de confirmation.\n"
        "  jobs show ID [--json]\n"
        "        Détail d'un document (en attente ou en quarantaine).\n"
        "  jobs take ID --output FICHIER|- [--json]\n"
        "        Écrit le PDF (vérifié par son empreinte SHA-256) et le retire de l'attente.\n"
        "  jobs quarantine [ID] [--delete] [--json]\n"
        "        Impressions refusées et leur motif ; --delete supprime l'impression ID.\n"
        "  jobs watch [--once] [--timeout SECONDES] [--json]\n"
        "        Affiche les documents en attente puis chaque nouveau document dès son impression.\n"
        "\n"
        "Envoi (configuration : --config FICHIER, $MISSIVE_CONFIG, ~/.config/missive/missive.conf,\n"
        "/etc/missive/missive.conf ; voir docs/configuration.md) :\n"
        "  send FICHIER.pdf [--to RPPS|ADRESSE…] [--patient] [--dmp] [--postal] [--db ANNUAIRE] [--json]\n"
        "        Lit le courrier, construit le CDA et l'archive IHE_XDM.zip, met en file d'envoi puis\n"
        "        envoie (MSSanté, messagerie du patient, DMP, courrier postal). --to RPPS : canal\n"
        "        préféré dans l'annuaire (--db), choix mémorisé ; --to ADRESSE : MSSanté.\n"
        "        --patient et --dmp demandent un INS qualifié (lu sur le courrier ou donné par les\n"
        "        options d'identité, voir package). --postal-address \"L1\\nL2\\n…\" : adresse\n"
        "        postale (et repli automatique si l'envoi MSSanté échoue définitivement).\n"
        "        Aussi : [identité] [document] comme package, --subject, --body, --allow-reply,\n"
        "        --user NOM, --no-analyze, --no-send (mettre en file sans envoyer).\n"
        "  outbox list [--state ETAT] [--json]\n"
        "        Envois et leur état (en attente, envoi en cours, envoyé, échec, annulé) et suivi.\n"
        "  outbox retry ID…|--all [--no-send] [--json]\n"
        "        Relance des envois en échec ou en attente.\n"
        "  outbox cancel ID… [--json]\n"
        "        Annule des envois en attente ou en échec.\n"
        "  outbox run [--json]\n"
        "        Envoie ce qui est dû (pour une tâche planifiée).\n"
        "  outbox track [--json]\n"
        "        Lit les accusés de réception et avis de non-remise (IMAP).\n"
        "  outbox check [mssante|dmp|postal]… [--json]\n"
        "        Teste la connexion de chaque canal (tous ceux configurés par défaut) comme un\n"
        "        envoi le ferait (TLS vérifié, certificat client présenté), sans rien envoyer.\n"
        "Annuaire des professionnels de santé (base personnelle, voir --db) :\n"
        "  directory import [--shared] FICHIER… [--json]\n"
        "        Importe les extractions de l'Annuaire Santé (PS_LibreAcces_Personne_activite,\n"
        "        Extraction_Correspondance_MSSante) ; un nouvel import met à jour, ajoute et\n"
        "        retire, sans toucher aux préférences ni aux ajouts locaux. --shared : dans\n"
        "        l'annuaire partagé de la machine (/var/lib/missive/directory.db, utilisateur\n"
        "        missive), remplacé d'un bloc ; chaque utilisateur le lit sous sa propre base.\n"
        "  directory update [--shared [--if-configured]] [--config FICHIER] [--json]\n"
        "        Importe les extractions les plus récentes pas encore importées, depuis le dossier\n"
        "        ([directory] update_share) ou l'adresse https ([directory] update_url, zip accepté)\n"
        "        que la configuration indique. --shared : dans l'annuaire partagé de la machine\n"
        "        (le service missive-directory-update) ; --if-configured : sans source, rien à faire.\n"
        "  directory search TEXTE [--city VILLE] [--postcode CP] [--specialty MOT] [--title TITRE]\n"
        "                   [--exclude RPPS] [--limit N] [--json]\n"
        "        Cherche un nom tel qu'il est lu sur le courrier (accents, ordre, erreurs d'OCR\n"
        "        tolérés), un numéro RPPS ou une adresse MSSanté ; classe les candidats.\n"
        "  directory show RPPS [--type CODE] [--json]\n"
        "        Fiche, canaux d'envoi (MSSanté personnelle, de la structure, courrier),\n"
        "        préférences et historique.\n"
        "  directory prefer RPPS --channel mssante|postal|none [--address ADRESSE] [--type CODE]\n"
        "        Fixe le canal préféré (pour un type de document avec --type).\n"
        "  directory confirm RPPS --channel mssante|postal|none [--address ADRESSE] [--type CODE]\n"
        "        Enregistre un envoi confirmé : le premier choix devient le canal par défaut.\n"
        "  directory rules list [TYPE] [--json]\n"
        "  directory rules set TYPE DESTINATAIRE…\n"
        "  directory rules remove TYPE [DESTINATAIRE…]\n"
        "        Destinataires par défaut d'un type de document (code LOINC, ex. 11490-0) :\n"
        "        patient-dmp, patient-mailbox, gp (médecin traitant), rpps:NUMÉRO.\n"
        "  directory add --name NOM [--given PRÉNOM] [--rpps RPPS] [--title Dr|Pr]\n"
        "                [--profession LIBELLÉ] [--specialty LIBELLÉ] [--practice NOM]\n"
        "                [--address LIGNE]… [--postcode CP] [--city VILLE] [--mssante ADRESSE]…\n"
        "        Ajout local (professionnel absent des extractions) ; jamais retiré par un import.\n"
        "  directory stats [--json]\n"
        "        Contenu de la base et derniers imports.\n"
        "  Options : --db FICHIER|postgresql://… (défaut : $MISSIVE_DB, sinon la base partagée\n"
        "            [storage] url de la configuration, sinon ~/.local/share/missive/directory.db),\n"
        "            --config FICHIER, --user NOM (auteur inscrit dans l'historique, défaut : le compte\n"
        "            courant).\n"
        "Base partagée d'un groupe hospitalier (PostgreSQL, [storage] url) :\n"
        "  storage migrate --from sqlite:FICHIER --to postgresql://serveur/base [--config FICHIER] [--json]\n"
        "        Copie l'annuaire d'un poste (extractions, ajouts locaux, préférences, règles,\n"
        "        personnel appris, historique) dans une base PostgreSQL vide, en une transaction ;\n"
        "        les nombres de lignes sont vérifiés table par table avant validation.\n"
        "  storage setup --to postgresql://serveur/base (--service NOM | --relay) RÔLE… [--json]\n"
        "        Crée ou met à jour le schéma (annuaire, file d'envoi), crée les rôles manquants et\n"
        "        leur donne accès : chaque secrétaire ne voit que les courriers de son service ;\n"
        "        --relay : rôles des relais d'envoi (missive-relay), qui voient tous les services.\n"
        "Documents à envoyer :\n"
        "  package FICHIER.pdf --out DOSSIER [--db ANNUAIRE] [--json] [identité] [document]\n"
        "        Écrit le CDA R2 niveau 1 (DOC0001.XML) et l'archive IHE_XDM.zip tels qu'ils\n"
        "        seraient envoyés, d'après le courrier lu (--no-analyze : options seules) et la\n"
        "        section [structure] de la configuration ; les options l'emportent. L'INS et ses\n"
        "        traits n'entrent dans le CDA que si l'INS est valide et les traits complets.\n"
        "        Identité (remplace en bloc l'identité lue ; un INS différent de celui imprimé\n"
        "          est refusé) : --ins MATRICULE [--ins-oid OID] --birth-name NOM [--used-name NOM]\n"
        "          --first-names \"PRÉNOMS\" [--first-name PRÉNOM] --birth-date AAAA-MM-JJ\n"
        "          --sex F|M --birth-place COG\n"
        "        Document : [--patient-id IPP --patient-id-root OID] [--type LOINC] [--title TITRE]\n"
        "          [--author-rpps RPPS] [--author-family NOM] [--author-given PRÉNOM]\n"
        "          [--author-specialty J01] [--org-id IDNST] [--org-name NOM]\n"
        "          [--confidentiality N|R|V] [--created DATE-ISO] [--config FICHIER]\n"
        "Lecture d'un courrier :\n"
        "  analyze FICHIER.pdf [--db ANNUAIRE] [--json]\n"
        "        Lit le patient (INS vérifié), les destinataires, l'auteur et le type de document.\n"
        "        --db : cherche les destinataires dans l'annuaire (RPPS, sélection automatique), et\n"
        "        l'auteur d'abord parmi le personnel appris par le secrétariat.\n"
        "        Limites : --max-pages N (50), --max-megapixels N (80 par image), --timeout S (60).\n"
        "\n"
        "Application du secrétariat :\n"
        "  missive-app [FICHIER.pdf] [--db ANNUAIRE] [--config FICHIER] [--spool DOSSIER] [--demo]\n"
        "        Fenêtre de confirmation de chaque courrier imprimé, historique, tableau de bord,\n"
        "        paramètres (voir missive-app --help).\n"
        "\n"
        "Options communes :\n"
        "  --spool DOSSIER   racine des dossiers de réception\n"
        "                    (défaut : " MISSIVE_DEFAULT_SPOOL_ROOT ", ou $MISSIVE_SPOOL_DIR)\n"
        "  --json            sortie JSON (clés stables, en anglais)\n"
        "  -h, --help        cette aide ; missive COMMANDE --help : l'aide de la commande seule ;\n"
        "                    --version : version\n"
        "\n"
        "Environnement : MISSIVE_SPOOL_DIR, MISSIVE_CONFIG (configuration d'envoi),\n"
        "                MISSIVE_DB (base de l'annuaire : fichier ou postgresql://…),\n"
        "                CUPS_SERVER (serveur CUPS, comme pour lp).\n"
        "\n"
        "Codes de sortie :\n"
        "  0  succès\n"
        "  1  échec de l'opération (erreur d'écriture, espace disque…)\n"
        "  2  utilisation incorrecte (commande, option ou argument)\n"
        "  3  introuvable (document, imprimante, professionnel) ou rien reçu avant --timeout\n"
        "  4  accès refusé, ou droits anormaux sur le dossier de réception\n"
        "  5  intégrité : document modifié depuis l'impression (mis en quarantaine)\n"
        "  6  outil ou service externe en échec (lpadmin, CUPS, serveur MSSanté : envoi resté en file)\n");
}

namespace
{

// The paragraph of the main help that starts with `title`, up to the next blank line.
QStringList helpSection(const QStringList& lines, const QString& title)
{
    QStringList out;
    const qsizetype start = lines.indexOf(title);
    for (qsizetype i = start; start >= 0 && i < lines.size() && !lines[i].isEmpty(); ++i) {
        out << lines[i];
    }
    return out;
}

} // namespace

QString commandHelp(const QString& command)
{
    // Cut from the main help, so that both always say the same: the command's entries (a line
    // "  COMMAND …" and its indented continuation), the notes that follow them ("  Options : …"),
    // then the common options and the exit codes.
    const QStringList lines = mainHelp().split(u'\n');
    const QString entry = QStringLiteral("  ") + command;
    QStringList entries;
    bool inside = false;
    for (const QString& line : lines) {
        const bool starts = line == entry || line.startsWith(entry + QLatin1Char(' '));
        const bool continues = line.startsWith(QLatin1String("    ")) || line.startsWith(QLatin1String("  Options :"));
        if (starts || (inside && continues)) {
            entries << line;
            inside = true;
        } else {
            inside = false;
        }
    }
    if (entries.isEmpty()) {
        return {};
    }
    return QStringLiteral("Usage : missive %1 [options]\n\n").arg(command) + entries.join(u'\n')
           + QStringLiteral("\n\n") + helpSection(lines, QStringLiteral("Options communes :")).join(u'\n')
           + QStringLiteral("\n\n") + helpSection(lines, QStringLiteral("Codes de sortie :")).join(u'\n')
           + QStringLiteral("\n\nAide complète : missive --help\n");
}

} // namespace missive::cli
