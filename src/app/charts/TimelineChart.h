#pragma once

#include "TimelineSeries.h"

#include <QChartView>

#include <optional>
#include <utility>
#include <vector>

class QAbstractAxis;
class QDateTimeAxis;
class QLineSeries;

namespace ss {

struct ReplaySnapshot;

// A chart of a few whole-market lines over the replay's dates, sampled live
// from snapshots into a bounded number of points however long the replay:
// what the market view's charts share.
class TimelineChart : public QChartView {
    Q_OBJECT
public:
    void clear();
    const TimelineSeries& timeline() const { return timeline_; }
    QLineSeries* line(std::size_t index) const { return lines_[index]; }

protected:
    TimelineChart(const QString& title, QAbstractAxis* valueAxis, QWidget* parent);
    QLineSeries* addLine();
    // Takes `values` at the snapshot's date when `ready` and the snapshot
    // brings something new, redraws the lines and the date axis, and
    // returns the lowest and highest value drawn, widened to include
    // `range`; nullopt when nothing was taken.
    std::optional<std::pair<double, double>> sample(const ReplaySnapshot& snapshot, bool ready,
                                                    const TimelineSeries::Values& values,
                                                    std::pair<double, double> range);

private:
    TimelineSeries timeline_;
    std::size_t lastProcessed_ = 0;
    QDateTimeAxis* timeAxis_;
    QAbstractAxis* valueAxis_;
    std::vector<QLineSeries*> lines_;
};

} // namespace ss
