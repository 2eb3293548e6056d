#pragma once
// The popup shown for each printed letter: preview, patient identity, document type, proposed
// recipients with their channel, the patient's channels, and Envoyer / Plus tard / Supprimer l'impression. It only
// edits a LetterProposal; reading, matching and sending happen off the GUI thread.

#include "missive/engine/letter_proposal.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

class QCheckBox;
class QKeyEvent;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QThread;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace missive::gui
{

class ConfirmationDialog : public QDialog
{
    Q_OBJECT

public:
    enum Outcome
    {
        Cancelled = QDialog::Rejected, // "Supprimer l'impression…", confirmed: the print is deleted
        Send = QDialog::Accepted,
        Later = 2, // keep the job waiting (Plus tard, Échap, the window closed)
    };

    // `directory` (may be null): matching, and where a new recipient the secretary types is added.
    ConfirmationDialog(engine::LetterProposal proposal, directory::Directory* directory, QWidget* parent = nullptr);
    ~ConfirmationDialog() override;
    ConfirmationDialog(const ConfirmationDialog&) = delete;
    ConfirmationDialog& operator=(const ConfirmationDialog&) = delete;

    // The proposal as the secretary left it (checks, chosen professionals, toggles, type).
    [[nodiscard]] const engine::LetterProposal& proposal() const;

    // For tests and the demo mode.
    [[nodiscard]] QPushButton* sendButton() const;
    [[nodiscard]] QCheckBox* dmpBox() const;
    [[nodiscard]] QCheckBox* patientBox() const;
    [[nodiscard]] QTreeWidget* recipientTree() const;
    [[nodiscard]] QLabel* identityWarning() const;
    // Why no structured document (CDA, IHE_XDM) can be built, when none can: the DMP is not
    // offered and a mail carries the PDF alone.
    [[nodiscard]] QLabel* structuredNotice() const;
    // "Auteur (signataire)": shown when the directory could not be sure who signed; picking one
    // builds the CDA with them and teaches the establishment's staff.
    [[nodiscard]] QComboBox* authorChooser() const;
    // The document type, searched by a word of its label (accents and case aside).
    [[nodiscard]] QComboBox* typeChooser() const;
    [[nodiscard]] QLineEdit* typeFilter() const;
    [[nodiscard]] QCompleter* typeSearch() const;
    // "Identité vérifiée" (Ctrl+I): shown when the DataMatrix identity waits for a confirmation.
    [[nodiscard]] QPushButton* confirmIdentityButton() const;
    [[nodiscard]] QLineEdit* searchField() const;
    [[nodiscard]] QPushButton* newRecipientButton() const;
    [[nodiscard]] QListWidget* searchResults() const;
    [[nodiscard]] QListWidget* thumbnails() const;
    [[nodiscard]] double zoom() const;

    // Waits for a directory search still running: the caller uses the directory next.
    void done(int result) override;
    // Échap or closing the window keeps the letter for later: nothing is deleted without asking.
    void reject() override;
    [[nodiscard]] QPushButton* deleteButton() const;

signals:
    void searchFinished();    // results shown (tests)
    void candidateChooserShown(QDialog* chooser); // the homonym choice is open (tests)
    void newRecipientShown(QDialog* dialog);      // "Nouveau destinataire…" is open (tests)
    void channelsRefreshed(); // after a change of document type (tests)
    void thumbnailsReady();

protected:
    // A bare Entrée left over by a list or a field is swallowed: only Ctrl+Entrée sends.
    void keyPressEvent(QKeyEvent* event) override;
    void newRecipientClicked();
    // The preview's width changed: the page fits it again.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showPage(int page);
    void setZoom(double zoom);
    void renderThumbnails();
    void fillRecipients();
    void chooseProfessional(QTreeWidgetItem* item);
    void startSearch();
    void refreshChannels();
    // The directory has one connection, used by one thread at a time: before starting a directory
    // job, the GUI thread waits (milliseconds) for the one still running.
    void waitForDirectory();
    void stopWork(); // waits for the directory's threads, stops the thumbnails
    void addSearchResult(QListWidgetItem* item);
    void laterClicked();
    void cancelClicked();
    void sendClicked();
    void confirmIdentityClicked();
    void showIdentity();
    void showStructured();

    engine::LetterProposal m_proposal;
    directory::Directory* m_directory;
    QLabel* m_preview = nullptr;
    QScrollArea* m_previewArea = nullptr;
    QHash<int, double> m_pageInches;                 // each page's inked width, measured once
    QHash<int, std::pair<double, double>> m_pageInk; // its inked columns, as fractions of the sheet
    QTimer* m_refit = nullptr;       // the preview fits its new width once the resizing stops
    QSpinBox* m_page = nullptr;
    QListWidget* m_thumbnails = nullptr;
    double m_zoom = 1.0;
    QLabel* m_identity = nullptr;
    QLabel* m_warning = nullptr;
    QLabel* m_structured = nullptr;
    QPushButton* m_confirmIdentity = nullptr;
    QComboBox* m_type = nullptr;
    QComboBox* m_author = nullptr;
    QCompleter* m_typeSearch = nullptr;
    QLineEdit* m_typeFilter = nullptr;
    QPushButton* m_newRecipient = nullptr;
    QTreeWidget* m_recipients = nullptr;
    QCheckBox* m_dmp = nullptr;
    QCheckBox* m_patient = nullptr;
    QPushButton* m_send = nullptr;
    QPushButton* m_delete = nullptr;
    // Search-as-you-type: one directory search at a time, off the GUI thread; the latest text wins.
    QLineEdit* m_search = nullptr;
    QListWidget* m_results = nullptr;
    QTimer* m_searchDelay = nullptr;
    QList<engine::ProposedRecipient> m_hits;
    QPointer<QThread> m_searchThread;
    QPointer<QThread> m_thumbnailThread;
    QPointer<QThread> m_channelsThread;
    bool m_searchAgain = false;
};

} // namespace missive::gui
