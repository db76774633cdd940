#pragma once

#include "CompactChartView.h"

#include <QList>
#include <QPointF>

#include <optional>
#include <utility>
#include <vector>

class QAbstractAxis;
class QDateTimeAxis;
class QLineSeries;

namespace ss {

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

} // namespace ss
