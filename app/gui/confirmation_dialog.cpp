#include "confirmation_dialog.h"

#include "background.h"
#include "candidate_chooser.h"
#include "missive/core/document_type.h"
#include "missive/engine/reading.h"
#include "new_recipient_dialog.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QShortcut>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <atomic>

namespace missive::gui
{
namespace
{

constexpr double PreviewDpi = 60.0;    // thumbnails, and the page's measure
constexpr double MinPreviewDpi = 30.0; // the page at the preview's width stays within these
constexpr double MaxPreviewDpi = 200.0;
constexpr double ThumbnailDpi = 10.0;
constexpr int MaxThumbnails = 60; // a 500-page print: the first pages, the spin box reaches the rest
constexpr double MinZoom = 0.5;
constexpr double MaxZoom = 4.0;

// The columns of `image` that hold ink, as fractions of its width, with a small margin: the
// preview fits the text's width, not the paper's white margins.
std::pair<double, double> inkColumns(const QImage& image)
{
    int first = image.width();
    int last = -1;
    for (int y = 0; y < image.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (qGray(row[x]) < 200) {
                first = std::min(first, x);
                last = std::max(last, x);
            }
        }
    }
    if (last < first) {
        return {0.0, 1.0}; // a blank page: the whole sheet
    }
    const double margin = image.width() * 0.03;
    return {std::max(0.0, (first - margin) / image.width()), std::min(1.0, (last + 1 + margin) / image.width())};
}

QImage toImage(const engine::PagePreview& page)
{
    return QImage(reinterpret_cast<const uchar*>(page.argb32.constData()), page.width, page.height, page.stride,
                  QImage::Format_ARGB32)
        .copy();
}

// Return and Enter in the search field add the highlighted professional; they must never reach the
// dialog (which would treat them as a button press).
class ReturnFilter : public QObject
{
public:
    using QObject::QObject;
    std::function<void()> onReturn;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent*>(event)->key();
            const auto modifiers = static_cast<QKeyEvent*>(event)->modifiers();
            if ((key == Qt::Key_Return || key == Qt::Key_Enter) && !(modifiers & Qt::ControlModifier)) {
                onReturn();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

// "1 23 45 67 890 123 45", as the carte Vitale prints it.
QString groupedIns(const QString& ins)
{
    if (ins.size() != 15) {
        return ins;
    }
    return QStringList{ins.left(1), ins.mid(1, 2), ins.mid(3, 2), ins.mid(5, 2), ins.mid(7, 3), ins.mid(10, 3),
                       ins.mid(13, 2)}
        .join(u' ');
}

// First names in their usual case ("JEAN-PIERRE" → "Jean-Pierre"); the birth name stays in capitals.
// For searching: no case, no accents ("operatoire" finds "opératoire").
QString folded(const QString& text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_D)) {
        if (c.category() != QChar::Mark_NonSpacing) {
            out += c.toLower();
        }
    }
    return out;
}

QString usualCase(const QString& name)
{
    QString out = name.toLower();
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (i == 0 || out[i - 1] == u' ' || out[i - 1] == u'-' || out[i - 1] == u'\'') {
            out[i] = out[i].toUpper();
        }
    }
    return out;
}

QString dateText(const QDate& date)
{
    return date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy")) : QStringLiteral("?");
}

// The identity card, in the vocabulary of the identitovigilance rules (RNIV): qualified (the INS
// and its traits verified), to verify (a DataMatrix the paper must confirm), provisional.
QString identityText(const engine::LetterProposal& p)
{
    const PatientIdentity& id = p.prepared.input.patient;
    QStringList firsts;
    for (const QString& f : id.firstNames) {
        firsts << usualCase(f);
    }
    QStringList lines;
    const QString state = p.patientChannelsAvailable    ? QObject::tr("Identité qualifiée")
                          : engine::identityToConfirm(p) ? QObject::tr("Identité à vérifier")
                                                         : QObject::tr("Identité provisoire");
    lines << QStringLiteral("<i>%1</i>").arg(state.toHtmlEscaped());
    lines << QStringLiteral("<b>%1</b> %2")
                 .arg((id.birthName.isEmpty() ? QStringLiteral("?") : id.birthName).toHtmlEscaped(),
                      firsts.join(u' ').toHtmlEscaped());
    if (!id.usedName.isEmpty() && id.usedName != id.birthName) {
        lines << QObject::tr("Nom utilisé : %1").arg(id.usedName.toHtmlEscaped());
    }
    const QString sex = id.sex == Sex::Female ? QObject::tr("féminin")
                        : id.sex == Sex::Male ? QObject::tr("masculin")
                                              : QStringLiteral("?");
    lines << QObject::tr("Né(e) le %1, sexe %2, lieu de naissance (code INSEE) %3")
                 .arg(dateText(id.birthDate), sex, id.birthPlace.isEmpty() ? QStringLiteral("?") : id.birthPlace);
    const ocr::IdentitySource source = p.analysis.patient.source;
    const QString from = source == ocr::IdentitySource::DataMatrix ? QObject::tr("DataMatrix")
                         : source == ocr::IdentitySource::Both     ? QObject::tr("courrier et DataMatrix")
                                                                   : QObject::tr("courrier");
    lines << (id.ins.isEmpty() ? QObject::tr("INS : non retenu")
                               : QObject::tr("INS : %1 (lu sur : %2)").arg(groupedIns(id.ins), from));
    return lines.join(QStringLiteral("<br>"));
}

