#include "new_recipient_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace missive::gui
{

NewRecipientDialog::NewRecipientDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Nouveau destinataire"));
    auto* intro = new QLabel(tr("Un destinataire absent de l'annuaire : il y sera ajouté pour les prochains "
                                "courriers. Indiquez son adresse postale, son adresse MSSanté, ou les deux."));
    intro->setWordWrap(true);
    m_title = new QComboBox;
    m_title->addItem(tr("Dr"), QStringLiteral("Dr"));
    m_title->addItem(tr("Pr"), QStringLiteral("Pr"));
    m_title->addItem(tr("(aucun)"), QString());
    m_title->setAccessibleName(tr("Titre"));
    m_family = new QLineEdit;
    m_family->setAccessibleName(tr("Nom"));
    m_given = new QLineEdit;
    m_given->setAccessibleName(tr("Prénom"));
    m_postal = new QPlainTextEdit;
    m_postal->setAccessibleName(tr("Adresse postale"));
    m_postal->setPlaceholderText(tr("Une ligne par ligne de l'enveloppe, la dernière : code postal et ville"));
    m_postal->setTabChangesFocus(true);
    m_postal->setFixedHeight(fontMetrics().lineSpacing() * 5 + 12);
    m_mailbox = new QLineEdit;
    m_mailbox->setAccessibleName(tr("Adresse MSSanté"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Titre :"), m_title);
    form->addRow(tr("&Nom :"), m_family);
    form->addRow(tr("&Prénom :"), m_given);
    form->addRow(tr("Adresse &postale :"), m_postal);
    form->addRow(tr("Adresse &MSSanté :"), m_mailbox);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("A&jouter"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Annuler"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    m_family->setFocus();
}

engine::NewProfessional NewRecipientDialog::entry() const
{
    return engine::NewProfessional{m_title->currentData().toString(), m_family->text(), m_given->text(),
                                   m_postal->toPlainText(), m_mailbox->text()};
}

QLineEdit* NewRecipientDialog::familyField() const
{
    return m_family;
}

QLineEdit* NewRecipientDialog::givenField() const
{
    return m_given;
}

QPlainTextEdit* NewRecipientDialog::postalField() const
{
    return m_postal;
}

QLineEdit* NewRecipientDialog::mailboxField() const
{
    return m_mailbox;
}

} // namespace missive::gui
