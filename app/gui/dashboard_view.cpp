#include "dashboard_view.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QPen>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>
#include <QValueAxis>
#include <tuple>

namespace missive::gui
{

DashboardView::DashboardView(QWidget* parent)
    : QWidget(parent)
{
    auto* view = new QChartView;
    view->setAccessibleName(tr("Graphique : parts DMP, MSSanté et courrier par semaine"));
    view->setRenderHint(QPainter::Antialiasing);
    m_chart = view;
    m_summary = new QLabel;
    m_summary->setAccessibleName(tr("Résumé de la dernière semaine"));
    auto* exportButton = new QPushButton(tr("E&xporter en CSV…"));
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Exporter le tableau de bord"), QStringLiteral("missive-tableau-de-bord.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error)) {
            QMessageBox::warning(this, tr("Export impossible"), error);
        }
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(view, 1);
    layout->addWidget(exportButton, 0, Qt::AlignRight);
    setFigures({});
}

void DashboardView::setFigures(const QList<engine::WeekFigures>& weeks)
{
    m_weeks = weeks;
    auto* chart = new QChart;
    chart->setTitle(tr("Part des courriers par semaine (objectifs : DMP 98 %, MSSanté 60 %)"));
    auto* dmp = new QBarSet(tr("DMP"));
    auto* mssante = new QBarSet(tr("MSSanté"));
    auto* postal = new QBarSet(tr("Courrier"));
    QStringList categories;
    for (const engine::WeekFigures& w : weeks) {
        categories << w.monday.toString(QStringLiteral("dd/MM"));
        *dmp << 100.0 * w.share(w.dmp);
        *mssante << 100.0 * w.share(w.mssante);
        *postal << 100.0 * w.share(w.postal);
    }
    auto* bars = new QBarSeries;
    bars->append({dmp, mssante, postal});
    chart->addSeries(bars);
    auto* axisX = new QBarCategoryAxis;
    axisX->append(categories);
    auto* axisY = new QValueAxis;
    axisY->setRange(0, 100);
    axisY->setLabelFormat(QStringLiteral("%d %"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    bars->attachAxis(axisX);
    bars->attachAxis(axisY);
    // The targets as dashed lines across the weeks.
    for (const auto& [label, target, colour] :
         {std::tuple{tr("Objectif DMP"), engine::DmpTarget, dmp->color()},
          std::tuple{tr("Objectif MSSanté"), engine::MssanteTarget, mssante->color()}}) {
        auto* line = new QLineSeries;
        line->setName(label);
        line->setPen(QPen(colour, 2, Qt::DashLine)); // in the colour of its bars
        line->append(-0.5, target * 100.0);
        line->append(std::max<qsizetype>(categories.size(), 1) - 0.5, target * 100.0);
        chart->addSeries(line);
        auto* lineX = new QValueAxis;
        lineX->setRange(-0.5, std::max<qsizetype>(categories.size(), 1) - 0.5);
        lineX->setVisible(false);
        chart->addAxis(lineX, Qt::AlignBottom);
        line->attachAxis(lineX);
        line->attachAxis(axisY);
    }
    auto* view = static_cast<QChartView*>(m_chart);
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;

    if (weeks.isEmpty()) {
        m_summary->setText(tr("Aucun courrier envoyé pour l'instant."));
        return;
    }
    const engine::WeekFigures& last = weeks.last();
    m_summary->setText(tr("Semaine du %1 : %2 courrier(s) — DMP %3 %, MSSanté %4 %, courrier %5 %")
                           .arg(last.monday.toString(QStringLiteral("dd/MM/yyyy")))
                           .arg(last.documents)
                           .arg(qRound(100.0 * last.share(last.dmp)))
                           .arg(qRound(100.0 * last.share(last.mssante)))
                           .arg(qRound(100.0 * last.share(last.postal))));
}

const QList<engine::WeekFigures>& DashboardView::figures() const
{
    return m_weeks;
}

bool DashboardView::exportCsv(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(engine::figuresCsv(m_weeks).toUtf8()) < 0 || !file.commit()) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    return true;
}

} // namespace missive::gui
