#pragma once
// The popup shown for each printed letter: preview, patient identity, document type, proposed
// recipients with their channel, the patient's channels, and Envoyer / Plus tard / Annuler. It only
// edits a LetterProposal; reading, matching and sending happen off the GUI thread.

#include "missive/engine/letter_proposal.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
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
        Cancelled = QDialog::Rejected,
        Send = QDialog::Accepted,
        Later = 2, // keep the job waiting
    };

    ConfirmationDialog(engine::LetterProposal proposal, const directory::Directory* directory,
                       QWidget* parent = nullptr);

    // The proposal as the secretary left it (checks, chosen professionals, toggles, type).
    [[nodiscard]] const engine::LetterProposal& proposal() const;

    // For tests and the demo mode.
    [[nodiscard]] QPushButton* sendButton() const;
    [[nodiscard]] QCheckBox* dmpBox() const;
    [[nodiscard]] QCheckBox* patientBox() const;
    [[nodiscard]] QTreeWidget* recipientTree() const;
    [[nodiscard]] QLabel* identityWarning() const;

private:
    void showPage(int page);
    void fillRecipients();
    void chooseProfessional(QTreeWidgetItem* item);
    void laterClicked();
    void cancelClicked();
    void sendClicked();

    engine::LetterProposal m_proposal;
    const directory::Directory* m_directory;
    QLabel* m_preview = nullptr;
    QSpinBox* m_page = nullptr;
    QLabel* m_identity = nullptr;
    QLabel* m_warning = nullptr;
    QComboBox* m_type = nullptr;
    QTreeWidget* m_recipients = nullptr;
    QCheckBox* m_dmp = nullptr;
    QCheckBox* m_patient = nullptr;
    QPushButton* m_send = nullptr;
};

} // namespace missive::gui
