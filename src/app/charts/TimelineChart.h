#pragma once

#include "ChartView.h"
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
    // Whether `snapshot` brings records the chart has not drawn; from then
    // on it counts as drawn.
    bool bringsNew(const ReplaySnapshot& snapshot);
    // `count` lines over dated items (each with a `time`): line i's value
    // at an item is valueOf(item, i). An item `keep` refuses, or not after
    // the one before (a live feed's clock may step back), is left out.
    template <class Dated, class ValueOf, class Keep>
    static std::vector<QList<QPointF>> linesOver(const std::vector<Dated>& items, std::size_t count,
                                                 ValueOf valueOf, Keep keep)
    {
        std::vector<QList<QPointF>> lines(count);
        double lastX = 0;
        for (const Dated& item : items) {
            const double x = ChartView::axisValue(item.time);
            if (!keep(item) || (!lines[0].isEmpty() && x <= lastX))
                continue;
            lastX = x;
            for (std::size_t i = 0; i < count; ++i)
                lines[i].append({x, valueOf(item, i)});
        }
        return lines;
    }
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
    std::size_t drawnProcessed_ = 0;                  // records the lines show
};

} // namespace ss
