#pragma once

#include "TimelineChart.h"

class QValueAxis;

namespace ss {

// All stocks' running accuracy against the naive baselines, sampled live
// from snapshots into a bounded number of points however long the replay.
class OverviewChart : public TimelineChart {
    Q_OBJECT
public:
    explicit OverviewChart(QWidget* parent = nullptr);

    void update(const ReplaySnapshot& snapshot);

private:
    QValueAxis* accuracyAxis_;
};

} // namespace ss
