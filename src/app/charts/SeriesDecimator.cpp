#include "SeriesDecimator.h"

#include <algorithm>
#include <cmath>

namespace ss {

QList<QPointF> SeriesDecimator::decimate(const std::vector<QPointF>& points, double xMin, double xMax, int buckets)
{
    QList<QPointF> out;
    if (points.empty() || !(xMax > xMin))
        return out;
    const auto byX = [](const QPointF& p, double x) { return p.x() < x; };
    auto first = std::lower_bound(points.begin(), points.end(), xMin, byX);
    auto last = std::lower_bound(first, points.end(), xMax, byX);
    if (first != points.begin())
        --first;
    if (last != points.end())
        ++last;
    const auto count = static_cast<std::size_t>(last - first);
    buckets = std::max(buckets, 1);
    if (count <= 2 * static_cast<std::size_t>(buckets)) {
        out = QList<QPointF>(first, last);
        return out;
    }

    out.reserve(2 * buckets + 2);
    const double width = (xMax - xMin) / buckets;
    auto it = first;
    while (it != last) {
        const double bucket = std::floor((it->x() - xMin) / width);
        auto lo = it;
        auto hi = it;
        for (++it; it != last && std::floor((it->x() - xMin) / width) == bucket; ++it) {
            if (it->y() < lo->y())
                lo = it;
            if (it->y() > hi->y())
                hi = it;
        }
        if (lo == hi) {
            out.append(*lo);
        } else {
            out.append(*std::min(lo, hi));
            out.append(*std::max(lo, hi));
        }
    }
    return out;
}

bool SeriesDecimator::yRange(const QList<QPointF>& points, double xMin, double xMax, double& yMin, double& yMax)
{
    bool any = false;
    for (const QPointF& p : points) {
        if (p.x() < xMin || p.x() > xMax)
            continue;
        yMin = any ? std::min(yMin, p.y()) : p.y();
        yMax = any ? std::max(yMax, p.y()) : p.y();
        any = true;
    }
    return any;
}

} // namespace ss
