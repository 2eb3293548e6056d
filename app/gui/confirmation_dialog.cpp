#include "confirmation_dialog.h"

#include "missive/core/document_type.h"
#include "missive/ocr/preview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace missive::gui
{
namespace
{

constexpr double PreviewDpi = 60.0;

QString identityText(const engine::LetterProposal& p)
{
    const PatientIdentity& id = p.prepared.input.patient;
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> %2")
                 .arg((id.birthName.isEmpty() ? QStringLiteral("?") : id.birthName).toHtmlEscaped(),
                      id.firstNames.join(u' ').toHtmlEscaped());
    if (!id.usedName.isEmpty() && id.usedName != id.birthName) {
        lines << QObject::tr("Nom utilisé : %1").arg(id.usedName.toHtmlEscaped());
    }
    lines << QObject::tr("Né(e) le %1, sexe %2, lieu %3")
                 .arg(id.birthDate.isValid() ? id.birthDate.toString(QStringLiteral("dd/MM/yyyy"))
                                             : QStringLiteral("?"),
                      sexCode(id.sex).isEmpty() ? QStringLiteral("?") : sexCode(id.sex),
                      id.birthPlace.isEmpty() ? QStringLiteral("?") : id.birthPlace);
    const ocr::IdentitySource source = p.analysis.patient.source;
    const QString from = source == ocr::IdentitySource::DataMatrix ? QObject::tr("DataMatrix")
                         : source == ocr::IdentitySource::Both     ? QObject::tr("DataMatrix et texte imprimé")
                                                                   : QObject::tr("texte imprimé");
    lines << (id.ins.isEmpty() ? QObject::tr("INS : non retenu") : QObject::tr("INS : %1 (lu : %2)").arg(id.ins, from));
    return lines.join(QStringLiteral("<br>"));
}

} // namespace

ConfirmationDialog::ConfirmationDialog(engine::LetterProposal proposal, const directory::Directory* directory,
                                       QWidget* parent)
    : QDialog(parent)
    , m_proposal(std::move(proposal))
    , m_directory(directory)
{
    setWindowTitle(tr("Missive — envoi du courrier"));

    // Left: the page as printed.
    m_preview = new QLabel;
    m_preview->setAccessibleName(tr("Aperçu de la page"));
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_preview);
    scroll->setMinimumWidth(360);
    m_page = new QSpinBox;
    m_page->setAccessibleName(tr("Page affichée"));
    m_page->setPrefix(tr("Page "));
    m_page->setRange(1, std::max(1, m_proposal.analysis.pages));
    connect(m_page, &QSpinBox::valueChanged, this, [this](int page) { showPage(page - 1); });
    auto* left = new QVBoxLayout;
    left->addWidget(scroll, 1);
    left->addWidget(m_page);

    // Right: who, what, to whom.
    m_identity = new QLabel(identityText(m_proposal));
    m_identity->setAccessibleName(tr("Identité du patient"));
    m_identity->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning = new QLabel;
    m_warning->setAccessibleName(tr("Alerte d'identité"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("QLabel { color: white; background: #b00020; padding: 6px; }"));
    const QStringList reasons = m_proposal.analysis.patient.reasons;
    m_warning->setText(tr("Identité non vérifiée : DMP et messagerie du patient indisponibles.") + u'\n'
                       + reasons.join(QStringLiteral("\n")));
    m_warning->setVisible(!m_proposal.patientChannelsAvailable);

    m_type = new QComboBox;
    m_type->setAccessibleName(tr("Type de document"));
    for (const DocumentType& type : documentTypes()) {
        m_type->addItem(QStringLiteral("%1 (%2)").arg(type.label, type.code), type.code);
    }
    m_type->setCurrentIndex(m_type->findData(m_proposal.prepared.input.type.code));
    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        auto type = findDocumentType(m_type->itemData(index).toString());
        if (!type) {
            return;
        }
        // The CDA carries the type: rebuild it (pure and quick, same identifiers).
        engine::PreparedDocument& prepared = m_proposal.prepared;
        prepared.input.type = *type;
        prepared.input.title = type->label;
        auto package = transport::buildPackage(prepared.input);
        prepared.package = package ? std::optional<transport::Package>(*package) : std::nullopt;
        prepared.packageProblem = package ? QString() : package.error().userMessage;
        m_dmp->setEnabled(m_proposal.patientChannelsAvailable && prepared.package.has_value());
    });

    m_recipients = new QTreeWidget;
    m_recipients->setAccessibleName(tr("Destinataires proposés"));
    m_recipients->setHeaderLabels({tr("Lu sur le courrier"), tr("Professionnel"), tr("Canal")});
    m_recipients->setRootIsDecorated(false);
    m_recipients->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_recipients, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        const int row = m_recipients->indexOfTopLevelItem(item);
        if (column == 0 && row >= 0 && row < m_proposal.recipients.size()) {
            m_proposal.recipients[row].checked = item->checkState(0) == Qt::Checked;
        }
    });
    connect(m_recipients, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item, int) { chooseProfessional(item); });
    fillRecipients();

    m_dmp = new QCheckBox(tr("&DMP du patient"));
    m_dmp->setAccessibleName(tr("Envoyer au DMP du patient"));
    m_dmp->setChecked(m_proposal.dmp);
    m_dmp->setEnabled(m_proposal.patientChannelsAvailable && m_proposal.prepared.package.has_value());
    connect(m_dmp, &QCheckBox::toggled, this, [this](bool on) { m_proposal.dmp = on; });
    m_patient = new QCheckBox(tr("&Messagerie du patient"));
    m_patient->setAccessibleName(tr("Envoyer à la messagerie du patient"));
    m_patient->setChecked(m_proposal.patientMailbox);
    m_patient->setEnabled(m_proposal.patientChannelsAvailable);
    connect(m_patient, &QCheckBox::toggled, this, [this](bool on) { m_proposal.patientMailbox = on; });

    auto* form = new QFormLayout;
    form->addRow(tr("Patient :"), m_identity);
    form->addRow(m_warning);
    form->addRow(tr("&Type :"), m_type);
    auto* right = new QVBoxLayout;
    right->addLayout(form);
    right->addWidget(new QLabel(tr("Destinataires (Entrée sur une ligne : choisir le professionnel) :")));
    right->addWidget(m_recipients, 1);
    right->addWidget(m_dmp);
    right->addWidget(m_patient);

    auto* buttons = new QDialogButtonBox;
    m_send = buttons->addButton(tr("&Envoyer"), QDialogButtonBox::AcceptRole);
    m_send->setAccessibleName(tr("Envoyer (Ctrl+Entrée)"));
    m_send->setDefault(true);
    QPushButton* later = buttons->addButton(tr("&Plus tard"), QDialogButtonBox::ActionRole);
    QPushButton* cancel = buttons->addButton(tr("&Annuler"), QDialogButtonBox::RejectRole);
    connect(m_send, &QPushButton::clicked, this, &ConfirmationDialog::sendClicked);
    connect(later, &QPushButton::clicked, this, &ConfirmationDialog::laterClicked);
    connect(cancel, &QPushButton::clicked, this, &ConfirmationDialog::cancelClicked);
    for (const auto& key : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        connect(new QShortcut(key, this), &QShortcut::activated, this, &ConfirmationDialog::sendClicked);
    }
    right->addWidget(buttons);

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left);
    layout->addLayout(right, 1);
    showPage(0);
    resize(1000, 640);
}

