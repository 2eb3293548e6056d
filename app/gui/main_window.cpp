#include "main_window.h"

#include "background.h"
#include "dashboard_view.h"
#include "missive/engine/dashboard.h"
#include "missive/engine/inbox_watcher.h"
#include "missive/engine/letter_queue.h"
#include "settings_dialog.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <memory>

namespace missive::gui
{

namespace
{
// À vérifier: the item is a refused print (quarantine), which may be deleted from there.
constexpr int QuarantinedRole = Qt::UserRole + 1;
constexpr int FailedDeliveryRole = Qt::UserRole + 2; // a failed sending listed in À vérifier: its id
} // namespace
namespace
{

QString channelText(engine::DeliveryChannel channel)
{
    switch (channel) {
    case engine::DeliveryChannel::Mssante:
        return QObject::tr("MSSanté");
    case engine::DeliveryChannel::Dmp:
        return QObject::tr("DMP");
    case engine::DeliveryChannel::Postal:
        break;
    }
    return QObject::tr("Courrier");
}

// A moment as the secretary reads dates: local time, day first.
QString localTime(const QDateTime& t)
{
    return t.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
}

// A spool timestamp (UTC, ISO 8601), likewise.
QString localTime(const QString& utc)
{
    const QDateTime t = QDateTime::fromString(utc, Qt::ISODate);
    return t.isValid() ? localTime(t) : utc;
}

QString trackingText(const engine::DeliveryRow& d)
{
    if (!d.tracking.isEmpty()) {
        return d.trackingDetail;
    }
    if (!d.lastError.isEmpty() && d.state != engine::DeliveryState::Sent) {
        return d.lastError;
    }
    return {};
}

// The state as Historique shows it: the state, then what the tracking or the last error said.
QString stateText(const engine::DeliveryRow& d)
{
    const QString more = trackingText(d);
    return engine::stateLabel(d.state) + (more.isEmpty() ? QString() : QStringLiteral(" — ") + more);
}

// The state as a badge: green sent, red failed, amber on its way, grey cancelled.
QColor stateColour(engine::DeliveryState state)
{
    switch (state) {
    case engine::DeliveryState::Sent:
        return {0x2e, 0x7d, 0x32};
    case engine::DeliveryState::Failed:
        return {0xb0, 0x00, 0x20};
    case engine::DeliveryState::Cancelled:
        return {0x75, 0x75, 0x75};
    case engine::DeliveryState::Queued:
    case engine::DeliveryState::Sending:
        break;
    }
    return {0xb2, 0x6a, 0x00};
}

// How much a state needs the secretary: a letter's row shows the most pressing of its sendings.
int urgency(engine::DeliveryState state)
{
    switch (state) {
    case engine::DeliveryState::Failed:
        return 3;
    case engine::DeliveryState::Queued:
    case engine::DeliveryState::Sending:
        return 2;
    case engine::DeliveryState::Sent:
        return 1;
    case engine::DeliveryState::Cancelled:
        break;
    }
    return 0;
}

void showState(QTreeWidgetItem* item, const engine::DeliveryRow& d)
{
    item->setText(HistoryStateColumn, stateText(d));
    item->setBackground(HistoryStateColumn, stateColour(d.state));
    item->setForeground(HistoryStateColumn, Qt::white);
}

} // namespace

MainWindow::MainWindow(SessionContext context, QWidget* parent)
    : QMainWindow(parent)
    , m_context(std::move(context))
    , m_intake(engine::Inbox(m_context.spoolRoot))
    , m_reader(engine::sessionReader())
    , m_setAside(m_context.outboxPath)
{
    setWindowTitle(tr("Missive"));
    auto* tabs = new QTabWidget;
    m_tabs = tabs;

    m_review = new QListWidget;
    m_review->setAccessibleName(tr("Courriers à vérifier"));
    m_review->setToolTip(tr("Entrée ou double-clic sur un courrier en attente : le reprendre"));
    connect(m_review, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { reopen(item->data(Qt::UserRole).toString()); });
    // A refused print can be deleted from here once she has seen why (asked again).
    auto* discard = new QPushButton(tr("&Supprimer l'impression refusée…"));
    discard->setEnabled(false);
    connect(m_review, &QListWidget::currentItemChanged, discard, [discard](QListWidgetItem* item) {
        discard->setEnabled(item != nullptr && item->data(QuarantinedRole).toBool());
    });
    connect(discard, &QPushButton::clicked, this, &MainWindow::discardSelected);
    // A failed sending is acted on where it is listed: sent again, or by post instead.
    auto* retryFailed = new QPushButton(tr("Re&lancer l'envoi"));
    auto* postFailed = new QPushButton(tr("Par c&ourrier…"));
    postFailed->setAccessibleName(tr("Envoyer par courrier postal à la place"));
    for (QPushButton* button : {retryFailed, postFailed}) {
        button->setEnabled(false);
        connect(m_review, &QListWidget::currentItemChanged, button, [button](QListWidgetItem* item) {
            button->setEnabled(item != nullptr && item->data(FailedDeliveryRole).toLongLong() > 0);
        });
    }
    const auto failedSelected = [this] {
        const QListWidgetItem* item = m_review->currentItem();
        const qint64 id = item ? item->data(FailedDeliveryRole).toLongLong() : 0;
        return id > 0 ? QList<qint64>{id} : QList<qint64>{};
    };
    connect(retryFailed, &QPushButton::clicked, this, [this, failedSelected] { retry(failedSelected()); });
    connect(postFailed, &QPushButton::clicked, this, [this, failedSelected] { post(failedSelected()); });
    m_reviewPage = new QWidget;
    auto* reviewLayout = new QVBoxLayout(m_reviewPage);
    reviewLayout->addWidget(m_review, 1);
    auto* reviewActions = new QHBoxLayout;
    reviewActions->addStretch(1);
    reviewActions->addWidget(retryFailed);
    reviewActions->addWidget(postFailed);
    reviewActions->addWidget(discard);
    reviewLayout->addLayout(reviewActions);
    tabs->addTab(m_reviewPage, tr("À &vérifier"));

    auto* historyPage = new QWidget;
    m_search = new QLineEdit;
    m_search->setAccessibleName(tr("Rechercher un patient, un destinataire ou un document"));
    m_search->setPlaceholderText(tr("Rechercher (patient, destinataire, document, service)…"));
    m_history = new QTreeWidget;
    m_history->setAccessibleName(tr("Historique des envois"));
    m_history->setColumnCount(HistoryColumns);
    m_history->setHeaderLabels(
        {tr("Document"), tr("Date"), tr("Patient"), tr("Destinataire"), tr("Canal"), tr("Service"), tr("État")});
    // The columns share the width (no horizontal scroll bar); a long cell ends in "…", whole in its tooltip.
    m_history->header()->setSectionResizeMode(QHeaderView::Stretch);
    m_history->header()->setStretchLastSection(false);
    m_history->header()->setMinimumSectionSize(40);
    m_history->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setAlternatingRowColors(true);
    auto* retry = new QPushButton(tr("&Relancer"));
    auto* cancel = new QPushButton(tr("Annuler l'&envoi"));
    auto* post = new QPushButton(tr("Par &courrier…"));
    post->setAccessibleName(tr("Envoyer par courrier postal à la place"));
    connect(post, &QPushButton::clicked, this, &MainWindow::postSelected);
    connect(retry, &QPushButton::clicked, this, &MainWindow::retrySelected);
    connect(cancel, &QPushButton::clicked, this, &MainWindow::cancelSelected);
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::refresh);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_search, 1);
    actions->addWidget(retry);
    actions->addWidget(cancel);
    actions->addWidget(post);
    auto* historyLayout = new QVBoxLayout(historyPage);
    historyLayout->addLayout(actions);
    historyLayout->addWidget(m_history, 1);
    tabs->addTab(historyPage, tr("&Historique"));
    m_dashboard = new DashboardView;
    tabs->addTab(m_dashboard, tr("&Tableau de bord"));
    setCentralWidget(tabs);
    menuBar()->addAction(tr("&Paramètres…"), this, &MainWindow::openSettings);
    resize(900, 500);

    m_reading = new QProgressBar;
    m_reading->setRange(0, 0); // busy: reading has no measurable progress
    m_reading->setMaximumWidth(160);
    m_reading->setAccessibleName(tr("Lecture du courrier en cours"));
    m_reading->hide();
    statusBar()->addPermanentWidget(m_reading);
    m_slowReading = new QTimer(this);
    m_slowReading->setSingleShot(true);
    m_slowReading->setInterval(1000);
    connect(m_slowReading, &QTimer::timeout, this, [this] { emit slowReading(m_readingTitle); });

    m_deliveryTimer = new QTimer(this);
    m_deliveryTimer->setInterval(std::chrono::seconds(60));
    connect(m_deliveryTimer, &QTimer::timeout, this, &MainWindow::deliverInBackground);

    m_refresh = new QTimer(this);
    m_refresh->setInterval(5000); // statuses change as the outbox runs and tracking comes back
    connect(m_refresh, &QTimer::timeout, this, &MainWindow::refresh);
}

