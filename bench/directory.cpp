// bench-directory: generates Annuaire Santé extracts at real scale (synthetic, real column layout),
// imports them into the directory, compares with the sqlite3 shell's own `.import` of the same
// files into plain tables, and measures search latency over realistic queries read from letters.
//
//   bench-directory [--activities N] [--mailboxes N] [--queries N] [--keep DIR] [--postgres URL]
//                   [--search-only]
//   defaults: 2,000,000 activity rows, 550,000 mailboxes, 3,000 queries (the real extracts' size)
//
// With --postgres, the directory is a hospital group's PostgreSQL base (URL: an empty database the
// bench may fill) and the peer is psql's \copy of the same files into plain tables of that server.

#include "missive/directory/directory.h"

#include "annuaire.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
namespace an = missive::test::annuaire;
using namespace missive::directory;

namespace
{

// Frequent French family names (INSEE order), then made-up ones from syllables for the long tail.
const char* const CommonFamilies[] = {
    "MARTIN",         "BERNARD",     "THOMAS",     "PETIT",     "ROBERT",   "RICHARD",   "DURAND",     "DUBOIS",
    "MOREAU",         "LAURENT",     "SIMON",      "MICHEL",    "LEFEBVRE", "LEROY",     "ROUX",       "DAVID",
    "BERTRAND",       "MOREL",       "FOURNIER",   "GIRARD",    "BONNET",   "DUPONT",    "LAMBERT",    "FONTAINE",
    "ROUSSEAU",       "VINCENT",     "MULLER",     "LEFEVRE",   "FAURE",    "ANDRE",     "MERCIER",    "BLANC",
    "GUERIN",         "BOYER",       "GARNIER",    "CHEVALIER", "FRANCOIS", "LEGRAND",   "GAUTHIER",   "GARCIA",
    "PERRIN",         "ROBIN",       "CLEMENT",    "MORIN",     "NICOLAS",  "HENRY",     "ROUSSEL",    "MATHIEU",
    "GAUTIER",        "MASSON",      "MARCHAND",   "DUVAL",     "DENIS",    "DUMONT",    "MARIE",      "LEMAIRE",
    "NOEL",           "MEYER",       "DUFOUR",     "MEUNIER",   "BRUN",     "BLANCHARD", "GIRAUD",     "JOLY",
    "RIVIERE",        "LUCAS",       "BRUNET",     "GAILLARD",  "BARBIER",  "ARNAUD",    "MARTINEZ",   "GERARD",
    "ROCHE",          "RENARD",      "SCHMITT",    "ROY",       "LEROUX",   "COLIN",     "VIDAL",      "CARON",
    "PICARD",         "ROGER",       "FABRE",      "AUBERT",    "LEMOINE",  "RENAUD",    "DUMAS",      "LACROIX",
    "OLIVIER",        "PHILIPPE",    "BOURGEOIS",  "PIERRE",    "BENOIT",   "REY",       "LECLERC",    "PAYET",
    "ROLLAND",        "LECLERCQ",    "GUILLAUME",  "LECOMTE",   "LOPEZ",    "JEAN",      "DUPUY",      "GUILLOT",
    "HUBERT",         "BERGER",      "CARPENTIER", "SANCHEZ",   "DUPUIS",   "MOULIN",    "LOUIS",      "DESCHAMPS",
    "HUET",           "VASSEUR",     "PEREZ",      "BOUCHER",   "FLEURY",   "ROYER",     "KLEIN",      "JACQUET",
    "ADAM",           "PARIS",       "POIRIER",    "MARTY",     "AUBRY",    "GUYOT",     "CARRE",      "CHARLES",
    "RENAULT",        "CHARPENTIER", "MENARD",     "MAILLARD",  "BARON",    "BERTIN",    "BAILLY",     "HERVE",
    "SCHNEIDER",      "FERNANDEZ",   "LE GALL",    "COLLET",    "LEGER",    "BOUVIER",   "JULIEN",     "PREVOST",
    "MILLET",         "PERROT",      "DANIEL",     "LE ROUX",   "COUSIN",   "GERMAIN",   "BRETON",     "BESSON",
    "LANGLOIS",       "REMY",        "LE GOFF",    "PELLETIER", "LEVEQUE",  "PERRIER",   "LEBLANC",    "BARRE",
    "LEBRUN",         "MARCHAL",     "WEBER",      "MALLET",    "HAMON",    "BOULANGER", "JACOB",      "MONNIER",
    "MICHAUD",        "RODRIGUEZ",   "GUICHARD",   "GILLET",    "ETIENNE",  "GRONDIN",   "POULAIN",    "TESSIER",
    "CHEVALLIER",     "COLLIN",      "CHAUVIN",    "DA SILVA",  "BOUCHET",  "GAY",       "LEMAITRE",   "BENARD",
    "MARECHAL",       "HUMBERT",     "REYNAUD",    "ANTOINE",   "HOARAU",   "PERRET",    "BARTHELEMY", "CORDIER",
    "PICHON",         "LEJEUNE",     "GILBERT",    "LAMY",      "DELAUNAY", "PASQUIER",  "CARLIER",    "LAPORTE",
    "DE LA FONTAINE", "D'ALMEIDA",   "LE BIHAN",   "BÉRANGER",  "HÉBERT",   "LEFÈVRE",   "GÉRARD",     "MARTIN-DUPONT"};
const char* const Syllables[] = {"BA",  "BE",  "BOU",  "CA",   "CHA", "DE",   "DU",   "FA",   "FO",   "GA", "GUI", "JO",
                                 "LA",  "LE",  "LOU",  "MA",   "ME",  "MO",   "NA",   "NI",   "PA",   "PE", "PI",  "RA",
                                 "RE",  "RI",  "RO",   "SA",   "SE",  "SI",   "TA",   "TE",   "TI",   "VA", "VE",  "VI",
                                 "MAR", "TIN", "RAND", "VIER", "LET", "NARD", "CHET", "BERT", "GNON", "ZAC"};
const char* const Endings[] = {"", "", "T", "D", "N", "L", "S", "AU", "EAU", "IER", "ET", "AND", "IN", "OT"};
const char* const Givens[] = {
    "Jean",      "Marie",     "Pierre",   "Michel",   "Philippe",    "Nathalie",   "Isabelle",     "Sylvie",
    "Catherine", "Françoise", "Alain",    "Patrick",  "Nicolas",     "Christophe", "Stéphane",     "Christine",
    "Laurent",   "Sophie",    "Éric",     "Frédéric", "Valérie",     "Sandrine",   "David",        "Olivier",
    "Julien",    "Céline",    "Anne",     "Thomas",   "Jean-Pierre", "Jean-Marc",  "Marie-Claire", "Hélène",
    "Émilie",    "Camille",   "Léa",      "Chloé",    "Hugo",        "Lucas",      "Mathieu",      "Antoine",
    "Aurélie",   "Caroline",  "Delphine", "Élodie",   "Virginie",    "Vincent",    "Sébastien",    "Guillaume",
    "Benoît",    "Jérôme",    "Claire",   "Florence", "Agnès",       "Bernard",    "Dominique",    "Gilles",
    "Thierry",   "Pascal",    "Hervé",    "Yves",     "Manon",       "Sarah",      "Laura",        "Pauline",
    "Marion",    "Julie",     "Anaïs",    "Margaux",  "Maxime",      "Romain",     "Alexandre",    "Arnaud",
    "Cédric",    "Damien",    "Fabien",   "Grégory",  "Jérémy",      "Kevin",      "Ludovic",      "Mickaël",
    "Noémie",    "Océane",    "Quentin",  "Rémi",     "Solène",      "Tiphaine",   "Ugo",          "Victor",
    "Xavier",    "Yann",      "Zoé",      "Étienne",  "François",    "Gaëlle",     "Inès",         "Joël",
    "Loïc",      "Maël",      "Noël",     "Raphaël"};
struct City
{
    const char* postcode;
    const char* name;
};
const City Cities[] = {{"75002", "PARIS"},
                       {"75012", "PARIS"},
                       {"75015", "PARIS"},
                       {"13001", "MARSEILLE"},
                       {"13008", "MARSEILLE"},
                       {"69003", "LYON"},
                       {"69007", "LYON"},
                       {"31000", "TOULOUSE"},
                       {"06000", "NICE"},
                       {"44000", "NANTES"},
                       {"67000", "STRASBOURG"},
                       {"34000", "MONTPELLIER"},
                       {"33000", "BORDEAUX"},
                       {"59000", "LILLE"},
                       {"35000", "RENNES"},
                       {"51100", "REIMS"},
                       {"76600", "LE HAVRE"},
                       {"42000", "SAINT-ETIENNE"},
                       {"83000", "TOULON"},
                       {"38000", "GRENOBLE"},
                       {"21000", "DIJON"},
                       {"49000", "ANGERS"},
                       {"30000", "NIMES"},
                       {"69100", "VILLEURBANNE"},
                       {"63000", "CLERMONT-FERRAND"},
                       {"72000", "LE MANS"},
                       {"13100", "AIX-EN-PROVENCE"},
                       {"29200", "BREST"},
                       {"37000", "TOURS"},
                       {"80000", "AMIENS"},
                       {"87000", "LIMOGES"},
                       {"74000", "ANNECY"},
                       {"66000", "PERPIGNAN"},
                       {"57000", "METZ"},
                       {"25000", "BESANCON"},
                       {"45000", "ORLEANS"},
                       {"76000", "ROUEN"},
                       {"14000", "CAEN"},
                       {"54000", "NANCY"},
                       {"97400", "SAINT-DENIS"},
                       {"68100", "MULHOUSE"},
                       {"86000", "POITIERS"},
                       {"64000", "PAU"},
                       {"17000", "LA ROCHELLE"},
                       {"56100", "LORIENT"},
                       {"22000", "SAINT-BRIEUC"},
                       {"02100", "SAINT-QUENTIN"},
                       {"05000", "GAP"}};
struct Specialty
{
    const char* profession;
    const char* professionLabel;
    const char* code;
    const char* label;
    const char* word; // as a letter says it
};
const Specialty Specialties[] = {{"10", "Médecin", "SM54", "Qualifié en Médecine Générale", "généraliste"},
                                 {"10", "Médecin", "SM04", "Cardiologie et maladies vasculaires", "cardiologue"},
                                 {"10", "Médecin", "SM40", "Pédiatrie", "pédiatre"},
                                 {"10", "Médecin", "SM38", "Ophtalmologie", "ophtalmologue"},
                                 {"10", "Médecin", "SM42", "Pneumologie", "pneumologue"},
                                 {"10", "Médecin", "SM50", "Rhumatologie", "rhumatologue"},
                                 {"10", "Médecin", "SM26", "Gynécologie médicale", "gynécologue"},
                                 {"10", "Médecin", "SM15", "Dermatologie et vénéréologie", "dermatologue"},
                                 {"10", "Médecin", "SM44", "Psychiatrie", "psychiatre"},
                                 {"10", "Médecin", "SM47", "Radio-diagnostic", "radiologue"},
                                 {"10", "Médecin", "SM02", "Anesthésie-réanimation", "anesthésiste"},
                                 {"10", "Médecin", "SM24", "Gastro-entérologie et hépatologie", "gastro-entérologue"},
                                 {"40", "Chirurgien-Dentiste", "SCD01", "Orthopédie dento-faciale", "dentiste"},
                                 {"60", "Infirmier", "", "", "infirmier"},
                                 {"70", "Masseur-Kinésithérapeute", "", "", "kinésithérapeute"},
                                 {"21", "Pharmacien", "", "", "pharmacien"},
                                 {"50", "Sage-Femme", "", "", "sage-femme"},
                                 {"91", "Orthophoniste", "", "", "orthophoniste"}};

struct Person
{
    std::string rpps;
    std::string family;
    std::string given;
    int city = 0;
    int specialty = 0;
};

// Index in [0, count) with probability proportional to 1 / (index + 1)^exponent.
std::size_t zipf(std::mt19937_64& rng, std::size_t count, double exponent)
{
    static std::vector<std::pair<double, std::vector<double>>> tables;
    for (const auto& [e, cumulative] : tables) {
        if (e == exponent && cumulative.size() == count) {
            std::uniform_real_distribution<double> unit(0.0, cumulative.back());
            return static_cast<std::size_t>(std::lower_bound(cumulative.begin(), cumulative.end(), unit(rng))
                                            - cumulative.begin());
        }
    }
    std::vector<double> cumulative;
    double total = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        total += 1.0 / std::pow(static_cast<double>(i + 1), exponent);
        cumulative.push_back(total);
    }
    tables.emplace_back(exponent, std::move(cumulative));
    return zipf(rng, count, exponent);
}

