#pragma once
// The homonym choice: the directory's candidates for a name read on the letter, each as a card
// (name, specialty, practice and address, channel), so that the secretary tells them apart at a
// glance. Entrée or a double click picks the highlighted one, Échap keeps the row as it was.

#include "missive/directory/matcher.h"

#include <QDialog>

class QListWidget;

namespace missive::gui
{

class CandidateChooser : public QDialog
{
    Q_OBJECT

public:
    // `channels`: the channel each candidate would go by (same order), French.
    CandidateChooser(const QString& nameAsRead, const QList<directory::Candidate>& candidates,
                     const QStringList& channels, QWidget* parent = nullptr);

    // The picked candidate's index, once accepted.
    [[nodiscard]] int chosen() const;
    [[nodiscard]] QListWidget* cards() const;

private:
    QListWidget* m_cards = nullptr;
};

} // namespace missive::gui