MainWindow::~MainWindow() = default;

Result<void> MainWindow::start()
{
    auto delivery = engine::Delivery::open(m_context.settings, m_context.outboxPath);
    if (!delivery) {
        return tl::unexpected(delivery.error());
    }
    m_delivery.emplace(std::move(*delivery));
    // What was kept for later in an earlier session stays listed, not popped up again; prints
    // taken or deleted since are forgotten.
    m_later = m_setAside.load();
    if (auto waiting = m_intake.inbox().waiting(); waiting && !m_later.isEmpty()) {
        QMap<QString, QString> still;
        for (const engine::CapturedJob& job : waiting->jobs) {
            if (m_later.contains(job.id)) {
                still.insert(job.id, m_later.value(job.id));
            }
        }
        m_later = still;
        rememberLater();
    }
    m_watcher = new engine::InboxWatcher(m_intake.inbox(), this);
    connect(m_watcher, &engine::InboxWatcher::jobArrived, this, &MainWindow::jobArrived);
    connect(m_watcher, &engine::InboxWatcher::jobQuarantined, this, [this](const engine::CapturedJob&) { refresh(); });
    m_watcher->start();
    m_refresh->start();
    refresh();
    deliverInBackground(); // what was left queued by an earlier session
    m_deliveryTimer->start();
    return {};
}

