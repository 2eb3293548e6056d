#include "cli.h"

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

QString mainHelp()
{
    return QStringLiteral("Usage : missive <commande> [options]\n"
                          "\n"
                          "Missive reçoit les courriers imprimés vers l'imprimante « Missive » et les prépare\n"
                          "pour un envoi sécurisé (MSSanté, DMP, courrier postal).\n"
                          "\n"
                          "Imprimante (root ou groupe lpadmin) :\n"
                          "  printer install [--name NOM] [--spool DOSSIER] [--allow-remote]\n"
                          "        Crée la file d'impression (lpadmin) et le dossier de réception.\n"
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
                          "Lecture d'un courrier :\n"
                          "  analyze FICHIER.pdf [--db ANNUAIRE] [--json]\n"
                          "        Lit le patient (INS vérifié), les destinataires, l'auteur et le type de document.\n"
                          "        Limites : --max-pages N (50), --max-megapixels N (80 par image), --timeout S (60).\n"
                          "\n"
                          "Options communes :\n"
                          "  --spool DOSSIER   racine des dossiers de réception\n"
                          "                    (défaut : " MISSIVE_DEFAULT_SPOOL_ROOT ", ou $MISSIVE_SPOOL_DIR)\n"
                          "  --json            sortie JSON (clés stables, en anglais)\n"
                          "  -h, --help        cette aide ; --version : version\n"
                          "\n"
                          "Environnement : MISSIVE_SPOOL_DIR, CUPS_SERVER (serveur CUPS, comme pour lp).\n"
                          "\n"
                          "Codes de sortie :\n"
                          "  0  succès\n"
                          "  1  échec de l'opération (erreur d'écriture, espace disque…)\n"
                          "  2  utilisation incorrecte (commande, option ou argument)\n"
                          "  3  introuvable (document, imprimante) ou rien reçu avant --timeout\n"
                          "  4  accès refusé, ou droits anormaux sur le dossier de réception\n"
                          "  5  intégrité : document modifié depuis l'impression (mis en quarantaine)\n"
                          "  6  outil ou service externe en échec (lpadmin, CUPS)\n");
}

} // namespace missive::cli