std::string makeFamily(std::mt19937_64& rng)
{
    // About one professional in ten carries one of the frequent names, MARTIN ~0.6 % of all (as
    // in France: ~0.4 %); the rest come from a long tail of rarer names, with natural homonyms.
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    if (unit(rng) < 0.1) {
        return CommonFamilies[zipf(rng, std::size(CommonFamilies), 0.7)];
    }
    std::uniform_int_distribution<std::size_t> syllable(0, std::size(Syllables) - 1);
    std::uniform_int_distribution<std::size_t> ending(0, std::size(Endings) - 1);
    std::uniform_int_distribution<int> length(2, 3);
    std::string name;
    for (int i = length(rng); i > 0; --i) {
        name += Syllables[syllable(rng)];
    }
    return name + Endings[ending(rng)];
}

struct Generated
{
    std::vector<Person> persons;
    qint64 activities = 0;
    qint64 mailboxes = 0;
};

Generated generate(const fs::path& dir, qint64 activityRows, qint64 mailboxRows)
{
    std::mt19937_64 rng(20261123);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<std::size_t> cityPick(0, std::size(Cities) - 1);
    std::uniform_int_distribution<std::size_t> specialtyPick(0, std::size(Specialties) - 1);
    const auto givenPick = [&] { return std::string(Givens[zipf(rng, std::size(Givens), 0.5)]); };
    Generated out;
    std::ofstream pa(dir / "PS_LibreAcces_Personne_activite_202611230000.txt", std::ios::binary);
    pa << an::personneActiviteHeader(56) << '\n';
    qint64 rpps = 10100000000;
    while (out.activities < activityRows) {
        Person p;
        p.rpps = std::to_string(rpps++);
        p.family = makeFamily(rng);
        p.given = givenPick();
        p.city = static_cast<int>(cityPick(rng));
        p.specialty = static_cast<int>(specialtyPick(rng));
        const double r = unit(rng);
        const int practices = r < 0.55 ? 1 : (r < 0.85 ? 2 : 3); // ~1.6 activities per person
        for (int k = 0; k < practices && out.activities < activityRows; ++k) {
            const Specialty& s = Specialties[p.specialty];
            const City& c = Cities[k == 0 ? p.city : static_cast<int>(cityPick(rng))];
            an::Activity a;
            a.rpps = p.rpps;
            a.family = p.family;
            a.given = p.given;
            a.professionCode = s.profession;
            a.professionLabel = s.professionLabel;
            a.specialtyCode = s.code;
            a.specialtyLabel = s.label;
            a.titleCode = std::string(s.profession) == "10" ? "DR" : "";
            a.title = a.titleCode.empty() ? "" : "Docteur";
            a.modeCode = k == 0 ? "L" : "S";
            a.structureId = "R" + std::to_string(10000000 + out.activities);
            if (k > 0) {
                a.finessSite = std::to_string(100000000 + (out.activities % 90000));
                a.siteName = "CENTRE HOSPITALIER " + std::string(c.name);
            } else {
                a.siteName = "CABINET DU DR " + p.family;
            }
            a.streetNumber = std::to_string(1 + out.activities % 150);
            a.streetType = "RUE";
            a.streetName = "DE LA REPUBLIQUE";
            a.postcode = c.postcode;
            a.city = c.name;
            a.phone = "0" + std::to_string(100000000 + out.activities % 800000000);
            pa << an::activityLine(a, 56) << '\n';
            ++out.activities;
        }
        out.persons.push_back(std::move(p));
    }
    std::ofstream ms(dir / "Extraction_Correspondance_MSSante_202611230000.txt", std::ios::binary);
    ms << an::MssanteHeader << '\n';
    std::uniform_int_distribution<std::size_t> personPick(0, out.persons.size() - 1);
    const qint64 organisations = mailboxRows * 15 / 100;
    for (qint64 i = 0; i < mailboxRows; ++i) {
        an::MailboxRow m;
        if (i < mailboxRows - organisations) {
            const Person& p = out.persons[static_cast<std::size_t>(i) % out.persons.size()];
            m.rpps = p.rpps;
            m.family = p.family;
            m.given = p.given;
            m.address = "p" + p.rpps + "." + std::to_string(i / static_cast<qint64>(out.persons.size()))
                        + "@medecin.mssante.fr";
        } else {
            m.type = "ORG";
            m.structureType = "1";
            m.structureId = std::to_string(100000000 + (i % 90000));
            m.service = "Service " + std::to_string(i % 40);
            m.organisation = "CENTRE HOSPITALIER";
            m.address = "service" + std::to_string(i) + "@ch.mssante.fr";
        }
        ms << an::mailboxLine(m) << '\n';
        if (i % 3200 == 0) {
            ms << an::mailboxLine(m) << '\n'; // ~170 duplicate addresses, as in the real file
        }
        ++out.mailboxes;
    }
    return out;
}

