#pragma once
// Paramètres: the MSSanté account and client certificate, the DMP structure certificate, the postal
// printer and the establishment. Written to the user's configuration file (which then overrides the
// machine-wide /etc/missive/missive.conf IT deploys); passphrases go to the system keychain, never
// to the file.

#include "missive/transport/settings.h"

#include <QDialog>

class QFormLayout;
class QLineEdit;

namespace missive::gui
{

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // `configPath`: the file Enregistrer writes (the user's, unless --config named another).
    SettingsDialog(transport::Settings current, QString configPath, QWidget* parent = nullptr);

    // Validates and writes; French message in `error` on failure (nothing written then).
    bool save(QString* error);

    // For tests.
    [[nodiscard]] QLineEdit* field(const QString& accessibleName) const;

    static constexpr auto MssanteSecretKey = "mssante_passphrase";
    static constexpr auto DmpSecretKey = "dmp_passphrase";

private:
    QLineEdit* addField(QFormLayout* form, const QString& label, const QString& value, bool secret = false);

    transport::Settings m_settings;
    QString m_path;
    QList<QLineEdit*> m_fields;
};

} // namespace missive::gui