// The traits the printed letter and its DataMatrix disagree on, both values of each.
QStringList contradictions(const ocr::PatientReading& reading)
{
    QStringList out;
    if (!reading.dataMatrix) {
        return out;
    }
    const PatientIdentity& text = reading.identity;
    const PatientIdentity& dm = *reading.dataMatrix;
    const auto compare = [&](const QString& trait, const QString& printed, const QString& symbol) {
        if (!printed.isEmpty() && !symbol.isEmpty() && printed != symbol) {
            out << QObject::tr("%1 — courrier : %2 ; DataMatrix : %3").arg(trait, printed, symbol);
        }
    };
    compare(QObject::tr("Nom de naissance"), text.birthName, dm.birthName);
    compare(QObject::tr("Premier prénom"), text.firstName, dm.firstName);
    compare(QObject::tr("Date de naissance"), text.birthDate.isValid() ? dateText(text.birthDate) : QString(),
            dm.birthDate.isValid() ? dateText(dm.birthDate) : QString());
    compare(QObject::tr("Sexe"), sexCode(text.sex), sexCode(dm.sex));
    compare(QObject::tr("Lieu de naissance"), text.birthPlace, dm.birthPlace);
    return out;
}

} // namespace

ConfirmationDialog::ConfirmationDialog(engine::LetterProposal proposal, directory::Directory* directory,
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
    scroll->setMinimumWidth(300);
    // Zoom 1 fills the width: the vertical bar always there, so that it never takes width from the page.
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_previewArea = scroll;
    m_refit = new QTimer(this);
    m_refit->setSingleShot(true);
    m_refit->setInterval(80);
    connect(m_refit, &QTimer::timeout, this, [this] { showPage(m_page->value() - 1); });
    scroll->viewport()->installEventFilter(this);
    m_page = new QSpinBox;
    m_page->setAccessibleName(tr("Page affichée"));
    m_page->setPrefix(tr("Page "));
    m_page->setRange(1, std::max(1, m_proposal.analysis.pages));
    connect(m_page, &QSpinBox::valueChanged, this, [this](int page) { showPage(page - 1); });
    auto* zoomOut = new QToolButton;
    zoomOut->setText(QStringLiteral("−"));
    zoomOut->setAccessibleName(tr("Réduire l'aperçu"));
    zoomOut->setToolTip(tr("Réduire (Ctrl+-)"));
    auto* zoomIn = new QToolButton;
    zoomIn->setText(QStringLiteral("+"));
    zoomIn->setAccessibleName(tr("Agrandir l'aperçu"));
    zoomIn->setToolTip(tr("Agrandir (Ctrl++)"));
    connect(zoomOut, &QToolButton::clicked, this, [this] { setZoom(m_zoom / 1.25); });
    connect(zoomIn, &QToolButton::clicked, this, [this] { setZoom(m_zoom * 1.25); });
    connect(new QShortcut(QKeySequence::ZoomIn, this), &QShortcut::activated, this, [this] { setZoom(m_zoom * 1.25); });
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Equal), this), &QShortcut::activated, this,
            [this] { setZoom(m_zoom * 1.25); });
    connect(new QShortcut(QKeySequence::ZoomOut, this), &QShortcut::activated, this,
            [this] { setZoom(m_zoom / 1.25); });
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_0), this), &QShortcut::activated, this,
            [this] { setZoom(1.0); });
    auto* pageBar = new QHBoxLayout;
    pageBar->addWidget(m_page, 1);
    pageBar->addWidget(zoomOut);
    pageBar->addWidget(zoomIn);
    auto* left = new QVBoxLayout;
    left->addWidget(scroll, 1);
    left->addLayout(pageBar);

    // Far left: one thumbnail per page (rendered off the GUI thread), to jump to a page.
    m_thumbnails = new QListWidget;
    m_thumbnails->setAccessibleName(tr("Miniatures des pages"));
    m_thumbnails->setViewMode(QListView::IconMode);
    m_thumbnails->setFlow(QListView::TopToBottom);
    m_thumbnails->setMovement(QListView::Static);
    m_thumbnails->setIconSize(QSize(64, 90));
    m_thumbnails->setFixedWidth(100);
    m_thumbnails->setVisible(m_proposal.analysis.pages > 1);
    connect(m_thumbnails, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) {
            m_page->setValue(row + 1);
        }
    });

    // Right: who, what, to whom.
    m_identity = new QLabel(identityText(m_proposal));
    m_identity->setAccessibleName(tr("Identité du patient"));
    m_identity->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_identity->setWordWrap(true); // a narrow screen wraps the traits rather than cutting them
    m_warning = new QLabel;
    m_warning->setAccessibleName(tr("Alerte d'identité"));
    m_warning->setWordWrap(true);
    m_confirmIdentity = new QPushButton(tr("Identité &vérifiée"));
    m_confirmIdentity->setAccessibleName(tr("Identité vérifiée sur le courrier (Ctrl+I)"));
    m_confirmIdentity->setToolTip(tr("Après l'avoir comparée au courrier imprimé (Ctrl+I)"));
    m_confirmIdentity->setAutoDefault(false);
    connect(m_confirmIdentity, &QPushButton::clicked, this, &ConfirmationDialog::confirmIdentityClicked);
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_I), this), &QShortcut::activated, this,
            &ConfirmationDialog::confirmIdentityClicked);
    showIdentity();
    m_structured = new QLabel;
    m_structured->setAccessibleName(tr("Document structuré impossible"));
    m_structured->setWordWrap(true);
    m_structured->setStyleSheet(QStringLiteral("QLabel { color: black; background: #ffd54f; padding: 6px; }"));
    showStructured();

    m_author = new QComboBox;
    m_author->setAccessibleName(tr("Auteur du courrier (signataire)"));
    m_author->setToolTip(tr("Plusieurs professionnels portent ce nom : choisissez le signataire. Missive s'en "
                            "souviendra pour les prochains courriers."));
    m_author->addItem(tr("— à choisir —"));
    for (const directory::Candidate& c : m_proposal.authorCandidates) {
        const Professional& p = c.professional;
        QStringList parts{p.displayName()};
        if (!p.specialtyLabel.isEmpty() || !p.professionLabel.isEmpty()) {
            parts << (p.specialtyLabel.isEmpty() ? p.professionLabel : p.specialtyLabel);
        }
        if (!p.practiceName.isEmpty()) {
            parts << p.practiceName;
        }
        if (!p.city.isEmpty()) {
            parts << p.postcode + QLatin1Char(' ') + p.city;
        }
        m_author->addItem(parts.join(QStringLiteral(" · ")), p.rpps);
    }
    connect(m_author, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString rpps = m_author->itemData(index).toString();
        if (rpps.isEmpty() || !m_directory) {
            return;
        }
        if (auto chosen = engine::chooseAuthor(m_proposal, rpps, *m_directory); !chosen) {
            QMessageBox::warning(this, tr("Auteur"), chosen.error().userMessage);
            return;
        }
        m_dmp->setEnabled(m_proposal.patientChannelsAvailable && m_proposal.prepared.package.has_value());
        m_dmp->setChecked(m_proposal.dmp);
        showStructured();
    });

    m_type = new QComboBox;
    m_type->setAccessibleName(tr("Type de document"));
    for (const DocumentType& type : documentTypes()) {
        m_type->addItem(QStringLiteral("%1 (%2)").arg(type.label, type.code), type.code);
    }
    m_type->setCurrentIndex(m_type->findData(m_proposal.prepared.input.type.code));
    // The longest label must not widen the popup beyond a laptop's screen: the list shows it whole.
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_type->setMinimumContentsLength(24);
    m_type->view()->setMinimumWidth(m_type->view()->sizeHintForColumn(0));
    // Over a hundred types: a word of the label finds it, accents and case aside.
    m_typeFilter = new QLineEdit;
    m_typeFilter->setPlaceholderText(tr("Chercher un type (un mot)…"));
    m_typeFilter->setAccessibleName(tr("Chercher un type de document"));
    m_typeFilter->setClearButtonEnabled(true);
    constexpr int FoldedRole = Qt::UserRole + 1;
    constexpr int RowRole = Qt::UserRole + 2;
    auto* types = new QStandardItemModel(this);
    for (int i = 0; i < m_type->count(); ++i) {
        auto* item = new QStandardItem(m_type->itemText(i));
        // The JDV abbreviates "compte rendu": found by either.
        static const QRegularExpression cr(QStringLiteral("\\bcr\\b"));
        const QString words = folded(m_type->itemText(i));
        item->setData(QString(words).replace(cr, QStringLiteral("cr compte rendu")), FoldedRole);
        item->setData(i, RowRole);
        types->appendRow(item);
    }
    m_typeSearch = new QCompleter(types, this);
    m_typeSearch->setCompletionRole(FoldedRole);
    m_typeSearch->setFilterMode(Qt::MatchContains);
    m_typeSearch->setCaseSensitivity(Qt::CaseInsensitive);
    m_typeSearch->setWidget(m_typeFilter);
    connect(m_typeFilter, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_typeSearch->setCompletionPrefix(folded(text).simplified());
        m_typeSearch->complete();
    });
    connect(m_typeSearch, qOverload<const QModelIndex&>(&QCompleter::activated), this,
            [this](const QModelIndex& index) {
                m_type->setCurrentIndex(index.data(RowRole).toInt());
                m_typeFilter->clear();
                m_type->setFocus();
            });
    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        auto type = findDocumentType(m_type->itemData(index).toString());
        if (!type) {
            return;
        }
        // The CDA carries the type: rebuild it (pure and quick, same identifiers).
        engine::PreparedDocument& prepared = m_proposal.prepared;
        prepared.input.type = *type;
        prepared.input.title = type->label;
        engine::rebuildPackage(prepared);
        m_dmp->setEnabled(m_proposal.patientChannelsAvailable && prepared.package.has_value());
        showStructured();
        refreshChannels(); // a professional may prefer another channel for this type
    });

    m_recipients = new QTreeWidget;
    m_recipients->setAccessibleName(tr("Destinataires proposés"));
    m_recipients->setHeaderLabels({tr("Lu sur le courrier"), tr("Professionnel"), tr("Canal"), tr("Pourquoi")});
    m_recipients->setRootIsDecorated(false);
    // The columns share the width (no horizontal scroll bar); a long cell ends in "…", whole in its tooltip.
    m_recipients->header()->setSectionResizeMode(QHeaderView::Stretch);
    m_recipients->header()->setStretchLastSection(false);
    m_recipients->header()->setMinimumSectionSize(40);
    connect(m_recipients, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        const int row = m_recipients->indexOfTopLevelItem(item);
        if (column == 0 && row >= 0 && row < m_proposal.recipients.size()) {
            m_proposal.recipients[row].checked = item->checkState(0) == Qt::Checked;
        }
    });
    connect(m_recipients, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item, int) { chooseProfessional(item); });
    fillRecipients();

    m_search = new QLineEdit;
    m_search->setAccessibleName(tr("Ajouter un destinataire"));
    m_search->setPlaceholderText(tr("Ajouter : nom, RPPS ou adresse MSSanté…"));
    m_search->setClearButtonEnabled(true);
    m_results = new QListWidget;
    m_results->setAccessibleName(tr("Professionnels trouvés"));
    m_results->setMaximumHeight(110);
    m_results->setVisible(false);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(120); // one search per pause in typing, not per key
    connect(m_searchDelay, &QTimer::timeout, this, &ConfirmationDialog::startSearch);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    auto* onReturn = new ReturnFilter(this);
    onReturn->onReturn = [this] {
        if (m_results->count() > 0) {
            addSearchResult(m_results->currentItem() ? m_results->currentItem() : m_results->item(0));
        }
    };
    m_search->installEventFilter(onReturn);
    m_results->installEventFilter(onReturn);
    connect(new QShortcut(QKeySequence(Qt::Key_Down), m_search, nullptr, nullptr, Qt::WidgetShortcut),
            &QShortcut::activated, this, [this] {
                if (m_results->count() > 0) {
                    m_results->setFocus();
                    m_results->setCurrentRow(0);
                }
            });
    connect(m_results, &QListWidget::itemActivated, this, &ConfirmationDialog::addSearchResult);

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
    form->addRow(m_confirmIdentity);
    form->addRow(m_structured);
    form->addRow(tr("&Auteur :"), m_author);
    auto* typeRow = new QHBoxLayout;
    typeRow->addWidget(m_type, 3);
    typeRow->addWidget(m_typeFilter, 2);
    auto* typeLabel = new QLabel(tr("&Type :"));
    typeLabel->setBuddy(m_type); // Alt+T: a row holding a layout gets no buddy by itself
    form->addRow(typeLabel, typeRow);
    auto* right = new QVBoxLayout;
    right->addLayout(form);
    auto* recipientsTitle = new QLabel(tr("Destinataires (Entrée sur une ligne : choisir le professionnel) :"));
    recipientsTitle->setWordWrap(true);
    right->addWidget(recipientsTitle);
    right->addWidget(m_recipients, 1);
    // Someone the directory does not know: typed once, added to it, ticked here.
    m_newRecipient = new QPushButton(tr("&Nouveau destinataire…"));
    m_newRecipient->setAutoDefault(false);
    m_newRecipient->setEnabled(m_directory != nullptr);
    m_newRecipient->setToolTip(tr("Un destinataire absent de l'annuaire, avec son adresse postale ou MSSanté"));
    connect(m_newRecipient, &QPushButton::clicked, this, &ConfirmationDialog::newRecipientClicked);
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_newRecipient);
    right->addLayout(searchRow);
    right->addWidget(m_results);
    right->addWidget(m_dmp);
    right->addWidget(m_patient);

    auto* buttons = new QDialogButtonBox;
    m_send = buttons->addButton(tr("&Envoyer"), QDialogButtonBox::AcceptRole);
    m_send->setAccessibleName(tr("Envoyer (Ctrl+Entrée)"));
    m_send->setToolTip(tr("Envoyer le courrier aux destinataires cochés (Ctrl+Entrée)"));
    // The primary action looks it: the one colour on the row. (Entrée alone still never sends.)
    m_send->setStyleSheet(QStringLiteral("QPushButton { background: #1f5fa8; color: white; font-weight: bold; "
                                         "padding: 4px 14px; border-radius: 3px; }"
                                         "QPushButton:focus { outline: 2px solid #0b3d75; }"
                                         "QPushButton:disabled { background: #9bb3cf; }"));
    QPushButton* later = buttons->addButton(tr("&Plus tard"), QDialogButtonBox::ActionRole);
    // Deleting the print is said as such, apart from the other two, and asked again.
    QPushButton* cancel = buttons->addButton(tr("&Supprimer l'impression…"), QDialogButtonBox::DestructiveRole);
    m_delete = cancel;
    // Sending takes Ctrl+Entrée (or the button): a bare Entrée, meant for a list, never sends.
    for (QPushButton* button : {m_send, later, cancel}) {
        button->setAutoDefault(false);
    }
    connect(m_send, &QPushButton::clicked, this, &ConfirmationDialog::sendClicked);
    connect(later, &QPushButton::clicked, this, &ConfirmationDialog::laterClicked);
    connect(cancel, &QPushButton::clicked, this, &ConfirmationDialog::cancelClicked);
    for (const auto& key : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        connect(new QShortcut(key, this), &QShortcut::activated, this, &ConfirmationDialog::sendClicked);
    }
    right->addWidget(buttons);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_thumbnails);
    // The letter gets the larger share: its body must be readable without zooming.
    layout->addLayout(left, 3);
    layout->addLayout(right, 2);
    // Asked only when the directory was not sure who signed.
    form->setRowVisible(m_author, !m_proposal.authorCandidates.isEmpty());
    showPage(0);
    renderThumbnails();
    // As large as it reads best, never larger than the screen (a laptop at 150 %).
    resize(QSize(1280, 760).boundedTo(screen()->availableGeometry().size() * 0.95));
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

