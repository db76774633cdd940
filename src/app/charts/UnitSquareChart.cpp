#include "UnitSquareChart.h"

#include "ChartView.h"

#include <QLineSeries>
#include <QValueAxis>

namespace ss {

UnitSquareChart::UnitSquareChart(const QString& xTitle, const QString& yTitle, const QString& diagonalName,
                                 QWidget* parent)
    : CompactChartView(new QChart, parent), xAxis_(new QValueAxis), yAxis_(new QValueAxis)
{
    QChart* chart = this->chart();  // given to QChartView: no default chart to leak
    chart->setTheme(ChartView::theme());
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    for (QValueAxis* axis : {xAxis_, yAxis_}) {
        axis->setTickCount(6);
        axis->setLabelFormat(QStringLiteral("%.2f"));
    }
    xAxis_->setTitleText(xTitle);
    yAxis_->setTitleText(yTitle);
    chart->addAxis(xAxis_, Qt::AlignBottom);
    chart->addAxis(yAxis_, Qt::AlignLeft);
    diagonal_ = addLine(diagonalName);
    diagonal_->setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    setRange(0, 1);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(220, 200);
}

QLineSeries* UnitSquareChart::addLine(const QString& name)
{
    auto* series = new QLineSeries;
    series->setName(name);
    chart()->addSeries(series);
    series->attachAxis(xAxis_);
    series->attachAxis(yAxis_);
    return series;
}

void UnitSquareChart::setRange(double min, double max)
{
    xAxis_->setRange(min, max);
    yAxis_->setRange(min, max);
    diagonal_->replace({QPointF(min, min), QPointF(max, max)});
}

} // namespace ss
