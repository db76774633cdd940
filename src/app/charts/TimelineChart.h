#pragma once

#include "TimelineSeries.h"

#include "CompactChartView.h"

#include <optional>
#include <utility>
#include <vector>

class QAbstractAxis;
class QDateTimeAxis;
class QLineSeries;

namespace ss {

struct ReplaySnapshot;

// A chart of a few whole-market lines over the replay's dates, in a narrow
// dock as often as not: what the market view's charts share. Before it has
// a point it shows no axes (an empty date axis would read 1970), and it
// fits its date labels and its legend to its width rather than growing.
class TimelineChart : public CompactChartView {
    Q_OBJECT
public:
    void clear();
    QLineSeries* line(std::size_t index) const { return lines_[index]; }

protected:
    TimelineChart(const QString& title, QAbstractAxis* valueAxis, QWidget* parent);
    // A line named `name`, or `shortName` when the legend is too narrow.
    QLineSeries* addLine(const QString& name, const QString& shortName);
    // Puts `lines` (one list of points a line, x a date axis' value, in
    // increasing order) on the chart, the date axis over their span, and
    // returns the lowest and highest value drawn, widened to include
    // `range`; nullopt when there is nothing to draw.
    std::optional<std::pair<double, double>> draw(const std::vector<QList<QPointF>>& lines,
                                                  std::pair<double, double> range);

    void resizeEvent(QResizeEvent* event) override;

private:
    void fitToWidth();

    QDateTimeAxis* timeAxis_;
    QAbstractAxis* valueAxis_;
    std::vector<QLineSeries*> lines_;
    std::vector<std::pair<QString, QString>> names_;  // full, short
};

// A TimelineChart sampled live from snapshots into a bounded number of
// points however long the replay: for figures a snapshot holds only as
// they stand now.
class SampledTimelineChart : public TimelineChart {
    Q_OBJECT
public:
    void clear();
    const TimelineSeries& timeline() const { return timeline_; }

protected:
    using TimelineChart::TimelineChart;
    // Takes `values` at the snapshot's date when `ready` and the snapshot
    // brings something new, and draws the lines (see draw()).
    std::optional<std::pair<double, double>> sample(const ReplaySnapshot& snapshot, bool ready,
                                                    const TimelineSeries::Values& values,
                                                    std::pair<double, double> range);

private:
    TimelineSeries timeline_;
    std::size_t lastProcessed_ = 0;
};

} // namespace ss
