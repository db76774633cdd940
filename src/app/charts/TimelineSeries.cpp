#include "TimelineSeries.h"

#include <algorithm>

namespace ss {

TimelineSeries::TimelineSeries(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 2))
{
    xs_.reserve(capacity_);
    values_.reserve(capacity_);
}

void TimelineSeries::add(double x, const Values& values)
{
    if (++skipped_ < stride_)
        return;
    skipped_ = 0;
    if (xs_.size() == capacity_) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < xs_.size(); i += 2, ++kept) {
            xs_[kept] = xs_[i];
            values_[kept] = values_[i];
        }
        xs_.resize(kept);
        values_.resize(kept);
        stride_ *= 2;
    }
    xs_.push_back(x);
    values_.push_back(values);
}

void TimelineSeries::clear()
{
    xs_.clear();
    values_.clear();
    stride_ = 1;
    skipped_ = 0;
}

QList<QPointF> TimelineSeries::line(std::size_t index) const
{
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(xs_.size()));
    for (std::size_t i = 0; i < xs_.size(); ++i)
        points.append({xs_[i], values_[i][index]});
    return points;
}

} // namespace ss
