#pragma once

#include <QList>
#include <QPointF>

#include <vector>

namespace ss {

// Thins a long line to what a plot can show: the visible x range is cut
// into buckets (about one per pixel) and each keeps its lowest and highest
// point, in x order, so spikes survive. One point either side of the range
// keeps the line running to the plot's edges.
class SeriesDecimator {
public:
    // points must be sorted by x.
    static QList<QPointF> decimate(const std::vector<QPointF>& points, double xMin, double xMax, int buckets);
    // Lowest and highest y of the points shown; false when there are none.
    static bool yRange(const QList<QPointF>& points, double xMin, double xMax, double& yMin, double& yMax);
};

} // namespace ss