ConfirmationDialog* MainWindow::currentPopup() const
{
    return m_popup;
}

QTreeWidget* MainWindow::historyTree() const
{
    return m_history;
}

QListWidget* MainWindow::reviewList() const
{
    return m_review;
}

DashboardView* MainWindow::dashboard() const
{
    return m_dashboard;
}

void MainWindow::setDeliveryInterval(std::chrono::milliseconds interval)
{
    m_deliveryTimer->setInterval(interval);
}

QProgressBar* MainWindow::readingIndicator() const
{
    return m_reading;
}

void MainWindow::jobArrived(const engine::CapturedJob& job)
{
    if (m_later.contains(job.id)) {
        refresh(); // kept for later in an earlier session: listed in À vérifier
        return;
    }
    m_pending.enqueue(job);
    refresh();
    processNext();
}

void MainWindow::processNext()
{
    if (m_busy || m_pending.isEmpty()) {
        return;
    }
    m_busy = true;
    const engine::CapturedJob job = m_pending.dequeue();
    m_readingTitle = job.title;
    m_reading->show();
    statusBar()->showMessage(tr("Lecture du courrier « %1 »…").arg(job.title));
    m_slowReading->start();
    const SessionContext& c = m_context;
    inBackground(
        this,
        [intake = m_intake, id = job.id, dir = c.directory, structure = c.settings.structure,
         reader = m_reader.get()]() -> Result<std::pair<engine::IntakeLetter, engine::LetterProposal>> {
            // Read once and checked against what was printed; an altered print goes to quarantine.
            auto letter = intake.open(id);
            if (!letter) {
                return tl::unexpected(letter.error());
            }
            auto proposal = intake.propose(*letter, dir, structure, QStringLiteral(MISSIVE_VERSION), reader);
            if (!proposal) {
                return tl::unexpected(proposal.error());
            }
            return std::pair{std::move(*letter), std::move(*proposal)};
        },
        [this, job](const Result<std::pair<engine::IntakeLetter, engine::LetterProposal>>& read) {
            m_slowReading->stop();
            m_reading->hide();
            statusBar()->clearMessage();
            if (!read) {
                m_unreadable.insert(job.id, read.error().userMessage); // listed in À vérifier
                refresh();
                m_busy = false;
                processNext();
                return;
            }
            m_letter = read->first;
            const engine::LetterProposal& proposal = read->second;
            m_popup = new ConfirmationDialog(proposal, m_context.directory, this);
            m_popup->setAttribute(Qt::WA_DeleteOnClose);
            connect(m_popup, &QDialog::finished, this, [this, job](int outcome) { popupFinished(job, outcome); });
            m_popup->open();
            m_popup->raise();
            m_popup->activateWindow();
            emit popupShown(m_popup);
        });
}

