#include "settings_dialog.h"

#include "background.h"
#include "missive/core/document_type.h"
#include "missive/core/safe_file.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <optional>

namespace missive::gui
{
namespace
{

QString text(const QLineEdit* edit)
{
    return edit ? edit->text().trimmed() : QString();
}

// The rules table: one row per document type, a check box per patient channel and the GP, and the
// RPPS of fixed professionals.
enum RuleColumn
{
    TypeColumn,
    DmpColumn,
    MailboxColumn,
    GpColumn,
    ProfessionalsColumn,
    RuleColumns,
};
// On a type's label: its rules come from the configuration.
constexpr int ImposedRole = Qt::UserRole + 1;
constexpr std::array CheckedKinds{std::pair{DmpColumn, directory::RecipientKind::PatientDmp},
                                  std::pair{MailboxColumn, directory::RecipientKind::PatientMailbox},
                                  std::pair{GpColumn, directory::RecipientKind::Gp}};

} // namespace

SettingsDialog::SettingsDialog(transport::Settings current, QString configPath, QString machinePath,
                               directory::Directory* directory, QString user, QWidget* parent)
    : QDialog(parent)
    , m_settings(std::move(current))
    , m_path(std::move(configPath))
    , m_machinePath(std::move(machinePath))
    , m_directory(directory)
    , m_user(std::move(user))
{
    setWindowTitle(tr("Missive — Paramètres"));
    auto* layout = new QVBoxLayout(this);
    // Two parts: what a secretary sets for herself (her service, the default recipients), and what
    // IT sets up once for the establishment (accounts, certificates, printer), which its policies
    // may lock.
    auto* parts = new QTabWidget;
    auto* mine = new QWidget;
    auto* mineLayout = new QVBoxLayout(mine);
    parts->addTab(mine, tr("&Mes réglages"));
    // The accounts scroll when the screen is short (a laptop at 150 %), never sideways.
    auto* leftPane = new QWidget;
    auto* left = new QVBoxLayout(leftPane);
    left->setContentsMargins(0, 0, 0, 0);
    auto* leftScroll = new QScrollArea;
    leftScroll->setWidget(leftPane);
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    parts->addTab(leftScroll, tr("É&tablissement (administrateur)"));
    layout->addWidget(parts, 1);
    const auto group = [&](const QString& title) {
        auto* box = new QGroupBox(title);
        auto* form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        left->addWidget(box);
        return form;
    };
    const transport::Settings& s = m_settings;
    auto* service = new QGroupBox(tr("Mon service"));
    auto* serviceForm = new QFormLayout(service);
    serviceForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addField(serviceForm, tr("Service"), "structure.service", s.structure.service);
    mineLayout->addWidget(service);
    QFormLayout* mss = group(tr("Messagerie MSSanté"));
    addField(mss, tr("Serveur SMTP"), "mssante.smtp_url", s.mssante.smtpUrl.toString());
    addField(mss, tr("Adresse d'envoi"), "mssante.sender", s.mssante.sender);
    addField(mss, tr("Certificat client (.p12)"), "mssante.client_certificate", s.mssante.certificate.pkcs12Path,
             FieldKind::Certificate);
    addField(mss, tr("Phrase secrète du certificat"), "mssante.passphrase_", QString(), FieldKind::Secret);
    addField(mss, tr("Autorités de certification"), "mssante.ca_bundle", s.mssante.caBundle, FieldKind::Authorities);
    addField(mss, tr("Référence NIL"), "mssante.nil", s.mssante.nil);
    addConnectionTest(mss, engine::DeliveryChannel::Mssante);
    QFormLayout* dmp = group(tr("DMP"));
    addField(dmp, tr("Service DMP (https)"), "dmp.endpoint", s.dmp.endpoint.toString());
    addField(dmp, tr("Certificat de la structure (.p12)"), "dmp.client_certificate", s.dmp.certificate.pkcs12Path,
             FieldKind::Certificate);
    addField(dmp, tr("Phrase secrète du certificat DMP"), "dmp.passphrase_", QString(), FieldKind::Secret);
    addField(dmp, tr("Autorités du service DMP"), "dmp.ca_bundle", s.dmp.caBundle, FieldKind::Authorities);
    addField(dmp, tr("Responsable (IDNPS)"), "dmp.responsible_id", s.dmp.responsibleId);
    addConnectionTest(dmp, engine::DeliveryChannel::Dmp);
    QFormLayout* structure = group(tr("Établissement et courrier"));
    addField(structure, tr("Identifiant de la structure (IDNST)"), "structure.id", s.structure.id);
    addField(structure, tr("Raison sociale"), "structure.name", s.structure.name);
    addField(structure, tr("Imprimante du courrier postal"), "postal.queue", s.postal.queue, FieldKind::Printer);
    addConnectionTest(structure, engine::DeliveryChannel::Postal);
    if (m_directory) {
        auto* rules = new QGroupBox(tr("Destinataires par défaut selon le type de document"));
        auto* rulesLayout = new QVBoxLayout(rules);
        rulesLayout->addWidget(makeRules());
        mineLayout->addWidget(rules, 1);
    } else {
        mineLayout->addStretch(1);
    }

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
    left->addStretch(1);
    leftScroll->setMinimumWidth(leftPane->minimumSizeHint().width()
                                + leftScroll->verticalScrollBar()->sizeHint().width());
    layout->addWidget(buttons);
    // As large as it reads best, never larger than the screen.
    resize(QSize(m_directory ? 900 : 560, 640).boundedTo(screen()->availableGeometry().size() * 0.95));
}

SettingsDialog::~SettingsDialog()
{
    // A test or a listing still under way finishes first: its thread must not outlive the application.
    for (const QPointer<QThread>& test : std::as_const(m_threads)) {
        if (test) {
            test->wait();
        }
    }
}

void SettingsDialog::addConnectionTest(QFormLayout* form, engine::DeliveryChannel channel)
{
    auto* button = new QPushButton(tr("Tester la connexion"));
    button->setAutoDefault(false);
    auto* result = new QLabel;
    result->setWordWrap(true);
    result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    result->setAccessibleName(tr("Résultat du test de connexion"));
    form->addRow(button, result);
    m_testButtons.insert(channel, button);
    m_testResults.insert(channel, result);
    connect(button, &QPushButton::clicked, this, [this, channel, button, result] {
        button->setEnabled(false);
        result->setStyleSheet(QString());
        result->setText(tr("Test en cours…"));
        const transport::Settings settings = edited(); // as typed, not saved
        m_threads.append(inBackground(
            this, [settings, channel] { return engine::testConnection(settings, channel); },
            [this, button, result](const Result<QString>& answer) {
                button->setEnabled(true);
                result->setStyleSheet(answer ? QStringLiteral("QLabel { color: #1b5e20; }")
                                             : QStringLiteral("QLabel { color: #b00020; }"));
                result->setText(answer ? tr("Réussi : %1").arg(*answer)
                                       : tr("Échec : %1").arg(answer.error().userMessage));
                emit connectionTested();
            }));
    });
}

QPushButton* SettingsDialog::connectionTestButton(engine::DeliveryChannel channel) const
{
    return m_testButtons.value(channel);
}

QLabel* SettingsDialog::connectionTestResult(engine::DeliveryChannel channel) const
{
    return m_testResults.value(channel);
}

QLineEdit* SettingsDialog::addField(QFormLayout* form, const QString& label, const char* key, const QString& value,
                                    FieldKind kind)
{
    const bool secret = kind == FieldKind::Secret;
    // A printer is picked among this machine's CUPS queues (listed off the GUI thread), or typed.
    QComboBox* printers = nullptr;
    QLineEdit* edit = nullptr;
    if (kind == FieldKind::Printer) {
        printers = new QComboBox;
        printers->setEditable(true);
        printers->setInsertPolicy(QComboBox::NoInsert);
        edit = printers->lineEdit();
        edit->setText(value);
        m_threads.append(inBackground(
            this, [] { return Result<QStringList>(engine::postalPrinters()); },
            [printers, value](const Result<QStringList>& queues) {
                if (queues) {
                    printers->addItems(*queues);
                    printers->setCurrentText(value);
                }
            }));
    } else {
        edit = new QLineEdit(value);
    }
    edit->setAccessibleName(label);
    if (secret) {
        edit->setEchoMode(QLineEdit::Password);
        edit->setPlaceholderText(tr("inchangée"));
    }
    // Imposed by IT's policies: shown, never changed here (a passphrase: any of its sources).
    const QString setting = QString::fromLatin1(key);
    const bool locked = std::any_of(m_settings.locked.begin(), m_settings.locked.end(), [&](const QString& k) {
        return setting.endsWith(u'_') ? k.startsWith(setting) : k == setting;
    });
    QWidget* field = printers ? static_cast<QWidget*>(printers) : edit;
    if (kind == FieldKind::Certificate || kind == FieldKind::Authorities) {
        // A file is picked, not typed (typing stays possible).
        auto* row = new QWidget;
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto* browse = new QToolButton;
        browse->setText(QStringLiteral("…"));
        browse->setAccessibleName(tr("Choisir le fichier : %1").arg(label));
        browse->setToolTip(tr("Choisir le fichier"));
        browse->setEnabled(!locked);
        const QString filter = kind == FieldKind::Certificate ? tr("Certificats PKCS#12 (*.p12 *.pfx)")
                                                              : tr("Autorités de certification (*.pem *.crt)");
        connect(browse, &QToolButton::clicked, this, [this, edit, label, filter] {
            const QString chosen = QFileDialog::getOpenFileName(this, label, edit->text(), filter);
            if (!chosen.isEmpty()) {
                edit->setText(chosen);
            }
        });
        rowLayout->addWidget(edit, 1);
        rowLayout->addWidget(browse);
        field = row;
    }
    if (locked) {
        edit->setEnabled(false);
        if (printers) {
            printers->setEnabled(false);
        }
        edit->setToolTip(tr("Imposé par votre administrateur"));
        if (secret) {
            edit->setPlaceholderText(tr("imposée par votre administrateur"));
        }
    }
    form->addRow(label + QStringLiteral(" :"), field);
    m_fields.append(edit);
    return edit;
}

QWidget* SettingsDialog::makeRules()
{
    m_rules = new QTableWidget(0, RuleColumns);
    m_rules->setAccessibleName(tr("Règles par type de document"));
    // Two-line headers: the check box columns stay narrow on a small screen.
    m_rules->setHorizontalHeaderLabels({tr("Type de document"), tr("DMP du\npatient"), tr("Messagerie\ndu patient"),
                                        tr("Médecin\ntraitant"), tr("Autres\n(RPPS)")});
    m_rules->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_rules->horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::Stretch);
    m_rules->verticalHeader()->hide();
    // The letters a secretary prints most come first, then the whole value set in its order.
    QList<DocumentType> types;
    for (const char* code : {documenttypes::LettreDeLiaison, documenttypes::CompteRenduOperatoire,
                             documenttypes::Ordonnance, documenttypes::CompteRenduConsultation}) {
        if (auto type = findDocumentType(QString::fromLatin1(code))) {
            types.append(*type);
        }
    }
    for (const DocumentType& type : documentTypes()) {
        if (!types.contains(type)) {
            types.append(type);
        }
    }
    for (const DocumentType& type : types) {
        QList<directory::Rule> rules;
        if (auto read = m_directory->rules(type.code)) {
            rules = *read;
        }
        m_loadedRules.insert(type.code, rules);
        const int row = m_rules->rowCount();
        m_rules->insertRow(row);
        auto* label = new QTableWidgetItem(type.label);
        label->setData(Qt::UserRole, type.code);
        label->setToolTip(QStringLiteral("%1 (%2)").arg(type.label, type.code));
        label->setFlags(label->flags() & ~Qt::ItemIsEditable);
        m_rules->setItem(row, TypeColumn, label);
        for (const auto& [column, kind] : CheckedKinds) {
            auto* box = new QTableWidgetItem;
            box->setFlags((box->flags() | Qt::ItemIsUserCheckable) & ~Qt::ItemIsEditable);
            const bool on =
                std::any_of(rules.begin(), rules.end(), [kind](const auto& r) { return r.recipient == kind; });
            box->setCheckState(on ? Qt::Checked : Qt::Unchecked);
            m_rules->setItem(row, column, box);
        }
        QStringList rpps;
        for (const directory::Rule& r : rules) {
            if (r.recipient == directory::RecipientKind::Professional) {
                rpps << r.rpps;
            }
        }
        m_rules->setItem(row, ProfessionalsColumn, new QTableWidgetItem(rpps.join(QStringLiteral(", "))));
        // Set by the configuration ([rules], IT's policies above all): shown, greyed, not saved from here.
        if (!rules.isEmpty() && rules.front().imposed) {
            const bool byPolicy = m_settings.locked.contains(QStringLiteral("rules.") + type.code);
            for (int column = 0; column < m_rules->columnCount(); ++column) {
                QTableWidgetItem* item = m_rules->item(row, column);
                item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemIsUserCheckable));
                item->setToolTip(byPolicy ? tr("Imposé par votre administrateur")
                                          : tr("Fixé par la configuration (section [rules])"));
            }
            label->setData(ImposedRole, true);
        }
    }
    m_rules->setMinimumHeight(160);
    return m_rules;
}

