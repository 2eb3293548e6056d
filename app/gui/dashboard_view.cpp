#include "dashboard_view.h"

#include "missive/core/safe_file.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QPen>
#include <QPushButton>
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
    m_service = new QComboBox;
    m_service->setAccessibleName(tr("Service"));
    connect(m_service, &QComboBox::currentIndexChanged, this, [this] { draw(); });
    auto* filter = new QHBoxLayout;
    auto* serviceLabel = new QLabel(tr("&Service :"));
    serviceLabel->setBuddy(m_service);
    filter->addWidget(serviceLabel);
    filter->addWidget(m_service);
    filter->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filter);
    layout->addWidget(m_summary);
    layout->addWidget(view, 1);
    layout->addWidget(exportButton, 0, Qt::AlignRight);
    setFigures({});
}

void DashboardView::setFigures(const QList<engine::WeekFigures>& weeks)
{
    m_weeks = weeks;
    const QString current = m_service->currentData().toString();
    const QSignalBlocker blocker(m_service);
    m_service->clear();
    m_service->addItem(tr("Tous les services"), QString());
    for (const QString& service : engine::servicesOf(weeks)) {
        m_service->addItem(service.isEmpty() ? tr("(service non renseigné)") : service, service);
    }
    m_service->setCurrentIndex(std::max(0, m_service->findData(current)));
    draw();
}

void DashboardView::showService(const QString& service)
{
    m_service->setCurrentIndex(std::max(0, m_service->findData(service)));
    draw();
}

QComboBox* DashboardView::serviceBox() const
{
    return m_service;
}

const QList<engine::WeekFigures>& DashboardView::shown() const
{
    return m_shown;
}

void DashboardView::draw()
{
    // Index 0 is every service; the others are one service each (possibly the unnamed one).
    QList<engine::WeekFigures> weeks;
    if (m_service->currentIndex() <= 0) {
        weeks = engine::allServices(m_weeks);
    } else {
        const QString service = m_service->currentData().toString();
        for (const engine::WeekFigures& w : m_weeks) {
            if (w.service == service) {
                weeks.append(w);
            }
        }
    }
    // The latest weeks only: a year of bars is unreadable; the CSV export keeps every week.
    if (weeks.size() > ChartWeeks) {
        weeks = weeks.mid(weeks.size() - ChartWeeks);
    }
    m_shown = weeks;
    auto* chart = new QChart;
    chart->setTitle(tr("Part des courriers par semaine, %1 dernières semaines (objectifs : DMP 98 %, MSSanté 60 %)")
                        .arg(ChartWeeks));
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
    // Counts only, but the user picks the place: no planted link is followed.
    if (auto written = writeFileSafely(path, engine::figuresCsv(m_weeks).toUtf8(), false); !written) {
        if (error) {
            *error = written.error().userMessage;
        }
        return false;
    }
    return true;
}

} // namespace missive::gui
