#pragma once

#include "ChartView.h"
#include "core/backtest/EquityAccount.h"
#include "core/backtest/Strategy.h"

#include <QPointF>

#include <array>
#include <functional>
#include <optional>
#include <vector>

class QAreaSeries;
class QLineSeries;
class QLogValueAxis;

namespace ss {

class StockHistory;

// The selected stock's equity when its calls are traded (long/flat,
// long/short) against buying and holding it, on a log scale, each line's
// drawdown below its high shaded. The calls are traded as the replay's
// backtest trades them (README, "The backtest"), from the stock's history
// recomputed for the charts, so the engine keeps no path of any stock's
// equity; only the calls resolved since the last look are traded anew.
class StockEquityChart : public ChartView {
    Q_OBJECT
public:
    explicit StockEquityChart(QWidget* parent = nullptr);

    // The cost of each change of position, in basis points; without one
    // nothing trades the calls and the pane is hidden.
    void setCostBps(std::optional<double> costBps);
    std::optional<double> costBps() const { return costBps_; }
    // Forgets the trades: another stock, or its calls made anew.
    void clear();
    // Where a date falls on the panes' shared date axis (calendar or
    // trading days).
    using DateToX = std::function<double(Timestamp)>;
    // Trades the history's calls resolved since the last look, and draws
    // [min, max] of the date axis at about a point a pixel, its grid on the
    // panes' date ticks.
    void draw(const StockHistory& history, double min, double max, const std::vector<AxisTicks::Tick>& ticks,
              const DateToX& xOf);

    QLineSeries* equitySeries(Strategy strategy) const { return lines_[index(strategy)]; }
    QAreaSeries* drawdownSeries(Strategy strategy) const { return drawdowns_[index(strategy)]; }
    // What the strategy made of the calls traded so far.
    const ReturnSeries& returns(Strategy strategy) const { return returns_[index(strategy)]; }
    std::size_t calls() const { return traded_; }

private:
    struct Parts;
    StockEquityChart(Parts parts, QWidget* parent);
    static Parts makeParts();
    static std::size_t index(Strategy strategy) { return static_cast<std::size_t>(strategy); }
    void trade(const StockHistory& history, const DateToX& xOf);
    void fitEquityAxis(double lo, double hi);

    QLogValueAxis* equityAxis_;
    std::optional<double> costBps_;
    std::array<QLineSeries*, kStrategies> lines_{};
    std::array<QAreaSeries*, kStrategies> drawdowns_{};
    std::size_t traded_ = 0;  // resolved calls of the history traded so far
    std::array<int, kStrategies> positions_{};
    std::array<ReturnSeries, kStrategies> returns_;
    std::array<std::vector<QPointF>, kStrategies> equity_;
    std::array<std::vector<QPointF>, kStrategies> peaks_;
};

} // namespace ss
