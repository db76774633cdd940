#pragma once

#include "TimelineSeries.h"

#include <QChartView>

#include <array>

class QDateTimeAxis;
class QLineSeries;
class QLogValueAxis;

namespace ss {

struct ReplaySnapshot;

// The market portfolio's equity when the calls are traded (long/flat,
// long/short) against buying and holding, on a log scale, sampled live from
// snapshots into a bounded number of points however long the replay.
class PortfolioEquityChart : public QChartView {
    Q_OBJECT
public:
    static constexpr std::size_t kStrategies = 3;  // long/flat, long/short, buy-and-hold

    explicit PortfolioEquityChart(QWidget* parent = nullptr);

    void update(const ReplaySnapshot& snapshot);
    void clear();
    QLineSeries* line(std::size_t strategy) const { return lines_[strategy]; }

private:
    TimelineSeries timeline_;
    std::size_t lastProcessed_ = 0;
    QDateTimeAxis* timeAxis_;
    QLogValueAxis* equityAxis_;
    std::array<QLineSeries*, kStrategies> lines_{};
};

} // namespace ss
