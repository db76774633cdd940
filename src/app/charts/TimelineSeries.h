#pragma once

#include "core/system/ThinnedSeries.h"

#include <QList>
#include <QPointF>

#include <array>
#include <cstddef>
#include <vector>

namespace ss {

// A few lines sampled live over a long replay in bounded memory, evenly
// spread over the whole replay (see ThinnedSeries).
class TimelineSeries {
public:
    static constexpr std::size_t kLines = 4;
    using Values = std::array<double, kLines>;

    explicit TimelineSeries(std::size_t capacity = 1024) : samples_(capacity) {}

    void add(double x, const Values& values) { samples_.add({x, values}); }
    void clear() { samples_.clear(); }
    std::size_t size() const { return samples_.items().size(); }
    std::size_t capacity() const { return samples_.capacity(); }
    QList<QPointF> line(std::size_t index) const;
    double lastX() const { return samples_.items().empty() ? 0 : samples_.items().back().x; }

private:
    struct Sample {
        double x;
        Values values;
    };
    ThinnedSeries<Sample> samples_;
};

} // namespace ss
