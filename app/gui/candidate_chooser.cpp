#include "candidate_chooser.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

namespace missive::gui
{

CandidateChooser::CandidateChooser(const QString& nameAsRead, const QList<directory::Candidate>& candidates,
                                   const QStringList& channels, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Choisir le professionnel"));
    auto* intro = new QLabel(tr("Lu sur le courrier : « %1 ». Plusieurs professionnels peuvent correspondre ; "
                                "choisissez celui à qui le courrier est adressé.")
                                 .arg(nameAsRead));
    intro->setWordWrap(true);
    m_cards = new QListWidget;
    m_cards->setAccessibleName(tr("Professionnels possibles"));
    m_cards->setWordWrap(true);
    m_cards->setAlternatingRowColors(true);
    m_cards->setSpacing(2);
    m_cards->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        const Professional& p = candidates.at(i).professional;
        const QString specialty = !p.specialtyLabel.isEmpty() ? p.specialtyLabel : p.professionLabel;
        QStringList place;
        if (!p.practiceName.isEmpty()) {
            place << p.practiceName;
        }
        place << p.addressLines;
        place << QString(p.postcode + QLatin1Char(' ') + p.city).trimmed();
        QStringList lines{specialty.isEmpty() ? p.displayName() : p.displayName() + QStringLiteral(" — ") + specialty,
                          place.join(QStringLiteral(", ")),
                          tr("%1 · RPPS %2").arg(channels.value(i, tr("aucun canal")), p.rpps)};
        if (candidates.at(i).contradicted) {
            lines << tr("Ne correspond pas au lieu imprimé sur le courrier");
        }
        auto* card = new QListWidgetItem(lines.join(u'\n'));
        card->setData(Qt::UserRole, static_cast<int>(i));
        card->setToolTip(card->text());
        m_cards->addItem(card);
    }
    m_cards->setCurrentRow(0);
    connect(m_cards, &QListWidget::itemActivated, this, &QDialog::accept);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Choisir"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Annuler"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_cards, 1);
    layout->addWidget(buttons);
    resize(QSize(560, 420).boundedTo(screen()->availableGeometry().size() * 0.9));
    m_cards->setFocus();
}

int CandidateChooser::chosen() const
{
    const QListWidgetItem* card = m_cards->currentItem();
    return card ? card->data(Qt::UserRole).toInt() : -1;
}

QListWidget* CandidateChooser::cards() const
{
    return m_cards;
}

} // namespace missive::gui
