#include "MovingAverage.h"

namespace ss {

std::vector<QPointF> MovingAverage::of(const std::vector<QPointF>& points) const
{
    std::vector<QPointF> average;
    const auto period = static_cast<std::size_t>(period_);
    if (points.size() < period)
        return average;
    average.reserve(points.size() - period + 1);
    double sum = 0;
    for (std::size_t i = 0; i < period; ++i)
        sum += points[i].y();
    double value = sum / period_;
    average.emplace_back(points[period - 1].x(), value);
    const double alpha = 2.0 / (period_ + 1);
    for (std::size_t i = period; i < points.size(); ++i) {
        if (kind_ == Kind::Simple) {
            // A running sum drifts over 10^4 points by ~1e-12 of the price: unseen.
            sum += points[i].y() - points[i - period].y();
            value = sum / period_;
        } else {
            value += alpha * (points[i].y() - value);
        }
        average.emplace_back(points[i].x(), value);
    }
    return average;
}

} // namespace ss
