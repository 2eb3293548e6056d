// Regenerates samples/annuaire/: a tiny synthetic Annuaire Santé extract (both files, real column
// layout) holding the professionals named in samples/lettre-liaison.pdf, plus a homonym in another
// city, for the demo. Synthetic data only: names, numbers and addresses are made up.
//
//   missive-make-sample-annuaire OUTPUT_DIR

#include "annuaire.h"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;
using namespace missive::test::annuaire;

int main(int argc, char* argv[])
{
    if (argc != 2) {
        std::cerr << "usage: missive-make-sample-annuaire OUTPUT_DIR\n";
        return 2;
    }
    const fs::path dir = argv[1];
    fs::create_directories(dir);

    auto doctor = [](std::string rpps, std::string family, std::string given, std::string specialtyCode,
                     std::string specialty, std::string street, std::string postcode, std::string city) {
        Activity a;
        a.rpps = std::move(rpps);
        a.family = std::move(family);
        a.given = std::move(given);
        a.specialtyCode = std::move(specialtyCode);
        a.specialtyLabel = std::move(specialty);
        a.streetNumber = "8";
        a.streetType = "AV";
        a.streetName = std::move(street);
        a.postcode = std::move(postcode);
        a.city = std::move(city);
        a.cityCode = a.postcode == "13008" ? "13208" : "69386";
        a.siteName = "CABINET DU DR " + a.family;
        return a;
    };
    const Activity activities[] = {
        doctor("10999000011", "LEFÈVRE", "Pierre", "SM04", "Cardiologie et maladies vasculaires", "DES TILLEULS",
               "69006", "LYON"),
        doctor("10999000029", "LEFEVRE", "Pierre", "SM54", "Médecine générale", "DU PRADO", "13008", "MARSEILLE"),
        doctor("10999000037", "MÜLLER", "Anne", "SM54", "Médecine générale", "JEAN JAURÈS", "69007", "LYON"),
        doctor("10999000045", "BÉRARD", "Claire", "SM04", "Cardiologie et maladies vasculaires", "DE L'EXEMPLE",
               "69003", "LYON"),
    };
    std::ofstream people(dir / "PS_LibreAcces_Personne_activite_202611230000.txt", std::ios::binary);
    people << personneActiviteHeader(56) << "\n";
    for (const Activity& a : activities) {
        people << activityLine(a, 56) << "\n";
    }

    auto mailbox = [](std::string address, const Activity& a) {
        MailboxRow m;
        m.address = std::move(address);
        m.rpps = a.rpps;
        m.family = a.family;
        m.given = a.given;
        m.postcode = a.postcode;
        m.cityLine = a.postcode + " " + a.city;
        return m;
    };
    std::ofstream mailboxes(dir / "Extraction_Correspondance_MSSante_202611230000.txt", std::ios::binary);
    mailboxes << MssanteHeader << "\n";
    mailboxes << mailboxLine(mailbox("pierre.lefevre@demo.mssante.fr", activities[0])) << "\n";
    mailboxes << mailboxLine(mailbox("p.lefevre.marseille@demo.mssante.fr", activities[1])) << "\n";
    mailboxes << mailboxLine(mailbox("anne.muller@demo.mssante.fr", activities[2])) << "\n";
    mailboxes << mailboxLine(mailbox("claire.berard@demo.mssante.fr", activities[3])) << "\n";
    return people && mailboxes ? 0 : 1;
}