QPushButton* ConfirmationDialog::confirmIdentityButton() const
{
    return m_confirmIdentity;
}

void ConfirmationDialog::showIdentity()
{
    m_identity->setText(identityText(m_proposal));
    const bool toConfirm = engine::identityToConfirm(m_proposal);
    if (toConfirm) {
        // A valid DataMatrix the reader could not find on the paper: the secretary compares.
        const PatientIdentity& dm = *m_proposal.analysis.patient.dataMatrix;
        m_warning->setStyleSheet(QStringLiteral("QLabel { color: black; background: #ffd54f; padding: 6px; }"));
        m_warning->setText(tr("Identité lue sur le DataMatrix, à vérifier sur le courrier :") + u'\n'
                           + QStringLiteral("%1 %2, %3, INS %4")
                                 .arg(dm.birthName, dm.firstNames.join(u' '),
                                      dm.birthDate.toString(QStringLiteral("dd/MM/yyyy")), dm.ins));
    } else if (const QStringList differ = contradictions(m_proposal.analysis.patient); !differ.isEmpty()) {
        // The letter contradicts its own DataMatrix: a possible wrong patient, shown value by value.
        m_warning->setStyleSheet(QStringLiteral("QLabel { color: white; background: #b00020; padding: 6px; }"));
        m_warning->setText(tr("INS contredit : le courrier et son DataMatrix ne décrivent pas le même patient. "
                              "DMP et messagerie du patient bloqués.")
                           + u'\n' + differ.join(u'\n'));
    } else if (m_proposal.analysis.patient.identity.ins.isEmpty()
               && std::any_of(m_proposal.analysis.patient.reasons.begin(), m_proposal.analysis.patient.reasons.end(),
                              [](const QString& r) { return r.contains(QStringLiteral("aucun matricule INS")); })) {
        // Nothing wrong, only nothing to go on: an information, not an alarm.
        m_warning->setStyleSheet(QStringLiteral("QLabel { color: black; background: #cfe3f7; padding: 6px; }"));
        m_warning->setText(tr("INS absent du courrier : le DMP et la messagerie du patient ne sont pas proposés. "
                              "Les professionnels peuvent recevoir le courrier."));
    } else {
        m_warning->setStyleSheet(QStringLiteral("QLabel { color: white; background: #b00020; padding: 6px; }"));
        m_warning->setText(tr("Identité non vérifiée : DMP et messagerie du patient indisponibles.") + u'\n'
                           + m_proposal.analysis.patient.reasons.join(QStringLiteral("\n")));
    }
    m_warning->setVisible(!m_proposal.patientChannelsAvailable);
    m_confirmIdentity->setVisible(toConfirm);
}

