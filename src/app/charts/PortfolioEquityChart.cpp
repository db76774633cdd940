#include "PortfolioEquityChart.h"

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
    : SampledTimelineChart(tr("All stocks: equity of trading the calls, equal weight"), new QLogValueAxis, parent),
      equityAxis_(static_cast<QLogValueAxis*>(chart()->axes(Qt::Vertical).front()))
{
    equityAxis_->setLabelFormat(QStringLiteral("%g"));
    equityAxis_->setBase(10);
    addLine(tr("long/flat"), tr("flat"));
    addLine(tr("long/short"), tr("short"));
    addLine(tr("buy-and-hold"), tr("hold"));
}

void PortfolioEquityChart::update(const ReplaySnapshot& snapshot)
{
    const auto backtest = backtestOf(snapshot);
    const bool ready = backtest && accountOf(backtest->portfolio, Strategy::BuyAndHold).periods > 0;
    TimelineSeries::Values values{};
    for (std::size_t i = 0; ready && i < kStrategies; ++i)
        values[i] = std::max(kFloor, backtest->portfolio[i].series.equity);
    if (const auto range = sample(snapshot, ready, values, {1, 1}))
        equityAxis_->setRange(range->first / 1.1, range->second * 1.1);
}

} // namespace ss
