#pragma once
// Tableau de bord: per week, the share of letters fed to the DMP, sent by MSSanté and posted,
// against the Ségur targets (98 % DMP, 60 % MSSanté), as a chart, and a CSV export.

#include "missive/engine/dashboard.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace missive::gui
{

class DashboardView : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardView(QWidget* parent = nullptr);

    void setFigures(const QList<engine::WeekFigures>& weeks);
    [[nodiscard]] const QList<engine::WeekFigures>& figures() const;
    // Writes the CSV; false with a French reason in `error`.
    bool exportCsv(const QString& path, QString* error) const;

private:
    QList<engine::WeekFigures> m_weeks;
    QWidget* m_chart = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace missive::gui
