#include "TimelineChart.h"

#include "AxisTicks.h"
#include "ChartView.h"
#include "core/stream/ReplaySnapshot.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>

#include <algorithm>

namespace ss {

// The chart goes to QChartView's constructor: QChartView(parent) would make
// a default chart that setChart() then abandons without deleting.
TimelineChart::TimelineChart(const QString& title, QAbstractAxis* valueAxis, QWidget* parent)
    : QChartView(new QChart, parent), timeAxis_(new QDateTimeAxis), valueAxis_(valueAxis)
{
    QChart* chart = this->chart();
    chart->setTheme(ChartView::theme());
    chart->setTitle(title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignTop);
    ChartView::fitLegend(chart->legend());
    timeAxis_->setFormat(QStringLiteral("yyyy-MM-dd"));
    timeAxis_->setTickCount(5);
    chart->addAxis(timeAxis_, Qt::AlignBottom);
    chart->addAxis(valueAxis_, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
}

QLineSeries* TimelineChart::addLine()
{
    auto* series = new QLineSeries;
    chart()->addSeries(series);
    series->attachAxis(timeAxis_);
    series->attachAxis(valueAxis_);
    lines_.push_back(series);
    return series;
}

void TimelineChart::clear()
{
    timeline_.clear();
    lastProcessed_ = 0;
    for (QLineSeries* line : lines_)
        line->clear();
}

std::optional<std::pair<double, double>> TimelineChart::sample(const ReplaySnapshot& snapshot, bool ready,
                                                               const TimelineSeries::Values& values,
                                                               std::pair<double, double> range)
{
    if (snapshot.progress.processed < lastProcessed_)
        clear();
    const double x = ChartView::axisValue(snapshot.progress.time);
    if (!ready || snapshot.progress.processed == lastProcessed_ || (timeline_.size() > 0 && x <= timeline_.lastX()))
        return std::nullopt;
    lastProcessed_ = snapshot.progress.processed;
    timeline_.add(x, values);

    auto& [lo, hi] = range;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        const QList<QPointF> points = timeline_.line(i);
        for (const QPointF& p : points) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
        lines_[i]->replace(points);
    }
    const double from = lines_[0]->at(0).x();
    const double to = std::max(timeline_.lastX(), from + 86400e3);
    timeAxis_->setFormat(AxisTicks::dateFormat(to - from));
    timeAxis_->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(from)),
                        QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(to)));
    return range;
}

} // namespace ss
