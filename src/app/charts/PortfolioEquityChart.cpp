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
    : TimelineChart(tr("All stocks: equity, equal weight"), new QLogValueAxis, parent),
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
    if (!backtest || !bringsNew(snapshot))
        return;
    const auto lines = linesOver(
        backtest->portfolioOverTime, kStrategies,
        [](const DatedEquity& e, std::size_t i) { return std::max(kFloor, e.equity[i]); },
        [](const DatedEquity&) { return true; });
    if (const auto range = draw(lines, {1, 1}))
        equityAxis_->setRange(range->first / 1.1, range->second * 1.1);
}

} // namespace ss