void ConfirmationDialog::showStructured()
{
    // Never silently: without a CDA the DMP is not offered and a mail carries the PDF alone.
    const QString problem = m_proposal.prepared.packageProblem;
    m_structured->setText(tr("Document structuré (CDA) impossible : %1\nLe DMP n'est pas proposé ; la messagerie "
                             "recevra le PDF seul.")
                              .arg(problem));
    m_structured->setVisible(!m_proposal.prepared.package && !problem.isEmpty());
}

QLabel* ConfirmationDialog::structuredNotice() const
{
    return m_structured;
}

QComboBox* ConfirmationDialog::authorChooser() const
{
    return m_author;
}

QComboBox* ConfirmationDialog::typeChooser() const
{
    return m_type;
}

QLineEdit* ConfirmationDialog::typeFilter() const
{
    return m_typeFilter;
}

QCompleter* ConfirmationDialog::typeSearch() const
{
    return m_typeSearch;
}

void ConfirmationDialog::confirmIdentityClicked()
{
    if (!engine::identityToConfirm(m_proposal)) {
        return;
    }
    if (auto confirmed = engine::confirmDataMatrixIdentity(m_proposal); !confirmed) {
        QMessageBox::warning(this, windowTitle(), confirmed.error().userMessage);
        return;
    }
    showIdentity();
    m_dmp->setEnabled(m_proposal.prepared.package.has_value());
    m_dmp->setChecked(m_proposal.dmp);
    m_patient->setEnabled(true);
    m_patient->setChecked(m_proposal.patientMailbox);
}