QTableWidget* SettingsDialog::rulesTable() const
{
    return m_rules;
}

Result<QMap<QString, QList<directory::Rule>>> SettingsDialog::tableRules() const
{
    QMap<QString, QList<directory::Rule>> out;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (int row = 0; row < m_rules->rowCount(); ++row) {
        if (m_rules->item(row, TypeColumn)->data(ImposedRole).toBool()) {
            continue; // not the secretary's to change
        }
        const QString type = m_rules->item(row, TypeColumn)->data(Qt::UserRole).toString();
        QList<directory::Rule> rules;
        for (const auto& [column, kind] : CheckedKinds) {
            if (m_rules->item(row, column)->checkState() == Qt::Checked) {
                rules.append(directory::Rule{type, kind, {}});
            }
        }
        for (const QString& rpps :
             m_rules->item(row, ProfessionalsColumn)->text().split(separators, Qt::SkipEmptyParts)) {
            auto known = m_directory->professional(rpps);
            if (!known || !*known) {
                return makeError(
                    ErrorCode::InvalidArgument,
                    tr("%1 : le RPPS %2 est inconnu de l'annuaire.").arg(m_rules->item(row, TypeColumn)->text(), rpps),
                    QStringLiteral("unknown rpps in a rule"));
            }
            rules.append(directory::Rule{type, directory::RecipientKind::Professional, rpps});
        }
        out.insert(type, rules);
    }
    return out;
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

transport::Settings SettingsDialog::edited() const
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
    s.structure.service = text(field(tr("Service")));
    s.postal.queue = text(field(tr("Imprimante du courrier postal")));
    if (s.dmp.structureId == m_settings.structure.id) {
        s.dmp.structureId.clear(); // follows [structure] id
    }
    for (const auto& [label, source] :
         {std::pair{tr("Phrase secrète du certificat"), &s.mssante.certificate.passphrase},
          std::pair{tr("Phrase secrète du certificat DMP"), &s.dmp.certificate.passphrase}}) {
        source->typed = field(label)->text().toUtf8();
    }
    return s;
}

