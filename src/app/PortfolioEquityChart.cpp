#include "PortfolioEquityChart.h"

#include "ChartView.h"
#include "core/backtest/BacktestSnapshot.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLogValueAxis>

#include <algorithm>

namespace ss {

namespace {

// The lowest equity a log scale draws: a long/short portfolio can lose
// almost everything, and an equity at or below 0 has no logarithm.
constexpr double kFloor = 1e-4;

} // namespace

// The chart goes to QChartView's constructor: QChartView(parent) would make
// a default chart that setChart() then abandons without deleting.
PortfolioEquityChart::PortfolioEquityChart(QWidget* parent)
    : QChartView(new QChart, parent), timeAxis_(new QDateTimeAxis), equityAxis_(new QLogValueAxis)
{
    QChart* chart = this->chart();
    chart->setTheme(ChartView::theme());
    chart->setTitle(tr("All stocks: equity of trading the calls, equal weight"));
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignTop);
    ChartView::fitLegend(chart->legend());
    timeAxis_->setFormat(QStringLiteral("yyyy-MM-dd"));
    timeAxis_->setTickCount(5);
    equityAxis_->setLabelFormat(QStringLiteral("%g"));
    equityAxis_->setBase(10);
    chart->addAxis(timeAxis_, Qt::AlignBottom);
    chart->addAxis(equityAxis_, Qt::AlignLeft);
    const std::array<QString, kStrategies> names{tr("long/flat"), tr("long/short"), tr("buy-and-hold")};
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        auto* series = new QLineSeries;
        series->setName(names[i]);
        chart->addSeries(series);
        series->attachAxis(timeAxis_);
        series->attachAxis(equityAxis_);
        lines_[i] = series;
    }
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
}

void PortfolioEquityChart::clear()
{
    timeline_.clear();
    lastProcessed_ = 0;
    for (QLineSeries* line : lines_)
        line->clear();
}

void PortfolioEquityChart::update(const ReplaySnapshot& snapshot)
{
    if (snapshot.progress.processed < lastProcessed_)
        clear();
    const auto backtest = backtestOf(snapshot);
    const double x = ChartView::axisValue(snapshot.progress.time);
    if (!backtest || snapshot.progress.processed == lastProcessed_
        || accountOf(backtest->portfolio, Strategy::BuyAndHold).periods == 0
        || (timeline_.size() > 0 && x <= timeline_.lastX()))
        return;
    lastProcessed_ = snapshot.progress.processed;
    TimelineSeries::Values values{};
    for (std::size_t i = 0; i < kStrategies; ++i)
        values[i] = std::max(kFloor, backtest->portfolio[i].series.equity);
    timeline_.add(x, values);

    double lo = 1;
    double hi = 1;
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
    equityAxis_->setRange(lo / 1.1, hi * 1.1);
}

} // namespace ss
