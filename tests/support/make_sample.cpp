// Writes the bundled sample letter (synthetic patient and doctors; the INS is a valid-key matricule
// under the INS-NIR *test* OID 1.2.250.1.213.1.4.10).
//   missive-make-sample samples/lettre-liaison.pdf

#include "support.h"

#include <cstdio>

int main(int argc, char* argv[])
{
    if (argc != 2) {
        std::fputs("usage: missive-make-sample OUTPUT.pdf\n", stderr);
        return 2;
    }
    const std::vector<std::string> pages{
        "Centre hospitalier de démonstration - Service de cardiologie\n"
        "12 rue de l'Exemple, 69003 Lyon - Secrétariat : 04 00 00 00 00\n"
        "\n"
        "Docteur Pierre LEFÈVRE\n"
        "Cardiologue\n"
        "8 avenue des Tilleuls\n"
        "69006 LYON\n"
        "\n"
        "Lyon, le 23 novembre 2026\n"
        "\n"
        "LETTRE DE LIAISON - SORTIE D'HOSPITALISATION\n"
        "\n"
        "Patiente : Mme Jeanne DUPONT née MARTIN, hospitalisée du 14/11/2026 au 23/11/2026\n"
        "Nom de naissance : MARTIN\n"
        "Nom utilisé : DUPONT\n"
        "Prénom(s) : JEANNE MARIE\n"
        "Date de naissance : 12/03/1951\n"
        "Sexe : F\n"
        "Lieu de naissance : LYON (69123)\n"
        "Matricule INS : 251036912304596   OID : 1.2.250.1.213.1.4.10\n"
        "\n"
        "Cher confrère,\n"
        "Votre patiente a été hospitalisée pour une décompensation cardiaque.\n"
        "L'évolution a été favorable sous traitement diurétique ; l'œdème a régressé.\n"
        "Traitement de sortie : furosémide 40 mg le matin, bisoprolol 2,5 mg.\n"
        "Consultation de contrôle dans un mois.\n"
        "\n"
        "Bien confraternellement,\n"
        "Dr Claire BÉRARD\n"
        "\n"
        "Copie à : Dr Anne MÜLLER, médecin traitant, 69007 Lyon",
    };
    missive::test::writeFile(argv[1], missive::test::makePdf(pages), 0644);
    return 0;
}
