#pragma once
// Paramètres: the MSSanté account and client certificate, the DMP structure certificate, the postal
// printer, the establishment and service, and the default recipients per document type. Written to
// the user's configuration file, only where it differs from the machine-wide file IT deploys
// (/etc/missive/missive.conf), which keeps providing the rest; passphrases go to the system keychain,
// never to the file; the rules go to the directory.

#include "missive/directory/directory.h"
#include "missive/engine/delivery.h"
#include "missive/settings/settings.h"

#include <QDialog>
#include <QMap>
#include <QPointer>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QThread;

namespace missive::gui
{

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // `configPath`: the file Enregistrer writes (the user's, unless --config named another);
    // `machinePath`: IT's file under it (empty with --config); `directory` (may be null) holds the
    // rules per document type, changed in the name of `user`.
    SettingsDialog(transport::Settings current, QString configPath, QString machinePath,
                   directory::Directory* directory, QString user, QWidget* parent = nullptr);
    ~SettingsDialog() override;
    SettingsDialog(const SettingsDialog&) = delete;
    SettingsDialog& operator=(const SettingsDialog&) = delete;

    // Validates and writes; French message in `error` on failure (nothing written then).
    bool save(QString* error);

    // For tests.
    [[nodiscard]] QLineEdit* field(const QString& accessibleName) const;
    [[nodiscard]] QTableWidget* rulesTable() const;
    // "Tester la connexion" of a channel, and where its answer is shown.
    [[nodiscard]] QPushButton* connectionTestButton(engine::DeliveryChannel channel) const;
    [[nodiscard]] QLabel* connectionTestResult(engine::DeliveryChannel channel) const;

    static constexpr auto MssanteSecretKey = "mssante_passphrase";
    static constexpr auto DmpSecretKey = "dmp_passphrase";

signals:
    void connectionTested(); // an answer is shown (tests)

private:
    enum class FieldKind
    {
        Text,
        Secret,      // never shown; left empty: unchanged
        Certificate, // a PKCS#12 file, picked
        Authorities, // a PEM bundle, picked
        Printer,     // a CUPS queue, picked among this machine's or typed
    };
    // `key`: the setting ("section.key"; a passphrase's group ends with '_'), locked by IT's policies or not.
    QLineEdit* addField(QFormLayout* form, const QString& label, const char* key, const QString& value,
                        FieldKind kind = FieldKind::Text);
    [[nodiscard]] QWidget* makeRules();
    // The settings as the fields stand; a typed passphrase rides in memory only (SecretSource::typed).
    [[nodiscard]] transport::Settings edited() const;
    // A "Tester la connexion" row under the channel's fields: the test runs off the GUI thread.
    void addConnectionTest(QFormLayout* form, engine::DeliveryChannel channel);
    // The rules as the table says, per document type; InvalidArgument for an unknown RPPS.
    [[nodiscard]] Result<QMap<QString, QList<directory::Rule>>> tableRules() const;

    transport::Settings m_settings;
    QString m_path;
    QString m_machinePath;
    directory::Directory* m_directory;
    QString m_user;
    QList<QLineEdit*> m_fields;
    QTableWidget* m_rules = nullptr;
    QMap<QString, QList<directory::Rule>> m_loadedRules;
    QMap<engine::DeliveryChannel, QPushButton*> m_testButtons;
    QMap<engine::DeliveryChannel, QLabel*> m_testResults;
    QList<QPointer<QThread>> m_threads; // connection tests, the printer list: waited for when the dialog goes
};

} // namespace missive::gui
