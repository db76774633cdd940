#include "PortfolioEquityChart.h"

#include "ChartView.h"
#include "core/backtest/BacktestSnapshot.h"

#include <QLineSeries>
#include <QLogValueAxis>

#include <algorithm>
#include <array>

namespace ss {

namespace {

// The lowest equity a log scale draws: a long/short portfolio can lose
// almost everything, and an equity at or below 0 has no logarithm.
constexpr double kFloor = 1e-4;

} // namespace

PortfolioEquityChart::PortfolioEquityChart(QWidget* parent)
    : TimelineChart(tr("All stocks: equity of trading the calls, equal weight"), new QLogValueAxis, parent),
      equityAxis_(static_cast<QLogValueAxis*>(chart()->axes(Qt::Vertical).front()))
{
    equityAxis_->setLabelFormat(QStringLiteral("%g"));
    equityAxis_->setBase(10);
    addLine(tr("long/flat"), tr("flat"));
    addLine(tr("long/short"), tr("short"));
    addLine(tr("buy-and-hold"), tr("hold"));
}

void PortfolioEquityChart::clear()
{
    TimelineChart::clear();
    drawnProcessed_ = 0;
}

void PortfolioEquityChart::update(const ReplaySnapshot& snapshot)
{
    const auto backtest = backtestOf(snapshot);
    if (!backtest || snapshot.progress.processed == drawnProcessed_)
        return;
    drawnProcessed_ = snapshot.progress.processed;
    std::vector<QList<QPointF>> lines(kStrategies);
    double lastX = 0;
    for (const DatedEquity& e : backtest->portfolioOverTime) {
        const double x = ChartView::axisValue(e.time);
        if (!lines[0].isEmpty() && x <= lastX)
            continue;
        lastX = x;
        for (std::size_t i = 0; i < kStrategies; ++i)
            lines[i].append({x, std::max(kFloor, e.equity[i])});
    }
    if (const auto range = draw(lines, {1, 1}))
        equityAxis_->setRange(range->first / 1.1, range->second * 1.1);
}

} // namespace ss
