#pragma once
// The session client: watches the user's spool, reads each new letter off the GUI thread and shows
// its confirmation popup, one at a time; lists what needs attention (À vérifier) and every sending
// with its live status (Historique), with retry and cancel.

#include "confirmation_dialog.h"
#include "missive/engine/intake.h"
#include "missive/engine/set_aside.h"

#include <QDateTime>
#include <QHash>
#include <QMainWindow>
#include <QMap>
#include <QPointer>
#include <QQueue>
#include <chrono>
#include <optional>

class QLineEdit;
class QListWidget;
class QProgressBar;
class QTreeWidget;
class QTabWidget;
class QTimer;

namespace missive::engine
{
class InboxWatcher;
}

namespace missive::gui
{

class DashboardView;

// Historique: one row per letter, its sendings (one per recipient and channel) under it.
enum HistoryColumn
{
    HistoryDocumentColumn, // the letter's title; a sending's number
    HistoryDateColumn,
    HistoryPatientColumn,
    HistoryRecipientColumn,
    HistoryChannelColumn,
    HistoryServiceColumn,
    HistoryStateColumn, // a coloured badge
    HistoryColumns,
};

struct SessionContext
{
    transport::Settings settings;
    directory::Directory* directory = nullptr; // may be null: no matching, no learning
    QString outboxPath;
    QString spoolRoot;
    QString user;
    QString configPath;     // the file Paramètres writes (the user's own, or --config)
    QString explicitConfig; // --config, if given: then that file alone, without IT's machine-wide one
};

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(SessionContext context, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the outbox, starts watching the spool and delivers what an earlier session left queued.
    [[nodiscard]] Result<void> start();

    // For tests.
    [[nodiscard]] ConfirmationDialog* currentPopup() const;
    [[nodiscard]] QTreeWidget* historyTree() const;
    [[nodiscard]] QListWidget* reviewList() const;
    [[nodiscard]] DashboardView* dashboard() const;
    // Shown while a printed letter is being read (a scanned one takes seconds: OCR).
    [[nodiscard]] QProgressBar* readingIndicator() const;
    void refresh();
    // How often queued sendings are retried when due and, with [imap] set, receipts read (60 s).
    void setDeliveryInterval(std::chrono::milliseconds interval);

signals:
    void popupShown(missive::gui::ConfirmationDialog* popup);
    void letterQueued(const QString& jobId);
    void deliveryRunFinished();
    // A letter is still being read after a second (OCR): the tray tells the secretary.
    void slowReading(const QString& title);
    // Letters that went out, or a sending that failed, since the last look (French, no patient
    // data): the tray tells the secretary, wherever she is.
    void deliveryNotice(const QString& message, bool failure);

private:
    void jobArrived(const engine::CapturedJob& job);
    void processNext();
    void popupFinished(const engine::CapturedJob& job, int outcome);
    void deliverInBackground();
    void openSettings();
    void retrySelected();
    void retry(const QList<qint64>& ids);
    void post(const QList<qint64>& ids);
    void cancelSelected();
    void postSelected();
    void reopen(const QString& jobId);
    [[nodiscard]] QList<qint64> selectedDeliveries() const;
    void rememberLater();
    void discardSelected();
    void showDeliveries(const QList<engine::DeliveryRow>& rows, const QList<qint64>& selected);

    SessionContext m_context;
    engine::Intake m_intake;                     // the user's prints: read once, checked, queued with their job id
    engine::IntakeLetter m_letter;               // the print the popup is about
    std::optional<engine::Delivery> m_delivery;  // the GUI thread's outbox (the runner has its own)
    std::unique_ptr<ocr::LetterReader> m_reader; // one worker for the session; one letter at a time
    engine::InboxWatcher* m_watcher = nullptr;
    QQueue<engine::CapturedJob> m_pending;
    // Jobs kept for later in this session, with what needs checking (French): listed in À vérifier,
    // proposed again when the secretary opens them there (or at the next start).
    QWidget* m_reviewPage = nullptr;     // À vérifier: the list and its actions
    QMap<QString, QString> m_later;      // job id -> what is left to check ("Plus tard"), remembered
    QHash<qint64, engine::DeliveryState> m_lastStates; // at the last look, for the notifications
    QDateTime m_watchingSince = QDateTime::currentDateTimeUtc();
    engine::SetAsideLetters m_setAside;  // where m_later is kept across sessions
    QMap<QString, QString> m_unreadable; // job id -> why it could not be read (French)
    QTabWidget* m_tabs = nullptr;
    bool m_busy = false;
    bool m_delivering = false;
    QPointer<ConfirmationDialog> m_popup;
    QListWidget* m_review = nullptr;
    QTreeWidget* m_history = nullptr;
    QLineEdit* m_search = nullptr;
    DashboardView* m_dashboard = nullptr;
    QTimer* m_refresh = nullptr;
    QTimer* m_deliveryTimer = nullptr; // retries what is due (backoff), reads delivery receipts
    std::optional<QDateTime> m_lastTracking; // the last reading of delivery receipts
    QProgressBar* m_reading = nullptr;
    QTimer* m_slowReading = nullptr;
    QString m_readingTitle;
};

} // namespace missive::gui
