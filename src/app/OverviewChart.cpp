#include "OverviewChart.h"

#include "AccuracyLine.h"
#include "ChartView.h"
#include "core/stream/ReplaySnapshot.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace ss {

// The chart goes to QChartView's constructor: QChartView(parent) would make
// a default chart that setChart() then abandons without deleting.
OverviewChart::OverviewChart(QWidget* parent)
    : QChartView(new QChart, parent), timeAxis_(new QDateTimeAxis), accuracyAxis_(new QValueAxis)
{
    QChart* chart = this->chart();
    chart->setTheme(ChartView::theme());
    chart->setTitle(tr("All stocks: running accuracy"));
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignTop);
    ChartView::fitLegend(chart->legend());
    timeAxis_->setFormat(QStringLiteral("yyyy-MM-dd"));
    timeAxis_->setTickCount(5);
    accuracyAxis_->setLabelFormat(QStringLiteral("%.3f"));
    accuracyAxis_->setTickCount(3);
    chart->addAxis(timeAxis_, Qt::AlignBottom);
    chart->addAxis(accuracyAxis_, Qt::AlignLeft);
    const std::array<AccuracyLine, TimelineSeries::kLines> kinds{AccuracyLine::Model, AccuracyLine::AlwaysUp,
                                                                 AccuracyLine::AlwaysDown, AccuracyLine::LastMove};
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        auto* series = new QLineSeries;
        chart->addSeries(series);
        series->attachAxis(timeAxis_);
        series->attachAxis(accuracyAxis_);
        styleAccuracyLine(series, kinds[i]);
        lines_[i] = series;
    }
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
}

void OverviewChart::clear()
{
    timeline_.clear();
    lastProcessed_ = 0;
    for (QLineSeries* line : lines_)
        line->clear();
}

void OverviewChart::update(const ReplaySnapshot& snapshot)
{
    if (snapshot.progress.processed < lastProcessed_)
        clear();
    const Tally& t = snapshot.overall;
    const double x = ChartView::axisValue(snapshot.progress.time);
    // The first few calls say little and would stretch the scale.
    constexpr std::uint64_t kMinResolved = 200;
    if (snapshot.progress.processed == lastProcessed_ || t.resolved < kMinResolved
        || (timeline_.size() > 0 && x <= timeline_.lastX()))
        return;
    lastProcessed_ = snapshot.progress.processed;
    timeline_.add(x, {t.accuracy(), t.alwaysUpAccuracy(), t.alwaysDownAccuracy(), t.lastMoveAccuracy()});

    double lo = 1;
    double hi = 0;
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
    timeAxis_->setFormat(ChartView::dateFormat(to - from));
    timeAxis_->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(from)),
                        QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(to)));
    const double pad = std::max((hi - lo) * 0.05, 0.005);
    accuracyAxis_->setRange(std::max(0.0, lo - pad), std::min(1.0, hi + pad));
}

} // namespace ss