bool SettingsDialog::save(QString* error)
{
    transport::Settings s = edited();
    // A typed passphrase goes to the keychain; the file only names it.
    QList<std::pair<QString, QByteArray>> toStore;
    for (const auto& [key, source] : {std::pair{MssanteSecretKey, &s.mssante.certificate.passphrase},
                                      std::pair{DmpSecretKey, &s.dmp.certificate.passphrase}}) {
        if (!source->typed.isEmpty()) {
            toStore.append({QString::fromLatin1(key), source->typed});
            *source = transport::SecretSource{{}, {}, QString::fromLatin1(key), {}};
        }
    }

    // Only what differs from IT's machine-wide file, so that IT's later changes still apply here.
    std::optional<transport::Settings> machine;
    if (!m_machinePath.isEmpty() && QFileInfo::exists(m_machinePath)) {
        auto parsed = settings::parseSettings(m_machinePath);
        if (!parsed) {
            *error = parsed.error().userMessage;
            return false;
        }
        machine = *parsed;
    }
    const QString content = settings::formatSettings(s, machine ? &*machine : nullptr);
    // Checked by the very parser that will read it, with IT's file under it, before anything is replaced.
    QTemporaryDir scratch;
    const QString probe = scratch.filePath(QStringLiteral("missive.conf"));
    if (auto written = writeFileSafely(probe, content.toUtf8()); !written) {
        *error = written.error().userMessage;
        return false;
    }
    const QStringList layers = machine ? QStringList{m_machinePath, probe} : QStringList{probe};
    if (auto parsed = settings::parseSettingsLayers(layers); !parsed) {
        *error = parsed.error().userMessage.replace(probe, tr("paramètres"));
        return false;
    }
    QMap<QString, QList<directory::Rule>> rules;
    if (m_rules) {
        auto read = tableRules();
        if (!read) {
            *error = read.error().userMessage;
            return false;
        }
        rules = *read;
    }
    for (const auto& [key, secret] : toStore) {
        if (auto stored = transport::writeKeychainSecret(key, secret); !stored) {
            *error = stored.error().userMessage;
            return false;
        }
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    if (auto written = writeFileSafely(m_path, content.toUtf8()); !written) {
        *error = written.error().userMessage;
        return false;
    }
    for (auto it = rules.cbegin(); it != rules.cend(); ++it) {
        if (it.value() == m_loadedRules.value(it.key())) {
            continue; // unchanged: no history entry
        }
        if (auto set = m_directory->setRules(it.key(), it.value(), m_user); !set) {
            *error = set.error().userMessage;
            return false;
        }
        m_loadedRules.insert(it.key(), it.value());
    }
    m_settings = s;
    return true;
}

} // namespace missive::gui