QLineEdit* ConfirmationDialog::searchField() const
{
    return m_search;
}

QListWidget* ConfirmationDialog::searchResults() const
{
    return m_results;
}

QListWidget* ConfirmationDialog::thumbnails() const
{
    return m_thumbnails;
}

double ConfirmationDialog::zoom() const
{
    return m_zoom;
}

void ConfirmationDialog::waitForDirectory()
{
    for (const QPointer<QThread>& thread : {m_searchThread, m_channelsThread}) {
        if (thread) {
            thread->wait();
        }
    }
}

void ConfirmationDialog::refreshChannels()
{
    if (!m_directory) {
        return;
    }
    waitForDirectory();
    m_channelsThread = inBackground(
        this,
        [directory = m_directory, recipients = m_proposal.recipients,
         type = m_proposal.prepared.input.type.code]() -> Result<QList<engine::ProposedRecipient>> {
            QList<engine::ProposedRecipient> updated = recipients;
            engine::refreshChannels(*directory, updated, type);
            return updated;
        },
        [this](const Result<QList<engine::ProposedRecipient>>& updated) {
            // Recipients added or chosen meanwhile keep what they have; the others take the new channels.
            for (qsizetype i = 0; updated && i < std::min(updated->size(), m_proposal.recipients.size()); ++i) {
                engine::ProposedRecipient& r = m_proposal.recipients[i];
                if (r.rpps == updated->at(i).rpps && r.candidates.size() == updated->at(i).candidates.size()) {
                    r.channel = updated->at(i).channel;
                    r.candidateChannels = updated->at(i).candidateChannels;
                }
            }
            fillRecipients();
            emit channelsRefreshed();
        });
}