// CPU seconds of this process (self) or of its waited-for children: the machine may be shared.
double cpuSeconds(int who)
{
    rusage usage = {};
    getrusage(who, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double threadCpuMs()
{
    timespec ts = {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double seconds(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The sqlite3 shell's own import of the same files into plain tables (one column per field,
// plus one for the trailing '|').
double shellImport(const fs::path& dir)
{
    const fs::path db = dir / "plain.db";
    fs::remove(db);
    std::string script = ".bail on\n.mode list\n.separator \"|\" \"\\n\"\n";
    const auto table = [&](const char* name, int columns, const char* file) {
        script += std::string("CREATE TABLE ") + name + "(";
        for (int i = 0; i <= columns; ++i) {
            script += (i ? ", c" : "c") + std::to_string(i);
        }
        script += ");\n.import --skip 1 " + (dir / file).string() + " " + name + "\n";
    };
    table("activity", 56, "PS_LibreAcces_Personne_activite_202611230000.txt");
    table("mailbox", 31, "Extraction_Correspondance_MSSante_202611230000.txt");
    std::ofstream(dir / "import.sql") << script;
    const auto start = std::chrono::steady_clock::now();
    const std::string command = "sqlite3 " + db.string() + " < " + (dir / "import.sql").string();
    if (std::system(command.c_str()) != 0) {
        std::cerr << "bench-directory: sqlite3 .import failed\n";
        return -1;
    }
    return seconds(start);
}

// psql's \copy of the same files into plain tables of the same server (text format, '|'
// separated, one column per field plus one for the trailing '|'), in one transaction.
double psqlImport(const fs::path& dir, const std::string& url)
{
    std::string script = "\\set ON_ERROR_STOP on\nBEGIN;\n";
    const auto table = [&](const char* name, int columns, const char* file) {
        script += std::string("DROP TABLE IF EXISTS ") + name + ";\nCREATE TABLE " + name + "(";
        for (int i = 0; i <= columns; ++i) {
            script += (i ? ", c" : "c") + std::to_string(i) + " text";
        }
        script += ");\n\\copy " + std::string(name) + " FROM '" + (dir / file).string()
                  + "' WITH (FORMAT text, DELIMITER '|', HEADER true)\n";
    };
    table("plain_activity", 56, "PS_LibreAcces_Personne_activite_202611230000.txt");
    table("plain_mailbox", 31, "Extraction_Correspondance_MSSante_202611230000.txt");
    script += "COMMIT;\n";
    std::ofstream(dir / "import.psql") << script;
    const auto start = std::chrono::steady_clock::now();
    const std::string command = "psql -q -X '" + url + "' -f " + (dir / "import.psql").string();
    if (std::system(command.c_str()) != 0) {
        std::cerr << "bench-directory: psql \\copy failed\n";
        return -1;
    }
    return seconds(start);
}

std::string ocrDamage(std::string name, std::mt19937_64& rng)
{
    // One confusion a scanner makes: m -> rn, l/I -> 1, O -> 0, É -> E.
    std::vector<std::pair<std::string, std::string>> swaps{{"M", "RN"}, {"L", "1"}, {"I", "l"}, {"O", "0"}};
    std::shuffle(swaps.begin(), swaps.end(), rng);
    for (const auto& [from, to] : swaps) {
        const auto at = name.find(from, 1);
        if (at != std::string::npos) {
            return name.replace(at, from.size(), to);
        }
    }
    return name;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    qint64 activities = 2000000;
    qint64 mailboxCount = 550000;
    int queries = 3000;
    std::string keep;
    std::string postgres;
    bool skipImport = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (arg == "--activities") {
            activities = std::atoll(next().c_str());
        } else if (arg == "--mailboxes") {
            mailboxCount = std::atoll(next().c_str());
        } else if (arg == "--queries") {
            queries = std::atoi(next().c_str());
        } else if (arg == "--keep") {
            keep = next();
        } else if (arg == "--postgres") {
            postgres = next();
        } else if (arg == "--search-only") {
            skipImport = true;
        } else {
            const bool help = arg == "--help" || arg == "-h";
            (help ? std::cout : std::cerr)
                << "usage: bench-directory [--activities N] [--mailboxes N] [--queries N] [--keep DIR]"
                   " [--postgres URL] [--search-only]\n"
                   "  defaults: 2000000 activity rows, 550000 mailboxes, 3000 queries; files in a temporary\n"
                   "  directory, removed at the end unless --keep DIR is given\n"
                   "  --postgres URL: an empty PostgreSQL database, the peer being psql's \\copy\n"
                   "  --search-only: no import (the database already holds the rows of these files)\n";
            return help ? 0 : 2;
        }
    }
    fs::path dir = keep.empty() ? fs::temp_directory_path() / ("missive-bench-directory." + std::to_string(getpid()))
                                : fs::path(keep);
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all);

    std::cout << "Generating " << activities << " activity rows and " << mailboxCount << " mailboxes in " << dir << " …"
              << std::endl;
    auto start = std::chrono::steady_clock::now();
    const Generated data = generate(dir, activities, mailboxCount);
    const fs::path paFile = dir / "PS_LibreAcces_Personne_activite_202611230000.txt";
    const fs::path msFile = dir / "Extraction_Correspondance_MSSante_202611230000.txt";
    std::cout << "  " << data.persons.size() << " professionals; files "
              << (fs::file_size(paFile) + fs::file_size(msFile)) / 1048576 << " MiB; generated in " << seconds(start)
              << " s\n";

    const fs::path dbPath = dir / "directory.db";
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::remove(dbPath.string() + suffix);
    }
    auto opened = Directory::open(QString::fromStdString(postgres.empty() ? dbPath.string() : postgres));
    if (!opened) {
        std::cerr << "bench-directory: " << opened.error().userMessage.toStdString() << '\n';
        return 1;
    }
    Directory& directory = *opened;
    // The imports and their figures (--search-only: the base already holds these files' rows).
    const auto importAndReport = [&]() -> bool {
        double cpu = cpuSeconds(RUSAGE_SELF);
        start = std::chrono::steady_clock::now();
        auto paReport = directory.importFile(QString::fromStdString(paFile.string()));
        const double paSeconds = seconds(start);
        const double paCpu = cpuSeconds(RUSAGE_SELF) - cpu;
        cpu = cpuSeconds(RUSAGE_SELF);
        start = std::chrono::steady_clock::now();
        auto msReport = directory.importFile(QString::fromStdString(msFile.string()));
        const double msSeconds = seconds(start);
        const double msCpu = cpuSeconds(RUSAGE_SELF) - cpu;
        if (!paReport || !msReport) {
            std::cerr << "bench-directory: import failed: "
                      << (paReport ? msReport.error() : paReport.error()).userMessage.toStdString() << '\n';
            return false;
        }
        start = std::chrono::steady_clock::now();
        auto reimport = directory.importFile(QString::fromStdString(paFile.string()));
        const double reSeconds = seconds(start);
        if (!reimport) {
            std::cerr << "bench-directory: re-import failed\n";
            return false;
        }
        const double childCpu = cpuSeconds(RUSAGE_CHILDREN);
        const double shellSeconds = postgres.empty() ? shellImport(dir) : psqlImport(dir, postgres);
        const double shellCpu = cpuSeconds(RUSAGE_CHILDREN) - childCpu;

        const auto size = [](const fs::path& p) {
            std::uintmax_t total = 0;
            for (const char* suffix : {"", "-wal"}) {
                std::error_code ec;
                const auto s = fs::file_size(p.string() + suffix, ec);
                total += ec ? 0 : s;
            }
            return static_cast<double>(total) / 1048576.0;
        };
        std::printf("\nImport (files of %lld activity rows, %lld mailboxes)\n", static_cast<long long>(data.activities),
                    static_cast<long long>(data.mailboxes));
        std::printf("  %-44s %8s %8s\n", "", "wall", "cpu");
        std::printf("  %-44s %7.1fs %7.1fs  (%lld added, %lld malformed)\n", "missive: Personne_activite", paSeconds,
                    paCpu, static_cast<long long>(paReport->counts.added), static_cast<long long>(paReport->malformed));
        std::printf("  %-44s %7.1fs %7.1fs  (%lld added, %lld duplicates)\n", "missive: MSSanté", msSeconds, msCpu,
                    static_cast<long long>(msReport->counts.added),
                    static_cast<long long>(msReport->counts.duplicates));
        std::printf("  %-44s %7.1fs %7.1fs\n", "missive: both files", paSeconds + msSeconds, paCpu + msCpu);
        const char* peer = postgres.empty() ? "sqlite3" : "psql";
        std::printf("  %-44s %7.1fs %7.1fs\n",
                    postgres.empty() ? "sqlite3 shell .import into plain tables" : "psql \\copy into plain tables",
                    shellSeconds, shellCpu);
        std::printf("  %-44s %7.2fx %7.2fx  (goal <= 2; cpu: client side only on PostgreSQL)\n",
                    (std::string("ratio missive / ") + peer).c_str(), (paSeconds + msSeconds) / shellSeconds,
                    (paCpu + msCpu) / shellCpu);
        std::printf("  %-44s %8.1f s  (%lld unchanged)\n", "missive: re-import of the same Personne_activite",
                    reSeconds, static_cast<long long>(reimport->counts.unchanged));
        if (postgres.empty()) {
            std::printf("\nDatabase size\n  %-44s %8.0f MiB\n  %-44s %8.0f MiB\n", "missive directory.db", size(dbPath),
                        "sqlite3 plain tables", size(dir / "plain.db"));
        }
        return true;
    };
    if (!skipImport && !importAndReport()) {
        return 1;
    }

    // Queries as a reading module would pass them: title, order, case, accents, OCR damage, city.
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<std::size_t> pick(0, data.persons.size() - 1);
    std::uniform_int_distribution<int> variant(0, 6);
    std::vector<double> latencies;
    std::vector<double> cpuLatencies;
    std::vector<std::vector<double>> byVariant(7);
    const char* const variantNames[] = {"Dr Prénom NOM",
                                        "NOM Prénom",
                                        "Docteur prénom nom + ville",
                                        "Prénom NOM (OCR)",
                                        "Dr Prénom NOM + spécialité + CP",
                                        "Dr NOM + ville",
                                        "M. P. NOM (initiale)"};
    int top1 = 0;
    int found = 0;
    int autoSelected = 0;
    int autoWrong = 0;
    for (int i = 0; i < queries; ++i) {
        const Person& p = data.persons[pick(rng)];
        MatchQuery query;
        const QString family = QString::fromStdString(p.family);
        const QString given = QString::fromStdString(p.given);
        const int kind = variant(rng);
        switch (kind) {
        case 0:
            query.name = QStringLiteral("Dr ") + given + QLatin1Char(' ') + family;
            break;
        case 1:
            query.name = family + QLatin1Char(' ') + given;
            break;
        case 2:
            query.name = QStringLiteral("Docteur ") + given.toLower() + QLatin1Char(' ') + family.toLower();
            query.city = QString::fromUtf8(Cities[p.city].name);
            break;
        case 3:
            query.name = given + QLatin1Char(' ') + QString::fromStdString(ocrDamage(p.family, rng));
            break;
        case 4:
            query.name = QStringLiteral("Dr ") + given + QLatin1Char(' ') + family;
            query.specialtyWords = {QString::fromUtf8(Specialties[p.specialty].word)};
            query.postcode = QString::fromUtf8(Cities[p.city].postcode);
            break;
        case 5:
            query.name = QStringLiteral("Dr ") + family;
            query.city = QString::fromUtf8(Cities[p.city].name);
            break;
        default:
            query.name = QStringLiteral("M. ") + given.left(1) + QStringLiteral(". ") + family;
            break;
        }
        QElapsedTimer timer;
        const double cpuStart = threadCpuMs();
        timer.start();
        auto result = directory.match(query, 5);
        latencies.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        cpuLatencies.push_back(threadCpuMs() - cpuStart);
        byVariant[static_cast<std::size_t>(kind)].push_back(latencies.back());
        if (!result) {
            std::cerr << "bench-directory: match failed\n";
            return 1;
        }
        const QString expected = QString::fromStdString(p.rpps);
        if (!result->candidates.isEmpty() && result->candidates.first().professional.rpps == expected) {
            ++top1;
        }
        if (std::any_of(result->candidates.begin(), result->candidates.end(),
                        [&](const Candidate& c) { return c.professional.rpps == expected; })) {
            ++found;
        }
        if (result->autoSelected) {
            ++autoSelected;
            if (result->candidates.first().professional.rpps != expected) {
                ++autoWrong;
            }
        }
    }
    std::sort(latencies.begin(), latencies.end());
    std::sort(cpuLatencies.begin(), cpuLatencies.end());
    const auto at = [](const std::vector<double>& v, double p) {
        return v.empty() ? 0.0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
    };
    const auto pct = [&](double p) { return at(latencies, p); };

    std::printf("\nSearch over %d queries (title, inverted order, case, OCR damage, city, initials)\n", queries);
    std::printf("  latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms  (goal p99 <= 5 ms)\n", pct(0.50),
                pct(0.95), pct(0.99), latencies.empty() ? 0.0 : latencies.back());
    std::printf("  cpu time p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n", at(cpuLatencies, 0.5),
                at(cpuLatencies, 0.95), at(cpuLatencies, 0.99), cpuLatencies.empty() ? 0.0 : cpuLatencies.back());
    std::printf("  load average while measuring: %s",
                [] {
                    std::ifstream in("/proc/loadavg");
                    std::string line;
                    std::getline(in, line);
                    return line + "\n";
                }()
                    .c_str());
    for (std::size_t v = 0; v < byVariant.size(); ++v) {
        auto& l = byVariant[v];
        std::sort(l.begin(), l.end());
        if (!l.empty()) {
            std::printf("    %-34s n=%4zu  p50 %.2f  p99 %.2f ms\n", variantNames[v], l.size(), l[l.size() / 2],
                        l[std::min(l.size() - 1, l.size() * 99 / 100)]);
        }
    }
    std::printf("  expected professional first: %.1f %%, among the 5 candidates: %.1f %%\n",
                100.0 * top1 / std::max(queries, 1), 100.0 * found / std::max(queries, 1));
    std::printf("  auto-selected: %.1f %% of queries, of which wrong: %d\n",
                100.0 * autoSelected / std::max(queries, 1), autoWrong);

    if (keep.empty()) {
        fs::remove_all(dir);
    }
    return 0;
}
