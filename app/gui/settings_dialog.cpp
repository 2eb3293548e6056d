#include "settings_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QVBoxLayout>

namespace missive::gui
{
namespace
{

QString text(const QLineEdit* edit)
{
    return edit ? edit->text().trimmed() : QString();
}

} // namespace

SettingsDialog::SettingsDialog(transport::Settings current, QString configPath, QWidget* parent)
    : QDialog(parent)
    , m_settings(std::move(current))
    , m_path(std::move(configPath))
{
    setWindowTitle(tr("Missive — Paramètres"));
    auto* layout = new QVBoxLayout(this);
    const auto group = [&](const QString& title) {
        auto* box = new QGroupBox(title);
        auto* form = new QFormLayout(box);
        layout->addWidget(box);
        return form;
    };
    const transport::Settings& s = m_settings;
    QFormLayout* mss = group(tr("Messagerie MSSanté"));
    addField(mss, tr("Serveur SMTP"), s.mssante.smtpUrl.toString());
    addField(mss, tr("Adresse d'envoi"), s.mssante.sender);
    addField(mss, tr("Certificat client (.p12)"), s.mssante.certificate.pkcs12Path);
    addField(mss, tr("Phrase secrète du certificat"), QString(), true);
    addField(mss, tr("Autorités de certification"), s.mssante.caBundle);
    addField(mss, tr("Référence NIL"), s.mssante.nil);
    QFormLayout* dmp = group(tr("DMP"));
    addField(dmp, tr("Service DMP (https)"), s.dmp.endpoint.toString());
    addField(dmp, tr("Certificat de la structure (.p12)"), s.dmp.certificate.pkcs12Path);
    addField(dmp, tr("Phrase secrète du certificat DMP"), QString(), true);
    addField(dmp, tr("Autorités du service DMP"), s.dmp.caBundle);
    addField(dmp, tr("Responsable (IDNPS)"), s.dmp.responsibleId);
    QFormLayout* structure = group(tr("Établissement et courrier"));
    addField(structure, tr("Identifiant de la structure (IDNST)"), s.structure.id);
    addField(structure, tr("Raison sociale"), s.structure.name);
    addField(structure, tr("Imprimante du courrier postal"), s.postal.queue);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setText(tr("&Enregistrer"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Annuler"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QString error;
        if (save(&error)) {
            accept();
        } else {
            QMessageBox::warning(this, tr("Paramètres non enregistrés"), error);
        }
    });
    layout->addWidget(buttons);
}

QLineEdit* SettingsDialog::addField(QFormLayout* form, const QString& label, const QString& value, bool secret)
{
    auto* edit = new QLineEdit(value);
    edit->setAccessibleName(label);
    if (secret) {
        edit->setEchoMode(QLineEdit::Password);
        edit->setPlaceholderText(tr("inchangée"));
    }
    form->addRow(label + QStringLiteral(" :"), edit);
    m_fields.append(edit);
    return edit;
}

QLineEdit* SettingsDialog::field(const QString& accessibleName) const
{
    for (QLineEdit* edit : m_fields) {
        if (edit->accessibleName() == accessibleName) {
            return edit;
        }
    }
    return nullptr;
}

bool SettingsDialog::save(QString* error)
{
    transport::Settings s = m_settings;
    s.mssante.smtpUrl = QUrl(text(field(tr("Serveur SMTP"))));
    s.mssante.sender = text(field(tr("Adresse d'envoi")));
    s.mssante.certificate.pkcs12Path = text(field(tr("Certificat client (.p12)")));
    s.mssante.caBundle = text(field(tr("Autorités de certification")));
    s.mssante.nil = text(field(tr("Référence NIL")));
    s.dmp.endpoint = QUrl(text(field(tr("Service DMP (https)"))));
    s.dmp.certificate.pkcs12Path = text(field(tr("Certificat de la structure (.p12)")));
    s.dmp.caBundle = text(field(tr("Autorités du service DMP")));
    s.dmp.responsibleId = text(field(tr("Responsable (IDNPS)")));
    s.structure.id = text(field(tr("Identifiant de la structure (IDNST)")));
    s.structure.name = text(field(tr("Raison sociale")));
    s.postal.queue = text(field(tr("Imprimante du courrier postal")));
    if (s.dmp.structureId == m_settings.structure.id) {
        s.dmp.structureId.clear(); // follows [structure] id
    }

    // A typed passphrase goes to the keychain; the file only names it.
    const QList<std::tuple<QString, const char*, transport::SecretSource*>> secrets{
        {tr("Phrase secrète du certificat"), MssanteSecretKey, &s.mssante.certificate.passphrase},
        {tr("Phrase secrète du certificat DMP"), DmpSecretKey, &s.dmp.certificate.passphrase},
    };
    QList<std::pair<QString, QByteArray>> toStore;
    for (const auto& [label, key, source] : secrets) {
        const QString typed = field(label)->text();
        if (!typed.isEmpty()) {
            *source = transport::SecretSource{{}, {}, QString::fromLatin1(key)};
            toStore.append({QString::fromLatin1(key), typed.toUtf8()});
        }
    }

    // Checked by the very parser that will read it, before anything is replaced.
    const QString content = transport::formatSettings(s);
    QTemporaryDir scratch;
    const QString probe = scratch.filePath(QStringLiteral("missive.conf"));
    QSaveFile probeFile(probe);
    if (!probeFile.open(QIODevice::WriteOnly) || probeFile.write(content.toUtf8()) < 0 || !probeFile.commit()) {
        *error = probeFile.errorString();
        return false;
    }
    QFile::setPermissions(probe, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (auto parsed = transport::parseSettings(probe); !parsed) {
        *error = parsed.error().userMessage.replace(probe, tr("paramètres"));
        return false;
    }
    for (const auto& [key, secret] : toStore) {
        if (auto stored = transport::writeKeychainSecret(key, secret); !stored) {
            *error = stored.error().userMessage;
            return false;
        }
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content.toUtf8()) < 0) {
        *error = file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    m_settings = s;
    return true;
}

} // namespace missive::gui
