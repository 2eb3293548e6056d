#pragma once
// A recipient the directory does not know (a foreign doctor, a new arrival, a care home): name,
// postal address and/or MSSanté address, typed by the secretary. What she types is checked by the
// engine when it adds the professional to the directory.

#include "missive/engine/letter_proposal.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace missive::gui
{

class NewRecipientDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewRecipientDialog(QWidget* parent = nullptr);
    [[nodiscard]] engine::NewProfessional entry() const;

    // For tests.
    [[nodiscard]] QLineEdit* familyField() const;
    [[nodiscard]] QLineEdit* givenField() const;
    [[nodiscard]] QPlainTextEdit* postalField() const;
    [[nodiscard]] QLineEdit* mailboxField() const;

private:
    QComboBox* m_title = nullptr;
    QLineEdit* m_family = nullptr;
    QLineEdit* m_given = nullptr;
    QPlainTextEdit* m_postal = nullptr;
    QLineEdit* m_mailbox = nullptr;
};

} // namespace missive::gui