const engine::LetterProposal& ConfirmationDialog::proposal() const
{
    return m_proposal;
}

QPushButton* ConfirmationDialog::sendButton() const
{
    return m_send;
}

QCheckBox* ConfirmationDialog::dmpBox() const
{
    return m_dmp;
}

QCheckBox* ConfirmationDialog::patientBox() const
{
    return m_patient;
}

QTreeWidget* ConfirmationDialog::recipientTree() const
{
    return m_recipients;
}

QLabel* ConfirmationDialog::identityWarning() const
{
    return m_warning;
}

void ConfirmationDialog::showPage(int page)
{
    auto rendered = ocr::renderPreview(m_proposal.pdfPath, page, PreviewDpi);
    if (!rendered) {
        m_preview->setText(rendered.error().userMessage);
        return;
    }
    const QImage image(reinterpret_cast<const uchar*>(rendered->argb32.constData()), rendered->width, rendered->height,
                       rendered->stride, QImage::Format_ARGB32);
    m_preview->setPixmap(QPixmap::fromImage(image.copy()));
    m_preview->adjustSize();
}

void ConfirmationDialog::fillRecipients()
{
    const QSignalBlocker blocker(m_recipients);
    m_recipients->clear();
    for (const engine::ProposedRecipient& r : m_proposal.recipients) {
        QString professional = tr("inconnu de l'annuaire");
        for (const directory::Candidate& c : r.candidates) {
            if (r.rpps && c.professional.rpps == *r.rpps) {
                professional = QStringLiteral("%1 — %2").arg(c.professional.displayName(), c.professional.city);
            }
        }
        if (!r.rpps && !r.candidates.isEmpty()) {
            professional = tr("à choisir (%n candidat(s))", nullptr, static_cast<int>(r.candidates.size()));
        }
        auto* item = new QTreeWidgetItem({(r.copy ? tr("Copie : ") : QString()) + r.nameAsRead, professional,
                                          r.channel.isEmpty() ? tr("aucun canal") : r.channel});
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, r.checked ? Qt::Checked : Qt::Unchecked);
        m_recipients->addTopLevelItem(item);
    }
}