void MainWindow::popupFinished(const engine::CapturedJob& job, int outcome)
{
    const engine::LetterProposal proposal = m_popup ? m_popup->proposal() : engine::LetterProposal{};
    m_busy = false;
    if (outcome == ConfirmationDialog::Send) {
        const engine::Confirmation confirmation = engine::confirmationOf(proposal, m_context.user);
        // Queued with its job id (Historique leads back to the print), then the print leaves the
        // waiting list; bytes other than those printed are refused.
        auto queued = m_intake.queue(m_letter, proposal.prepared, confirmation, *m_delivery, m_context.directory);
        if (!queued) {
            QMessageBox::warning(this, tr("Envoi impossible"), queued.error().userMessage);
            m_later.insert(job.id, queued.error().userMessage);
            rememberLater();
        } else {
            // Said at once, so that she knows it left her hands; Historique tells what follows.
            const int count = static_cast<int>(queued->deliveryIds.size());
            statusBar()->showMessage(
                count == 1 ? tr("Courrier « %1 » mis en file : 1 envoi (voir Historique).").arg(job.title)
                           : tr("Courrier « %1 » mis en file : %2 envois (voir Historique).").arg(job.title).arg(count),
                15000);
            for (const QString& warning : queued->warnings) {
                statusBar()->showMessage(statusBar()->currentMessage() + QLatin1Char(' ') + warning, 15000);
            }
            emit letterQueued(job.id);
            deliverInBackground();
        }
    } else if (outcome == ConfirmationDialog::Cancelled) {
        if (auto discarded = m_intake.discard(m_letter); !discarded) {
            m_later.insert(job.id, discarded.error().userMessage);
            rememberLater();
        }
    } else {
        // What the secretary will have to look at when she takes it up again.
        QStringList reasons;
        if (!proposal.patientChannelsAvailable) {
            reasons << tr("identité à vérifier");
        }
        const bool unresolved =
            std::any_of(proposal.recipients.begin(), proposal.recipients.end(),
                        // Homonyms left unchosen; a name the directory does not know is not a choice.
                        [](const engine::ProposedRecipient& r) {
                            return !r.rpps && r.address.isEmpty() && !r.candidates.isEmpty();
                        });
        if (unresolved) {
            reasons << tr("destinataire à choisir");
        }
        m_later.insert(job.id, reasons.join(QStringLiteral(", ")));
        rememberLater();
    }
    m_letter = {}; // the letter's bytes are not kept beyond its popup
    refresh();
    processNext();
}

