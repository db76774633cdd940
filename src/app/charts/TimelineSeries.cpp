#include "TimelineSeries.h"

namespace ss {

QList<QPointF> TimelineSeries::line(std::size_t index) const
{
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(size()));
    for (const Sample& s : samples_.items())
        points.append({s.x, s.values[index]});
    return points;
}

} // namespace ss
