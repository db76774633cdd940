#pragma once

#include <QPointF>

#include <vector>

namespace ss {

// A moving average of a line's values over `period` points, drawn over the
// price: simple (the mean of the last `period`) or exponential (each point
// weighs 2 / (period + 1), the first value seeded with the simple mean).
// The average starts at the period's last point: before it, it has no value.
class MovingAverage {
public:
    enum class Kind { Simple, Exponential };

    MovingAverage(Kind kind, int period) : kind_(kind), period_(std::max(period, 1)) {}

    Kind kind() const { return kind_; }
    int period() const { return period_; }
    std::vector<QPointF> of(const std::vector<QPointF>& points) const;

private:
    Kind kind_;
    int period_;
};

} // namespace ss
