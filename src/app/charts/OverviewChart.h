#pragma once

#include "TimelineChart.h"

class QValueAxis;

namespace ss {

// All stocks' running accuracy against the naive baselines over the whole
// stream so far, from the tallies the stream keeps by date (so it starts at
// the first calls however fast the replay ran past them).
class OverviewChart : public TimelineChart {
    Q_OBJECT
public:
    explicit OverviewChart(QWidget* parent = nullptr);

    void update(const ReplaySnapshot& snapshot);
    // Dates drawn: bounded by the stream's own bound on what it keeps.
    qsizetype points() const;

private:
    QValueAxis* accuracyAxis_;
};

} // namespace ss