void ConfirmationDialog::done(int result)
{
    stopWork();
    QDialog::done(result);
}

ConfirmationDialog::~ConfirmationDialog()
{
    // Destroyed without done() (the app quitting, a test): what still reads the directory or the
    // letter ends first, the directory may go right after.
    stopWork();
}

void ConfirmationDialog::stopWork()
{
    waitForDirectory();
    if (m_thumbnailThread) {
        m_thumbnailThread->requestInterruption();
        m_thumbnailThread->wait();
    }
}

void ConfirmationDialog::keyPressEvent(QKeyEvent* event)
{
    // QDialogButtonBox makes the accept button the default one when shown, whatever autoDefault
    // says; QDialog would then press it on any Entrée an item view ignores.
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && !(event->modifiers() & Qt::ControlModifier)) {
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

void ConfirmationDialog::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, MinZoom, MaxZoom);
    showPage(m_page->value() - 1);
}

void ConfirmationDialog::renderThumbnails()
{
    if (m_proposal.analysis.pages <= 1) {
        return;
    }
    const int count = std::min(m_proposal.analysis.pages, MaxThumbnails);
    m_thumbnailThread = inBackground(
        this,
        [pdf = m_proposal.prepared.input.pdf, count]() -> Result<QList<QImage>> {
            QList<QImage> images;
            for (int page = 0; page < count && !QThread::currentThread()->isInterruptionRequested(); ++page) {
                auto rendered = engine::renderPreview(pdf, page, ThumbnailDpi);
                if (!rendered) {
                    return tl::unexpected(rendered.error());
                }
                images.append(toImage(*rendered));
            }
            return images;
        },
        [this](const Result<QList<QImage>>& images) {
            if (!images) {
                m_thumbnails->setVisible(false);
                return;
            }
            const QSignalBlocker blocker(m_thumbnails);
            for (qsizetype i = 0; i < images->size(); ++i) {
                auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(images->at(i))), QString::number(i + 1));
                item->setData(Qt::AccessibleTextRole, tr("Page %1").arg(i + 1));
                m_thumbnails->addItem(item);
            }
            m_thumbnails->setCurrentRow(m_page->value() - 1);
            emit thumbnailsReady();
        });
}