void ConfirmationDialog::chooseProfessional(QTreeWidgetItem* item)
{
    const int row = m_recipients->indexOfTopLevelItem(item);
    if (row < 0 || row >= m_proposal.recipients.size() || m_proposal.recipients[row].candidates.isEmpty()) {
        return;
    }
    engine::ProposedRecipient& r = m_proposal.recipients[row];
    QStringList choices;
    for (const directory::Candidate& c : r.candidates) {
        choices << QStringLiteral("%1 — %2 %3 (RPPS %4)")
                       .arg(c.professional.displayName(), c.professional.postcode, c.professional.city,
                            c.professional.rpps);
    }
    bool ok = false;
    const QString chosen =
        QInputDialog::getItem(this, tr("Choisir le professionnel"), r.nameAsRead, choices, 0, false, &ok);
    if (!ok) {
        return;
    }
    const directory::Candidate& c = r.candidates.at(choices.indexOf(chosen));
    r.rpps = c.professional.rpps;
    r.checked = true;
    if (m_directory) {
        r.channel = engine::channelLabel(*m_directory, c.professional.rpps, m_proposal.prepared.input.type.code);
    }
    fillRecipients();
}

void ConfirmationDialog::laterClicked()
{
    done(Later);
}

void ConfirmationDialog::cancelClicked()
{
    const auto answer = QMessageBox::question(this, tr("Annuler l'envoi"),
                                              tr("Ce courrier ne sera envoyé à personne. Annuler l'envoi ?"));
    if (answer == QMessageBox::Yes) {
        reject();
    }
}

void ConfirmationDialog::sendClicked()
{
    const engine::Confirmation confirmation = engine::confirmationOf(m_proposal, QString());
    if (confirmation.rpps.isEmpty() && !confirmation.dmp && !confirmation.patientMailbox) {
        QMessageBox::warning(this, tr("Aucun destinataire"), tr("Cochez au moins un destinataire."));
        return;
    }
    accept();
}

} // namespace missive::gui