void MainWindow::deliverInBackground()
{
    if (m_delivering) {
        return;
    }
    m_delivering = true;
    using Ran = std::pair<engine::RunSummary, std::optional<QDateTime>>; // and when receipts were read
    inBackground(
        this,
        [settings = m_context.settings, path = m_context.outboxPath, last = m_lastTracking]() -> Result<Ran> {
            auto delivery = engine::Delivery::open(settings, path); // this thread's own connection
            if (!delivery) {
                return tl::unexpected(delivery.error());
            }
            std::optional<QDateTime> tracked = last;
            auto ran = delivery->runPeriodic(tracked);
            if (!ran) {
                return tl::unexpected(ran.error());
            }
            return Ran{*ran, tracked};
        },
        [this](const Result<Ran>& ran) {
            if (ran) {
                m_lastTracking = ran->second;
            }
            m_delivering = false;
            refresh();
            emit deliveryRunFinished();
        });
}

void MainWindow::refresh()
{
    // The lists are rebuilt every few seconds: what the secretary selected stays selected, so that
    // Relancer or Par courrier… act on it however long she took.
    const QList<qint64> selected = selectedDeliveries();
    const QString reviewed = m_review->currentItem() ? m_review->currentItem()->text() : QString();
    // À vérifier: letters kept for later, unreadable ones, and quarantined prints with their reason.
    m_review->clear();
    if (auto waiting = m_intake.inbox().waiting()) {
        for (const auto& job : waiting->jobs) {
            if (m_later.contains(job.id)) {
                const QString why = m_later.value(job.id);
                auto* item = new QListWidgetItem(
                    why.isEmpty() ? tr("En attente : %1 (%2)").arg(job.title, localTime(job.createdAt))
                                  : tr("En attente : %1 (%2) — %3").arg(job.title, localTime(job.createdAt), why));
                item->setData(Qt::UserRole, job.id);
                m_review->addItem(item);
            } else if (m_unreadable.contains(job.id)) {
                m_review->addItem(tr("Illisible : %1 — %2").arg(job.title, m_unreadable.value(job.id)));
            }
        }
    }
    if (auto quarantined = m_intake.inbox().quarantined()) {
        for (const auto& job : quarantined->jobs) {
            auto* item = new QListWidgetItem(tr("Impression refusée : %1 — %2").arg(job.title, job.reasonMessage));
            item->setData(Qt::UserRole, job.id);
            item->setData(QuarantinedRole, true);
            m_review->addItem(item);
        }
    }
    if (m_delivery) {
        if (auto rows = m_delivery->list()) {
            showDeliveries(*rows, selected);
        }
    }
    if (const QList<QListWidgetItem*> same = m_review->findItems(reviewed, Qt::MatchExactly);
        !reviewed.isEmpty() && !same.isEmpty()) {
        m_review->setCurrentItem(same.front());
    }
    // The tab says how many items wait for the secretary, so that she sees it from the other tabs.
    m_tabs->setTabText(m_tabs->indexOf(m_reviewPage),
                       m_review->count() > 0 ? tr("À &vérifier (%1)").arg(m_review->count()) : tr("À &vérifier"));
}