void ConfirmationDialog::startSearch()
{
    if (m_searchThread) {
        m_searchAgain = true; // the running search's answer is stale: search again when it ends
        return;
    }
    const QString text = m_search->text();
    if (m_channelsThread) {
        m_channelsThread->wait();
    }
    m_searchThread = inBackground(
        this,
        [directory = m_directory, text, type = m_proposal.prepared.input.type.code] {
            return engine::searchRecipients(directory, text, type);
        },
        [this](const Result<QList<engine::ProposedRecipient>>& hits) {
            m_searchThread = nullptr;
            if (m_searchAgain) {
                m_searchAgain = false;
                startSearch();
                return;
            }
            m_hits = hits ? *hits : QList<engine::ProposedRecipient>{};
            m_results->clear();
            for (const engine::ProposedRecipient& hit : m_hits) {
                const QString who = hit.candidates.isEmpty()
                                        ? tr("Adresse libre : %1").arg(hit.address)
                                        : QStringLiteral("%1 — %2 %3 (RPPS %4)")
                                              .arg(hit.nameAsRead, hit.candidates.front().professional.postcode,
                                                   hit.candidates.front().professional.city, *hit.rpps);
                m_results->addItem(QStringLiteral("%1 — %2").arg(who, hit.channel));
            }
            if (!hits) {
                m_results->addItem(hits.error().userMessage);
            }
            m_results->setVisible(m_results->count() > 0);
            emit searchFinished();
        });
}

void ConfirmationDialog::addSearchResult(QListWidgetItem* item)
{
    const int row = m_results->row(item);
    if (row < 0 || row >= m_hits.size()) {
        return;
    }
    const engine::ProposedRecipient& hit = m_hits.at(row);
    const bool already = std::any_of(m_proposal.recipients.begin(), m_proposal.recipients.end(), [&](const auto& r) {
        return (hit.rpps && r.rpps == hit.rpps) || (!hit.address.isEmpty() && r.address == hit.address);
    });
    if (!already) {
        m_proposal.recipients.append(hit);
    }
    fillRecipients();
    m_search->clear();
    m_results->clear();
    m_results->setVisible(false);
    m_search->setFocus();
}

bool ConfirmationDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (m_previewArea && watched == m_previewArea->viewport() && event->type() == QEvent::Resize) {
        m_refit->start();
    }
    return QDialog::eventFilter(watched, event);
}

