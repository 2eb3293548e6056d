#pragma once
// Tableau de bord: per week, for every service or one of them, the share of letters fed to the DMP, sent by MSSanté and
// posted, against the Ségur targets (98 % DMP, 60 % MSSanté), as a chart, and a CSV export.

#include "missive/engine/dashboard.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace missive::gui
{

class DashboardView : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardView(QWidget* parent = nullptr);

    // Per week and service, as weeklyFigures() gives them.
    void setFigures(const QList<engine::WeekFigures>& weeks);
    [[nodiscard]] const QList<engine::WeekFigures>& figures() const;
    // The service shown ("" = every service) and the weeks charted for it.
    void showService(const QString& service);
    [[nodiscard]] QComboBox* serviceBox() const;
    // The weeks the chart shows: the latest ChartWeeks of the chosen service.
    [[nodiscard]] const QList<engine::WeekFigures>& shown() const;
    static constexpr int ChartWeeks = 12;
    // Writes the CSV; false with a French reason in `error`.
    bool exportCsv(const QString& path, QString* error) const;

private:
    void draw();

    QList<engine::WeekFigures> m_weeks;
    QList<engine::WeekFigures> m_shown;
    QComboBox* m_service = nullptr;
    QWidget* m_chart = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace missive::gui
