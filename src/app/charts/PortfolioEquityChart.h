#pragma once

#include "TimelineChart.h"

class QLogValueAxis;

namespace ss {

// The market portfolio's equity when the calls are traded (long/flat,
// long/short) against buying and holding, on a log scale, over the whole
// stream so far from the equity the backtest keeps by date.
class PortfolioEquityChart : public TimelineChart {
    Q_OBJECT
public:
    static constexpr std::size_t kStrategies = 3;  // long/flat, long/short, buy-and-hold

    explicit PortfolioEquityChart(QWidget* parent = nullptr);

    void update(const ReplaySnapshot& snapshot);

private:
    QLogValueAxis* equityAxis_;
};

} // namespace ss