void ConfirmationDialog::showPage(int page)
{
    // Zoom 1 is the page at the preview's width, in the screen's own pixels (sharp at 150 % too).
    const QByteArray& pdf = m_proposal.prepared.input.pdf;
    if (!m_pageInches.contains(page)) {
        auto probe = engine::renderPreview(pdf, page, PreviewDpi);
        if (!probe) {
            m_preview->setText(probe.error().userMessage);
            return;
        }
        const auto [left, right] = inkColumns(toImage(*probe));
        m_pageInches.insert(page, std::max(0.5, probe->width * (right - left) / PreviewDpi));
        m_pageInk.insert(page, {left, right});
    }
    const qreal ratio = devicePixelRatioF();
    const double fitDpi = std::max(1, m_previewArea->viewport()->width() - 2) * ratio / m_pageInches.value(page);
    auto rendered = engine::renderPreview(pdf, page, std::clamp(fitDpi, MinPreviewDpi, MaxPreviewDpi) * m_zoom);
    if (!rendered) {
        m_preview->setText(rendered.error().userMessage);
        return;
    }
    // The text's columns only: at zoom 1 the lines fill the preview's width.
    const auto [left, right] = m_pageInk.value(page, {0.0, 1.0});
    const QImage whole = toImage(*rendered);
    const int x = static_cast<int>(left * whole.width());
    const int width = std::max(1, static_cast<int>(right * whole.width()) - x);
    QPixmap pixmap = QPixmap::fromImage(whole.copy(x, 0, width, whole.height()));
    pixmap.setDevicePixelRatio(ratio);
    m_preview->setPixmap(pixmap);
    m_preview->adjustSize();
    if (m_thumbnails->currentRow() != page && page < m_thumbnails->count()) {
        const QSignalBlocker blocker(m_thumbnails);
        m_thumbnails->setCurrentRow(page);
    }
}

void ConfirmationDialog::fillRecipients()
{
    const QSignalBlocker blocker(m_recipients);
    m_recipients->clear();
    for (const engine::ProposedRecipient& r : m_proposal.recipients) {
        QString professional = tr("inconnu de l'annuaire");
        for (const directory::Candidate& c : r.candidates) {
            if (r.rpps && c.professional.rpps == *r.rpps) {
                // Who, doing what, where: enough to see at a glance it is the right one.
                const Professional& p = c.professional;
                const QString specialty = !p.specialtyLabel.isEmpty() ? p.specialtyLabel : p.professionLabel;
                professional = specialty.isEmpty()
                                   ? QStringLiteral("%1 — %2").arg(p.displayName(), p.city)
                                   : QStringLiteral("%1 — %2 — %3").arg(p.displayName(), specialty, p.city);
            }
        }
        if (!r.rpps && !r.candidates.isEmpty()) {
            professional = tr("à choisir (%n candidat(s))", nullptr, static_cast<int>(r.candidates.size()));
        }
        if (r.added) {
            professional = r.candidates.isEmpty() ? tr("adresse saisie") : tr("ajouté");
        }
        auto* item = new QTreeWidgetItem({(r.copy ? tr("Copie : ") : QString()) + r.nameAsRead, professional,
                                          r.channel.isEmpty() ? tr("aucun canal") : r.channel, r.why});
        for (int column = 0; column < item->columnCount(); ++column) {
            item->setToolTip(column, column == 0 ? r.why : item->text(column));
        }
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
    CandidateChooser chooser(r.nameAsRead, r.candidates, r.candidateChannels, this);
    emit candidateChooserShown(&chooser);
    if (chooser.exec() != QDialog::Accepted || chooser.chosen() < 0) {
        return;
    }
    const int index = chooser.chosen();
    r.rpps = r.candidates.at(index).professional.rpps;
    r.checked = true;
    r.channel = r.candidateChannels.value(index, tr("aucun canal"));
    fillRecipients();
}

void ConfirmationDialog::newRecipientClicked()
{
    if (!m_directory) {
        return;
    }
    NewRecipientDialog ask(this);
    emit newRecipientShown(&ask);
    while (ask.exec() == QDialog::Accepted) {
        auto added = engine::addNewProfessional(*m_directory, ask.entry(), m_proposal.prepared.input.type.code,
                                                qEnvironmentVariable("USER", QStringLiteral("inconnu")));
        if (added) {
            m_proposal.recipients.append(*added);
            fillRecipients();
            return;
        }
        QMessageBox::warning(&ask, tr("Nouveau destinataire"), added.error().userMessage);
    }
}

QPushButton* ConfirmationDialog::newRecipientButton() const
{
    return m_newRecipient;
}

void ConfirmationDialog::laterClicked()
{
    done(Later);
}

void ConfirmationDialog::cancelClicked()
{
    const auto answer = QMessageBox::question(
        this, tr("Supprimer l'impression"),
        tr("Ce courrier ne sera envoyé à personne et l'impression sera supprimée. Supprimer l'impression ?"),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes) {
        done(Cancelled);
    }
}

void ConfirmationDialog::reject()
{
    done(Later);
}

QPushButton* ConfirmationDialog::deleteButton() const
{
    return m_delete;
}

void ConfirmationDialog::sendClicked()
{
    const engine::Confirmation confirmation = engine::confirmationOf(m_proposal, QString());
    if (!confirmation.hasRecipient()) {
        QMessageBox::warning(this, tr("Aucun destinataire"), tr("Cochez au moins un destinataire."));
        return;
    }
    accept();
}

} // namespace missive::gui
