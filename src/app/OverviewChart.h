#pragma once

#include "TimelineSeries.h"

#include <QChartView>

#include <array>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace ss {

struct ReplaySnapshot;

// All stocks' running accuracy against the naive baselines, sampled live
// from snapshots into a bounded number of points however long the replay.
class OverviewChart : public QChartView {
    Q_OBJECT
public:
    explicit OverviewChart(QWidget* parent = nullptr);

    void update(const ReplaySnapshot& snapshot);
    void clear();
    const TimelineSeries& timeline() const { return timeline_; }
    QLineSeries* line(std::size_t index) const { return lines_[index]; }

private:
    TimelineSeries timeline_;
    std::size_t lastProcessed_ = 0;
    QDateTimeAxis* timeAxis_;
    QValueAxis* accuracyAxis_;
    std::array<QLineSeries*, TimelineSeries::kLines> lines_{};
};

} // namespace ss
