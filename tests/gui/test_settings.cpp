// Paramètres and the system keychain, inside a private D-Bus session with a throwaway gnome-keyring
// (tests/support/with-keyring.sh). Hidden from the plain run: ctest runs them through the wrapper.

#include "settings_dialog.h"
#include "support.h"

#include <QLineEdit>
#include <catch2/catch.hpp>
#include <sys/stat.h>

using namespace missive;
using namespace missive::test;
namespace tr = missive::transport;

TEST_CASE("a secret stored in the keychain is read back through its source, never from the file", "[.keyring]")
{
    REQUIRE(tr::writeKeychainSecret(QStringLiteral("test_secret"), "passe-partout"));
    auto read = tr::readSecret(tr::SecretSource{{}, {}, QStringLiteral("test_secret"), {}});
    REQUIRE(read);
    CHECK(*read == "passe-partout");
    auto missing = tr::readSecret(tr::SecretSource{{}, {}, QStringLiteral("no_such_secret"), {}});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::Unavailable);
    CHECK(missing.error().userMessage.contains(QStringLiteral("trousseau")));
}

TEST_CASE("Paramètres: the settings round-trip through the file, the passphrase through the keychain", "[.keyring]")
{
    TempDir dir("missive-parametres");
    writeFile(dir / "client.p12", "x", 0600);
    writeFile(dir / "ca.pem", "x", 0644);
    const QString config = QString::fromStdString((dir / "conf" / "missive.conf").string());
    gui::SettingsDialog dialog(tr::Settings{}, config, {}, nullptr, QStringLiteral("secretaire"));
    const auto set = [&](const char* label, const std::string& value) {
        QLineEdit* edit = dialog.field(QString::fromUtf8(label));
        REQUIRE(edit);
        edit->setText(QString::fromStdString(value));
    };

    // A wrong URL is refused by the same parser that reads the file: nothing is written.
    set("Serveur SMTP", "http://mss.example.fr");
    set("Adresse d'envoi", "secretariat@hop.mssante.fr");
    set("Certificat client (.p12)", (dir / "client.p12").string());
    set("Autorités de certification", (dir / "ca.pem").string());
    set("Référence NIL", "NIL-1");
    QString error;
    CHECK_FALSE(dialog.save(&error));
    CHECK(error.contains(QStringLiteral("smtp_url")));
    CHECK_FALSE(fs::exists(dir / "conf" / "missive.conf"));

    set("Serveur SMTP", "smtps://mss.example.fr:465");
    set("Phrase secrète du certificat", "ne-pas-ecrire");
    set("Identifiant de la structure (IDNST)", "1120459876");
    set("Raison sociale", "Clinique des Tilleuls");
    set("Imprimante du courrier postal", "Courrier");
    INFO(error.toStdString());
    REQUIRE(dialog.save(&error));

    const std::string written = readFile((dir / "conf" / "missive.conf").string());
    CHECK(written.find("ne-pas-ecrire") == std::string::npos);
    CHECK(written.find("passphrase_keychain = mssante_passphrase") != std::string::npos);
    struct stat st = {};
    REQUIRE(stat((dir / "conf" / "missive.conf").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto settings = missive::settings::parseSettings(config);
    REQUIRE(settings);
    CHECK(settings->mssante.smtpUrl.toString() == QStringLiteral("smtps://mss.example.fr:465"));
    CHECK(settings->structure.name == QStringLiteral("Clinique des Tilleuls"));
    CHECK(settings->postal.queue == QStringLiteral("Courrier"));
    auto secret = tr::readSecret(settings->mssante.certificate.passphrase);
    REQUIRE(secret);
    CHECK(*secret == "ne-pas-ecrire");

    // Opened again on those settings, the passphrase is not shown back, and saving keeps it.
    gui::SettingsDialog again(*settings, config, {}, nullptr, QStringLiteral("secretaire"));
    CHECK(again.field(QStringLiteral("Phrase secrète du certificat"))->text().isEmpty());
    REQUIRE(again.save(&error));
    CHECK(missive::settings::parseSettings(config)->mssante.certificate.passphrase.keychainKey
          == QStringLiteral("mssante_passphrase"));
}