// Historique, the dashboard's figures, and the failed sendings in À vérifier; `selected` stays selected.
void MainWindow::showDeliveries(const QList<engine::DeliveryRow>& rows, const QList<qint64>& selected)
{
    // The chart is rebuilt only when the figures change, not at every refresh.
    if (const auto figures = engine::weeklyFigures(rows); figures != m_dashboard->figures()) {
        m_dashboard->setFigures(figures);
    }
    // Sent or failed since the last look: said once, in the tray.
    const engine::DeliveryNews news = engine::deliveryNews(m_lastStates, m_watchingSince, rows);
    m_lastStates.clear();
    for (const engine::DeliveryRow& d : rows) {
        m_lastStates.insert(d.id, d.state);
    }
    const auto listed = [](const QStringList& lines) -> QString {
        constexpr int Shown = 3;
        return lines.mid(0, Shown).join(u'\n') + (lines.size() > Shown ? QStringLiteral("\n…") : QString());
    };
    if (!news.sent.isEmpty()) {
        emit deliveryNotice(news.sent.size() == 1
                                ? tr("Courrier envoyé : %1").arg(news.sent.front())
                                : tr("%1 envois réussis :\n%2").arg(news.sent.size()).arg(listed(news.sent)),
                            false);
    }
    if (!news.failed.isEmpty()) {
        emit deliveryNotice(tr("Échec d'envoi :\n%1\nVoir À vérifier.").arg(listed(news.failed)), true);
    }
    const QSignalBlocker blocker(m_history);
    m_history->clear();
    QHash<qint64, QTreeWidgetItem*> letters;              // document id -> its row
    QHash<qint64, const engine::DeliveryRow*> mostUrgent; // document id -> the sending its row shows
    for (const engine::DeliveryRow& d : rows) {
        if (d.state == engine::DeliveryState::Failed) {
            auto* failed =
                new QListWidgetItem(tr("Envoi %1 en échec : %2 — %3").arg(d.id).arg(d.recipient, d.lastError));
            failed->setData(FailedDeliveryRole, d.id);
            m_review->addItem(failed);
        }
        if (!engine::rowMatches(d, m_search->text())) {
            continue;
        }
        // Each row leads back to the print it came from (its spool job id), for the secretary and IT.
        const QString origin =
            d.spoolJobId.isEmpty() ? tr("Envoyé depuis un fichier") : tr("Impression n° %1").arg(d.spoolJobId);
        QTreeWidgetItem*& letter = letters[d.documentId];
        if (!letter) {
            letter = new QTreeWidgetItem(m_history);
            letter->setText(HistoryDocumentColumn, d.documentTitle);
            letter->setText(HistoryDateColumn, localTime(d.createdAt));
            letter->setText(HistoryPatientColumn, d.patient);
            letter->setText(HistoryServiceColumn, d.service);
            for (int column = 0; column < HistoryColumns; ++column) {
                letter->setToolTip(column, origin);
            }
            letter->setExpanded(true);
        }
        auto* sending = new QTreeWidgetItem(letter);
        sending->setText(HistoryDocumentColumn, tr("Envoi n° %1").arg(d.id));
        sending->setText(HistoryRecipientColumn, d.recipient);
        sending->setText(HistoryChannelColumn, channelText(d.channel));
        sending->setData(HistoryDocumentColumn, Qt::UserRole, d.id);
        showState(sending, d);
        for (int column = 0; column < HistoryColumns; ++column) {
            sending->setToolTip(column, column == HistoryStateColumn ? stateText(d) : origin);
        }
        const engine::DeliveryRow*& shown = mostUrgent[d.documentId];
        if (!shown || urgency(d.state) > urgency(shown->state)) {
            shown = &d;
        }
        if (selected.contains(d.id)) {
            sending->setSelected(true);
        }
    }
    // A letter's row says how its sendings went: how many, and the most pressing state among them.
    for (auto it = letters.cbegin(); it != letters.cend(); ++it) {
        it.value()->setText(HistoryRecipientColumn, tr("%n destinataire(s)", nullptr, it.value()->childCount()));
        showState(it.value(), *mostUrgent.value(it.key()));
    }
}

QList<qint64> MainWindow::selectedDeliveries() const
{
    // A sending selected, or a whole letter: every sending under it.
    QList<qint64> ids;
    const auto add = [&ids](const QTreeWidgetItem* sending) {
        const qint64 id = sending->data(HistoryDocumentColumn, Qt::UserRole).toLongLong();
        if (id > 0 && !ids.contains(id)) {
            ids.append(id);
        }
    };
    for (const QTreeWidgetItem* item : m_history->selectedItems()) {
        if (item->parent()) {
            add(item);
        } else {
            for (int i = 0; i < item->childCount(); ++i) {
                add(item->child(i));
            }
        }
    }
    return ids;
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_context.settings, m_context.configPath,
                          m_context.explicitConfig.isEmpty() ? settings::systemConfigPath() : QString(),
                          m_context.directory, m_context.user, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    // What the next letters and the next delivery run use.
    if (auto reloaded = settings::loadSettings(m_context.explicitConfig)) {
        reloaded->softwareVersion = m_context.settings.softwareVersion;
        m_context.settings = *reloaded;
    }
}

void MainWindow::retrySelected()
{
    retry(selectedDeliveries());
}

void MainWindow::retry(const QList<qint64>& ids)
{
    for (const qint64 id : ids) {
        if (auto done = m_delivery->retry(id); !done) {
            QMessageBox::warning(this, tr("Relance impossible"), done.error().userMessage);
        }
    }
    deliverInBackground();
}

void MainWindow::discardSelected()
{
    QListWidgetItem* item = m_review->currentItem();
    if (item == nullptr || !item->data(QuarantinedRole).toBool()) {
        return;
    }
    // Taken now: the lists are rebuilt while the question is open (the item is gone by then).
    const QString jobId = item->data(Qt::UserRole).toString();
    if (QMessageBox::question(this, tr("Supprimer l'impression refusée"),
                              tr("Cette impression refusée sera supprimée. Supprimer ?"),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        != QMessageBox::Yes) {
        return;
    }
    if (auto removed = m_intake.inbox().discardQuarantined(jobId); !removed) {
        QMessageBox::warning(this, tr("Suppression impossible"), removed.error().userMessage);
    }
    refresh();
}

void MainWindow::rememberLater()
{
    // A failure only means the prints pop up again at the next login: nothing is lost.
    if (auto saved = m_setAside.save(m_later); !saved) {
        statusBar()->showMessage(saved.error().userMessage, 10000);
    }
}

void MainWindow::reopen(const QString& jobId)
{
    if (!m_later.contains(jobId)) {
        return; // not a letter kept for later (a quarantined print, a failed sending)
    }
    auto waiting = m_intake.inbox().waiting();
    if (!waiting) {
        return;
    }
    for (const engine::CapturedJob& job : waiting->jobs) {
        if (job.id == jobId) {
            m_later.remove(jobId);
            rememberLater();
            jobArrived(job);
            return;
        }
    }
}

void MainWindow::postSelected()
{
    post(selectedDeliveries());
}

void MainWindow::post(const QList<qint64>& ids)
{
    for (const qint64 id : ids) {
        auto row = m_delivery->find(id);
        if (!row || !*row) {
            continue;
        }
        // Said before an address is asked for, not after it was typed.
        if (auto allowed = m_delivery->checkSendByPost(id); !allowed) {
            QMessageBox::warning(this, tr("Envoi par courrier impossible"), allowed.error().userMessage);
            continue;
        }
        bool ok = false;
        const QString address = QInputDialog::getMultiLineText(
            this, tr("Envoyer par courrier"),
            tr("Adresse postale de %1 (une ligne par ligne de l'enveloppe) :").arg((*row)->recipient),
            (*row)->postalAddress, &ok);
        if (!ok) {
            continue;
        }
        if (auto posted = m_delivery->sendByPost(id, address); !posted) {
            QMessageBox::warning(this, tr("Envoi par courrier impossible"), posted.error().userMessage);
        }
    }
    if (!ids.isEmpty()) {
        deliverInBackground();
    }
}

void MainWindow::cancelSelected()
{
    const QList<qint64> ids = selectedDeliveries();
    if (ids.isEmpty()
        || QMessageBox::question(this, tr("Annuler l'envoi"), tr("Annuler les envois choisis ?")) != QMessageBox::Yes) {
        return;
    }
    for (const qint64 id : ids) {
        if (auto done = m_delivery->cancel(id); !done) {
            QMessageBox::warning(this, tr("Annulation impossible"), done.error().userMessage);
        }
    }
    refresh();
}

} // namespace missive::gui
