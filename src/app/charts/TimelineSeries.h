#pragma once

#include <QList>
#include <QPointF>

#include <array>
#include <cstddef>
#include <vector>

namespace ss {

// A few lines sampled live over a long replay in bounded memory: once full,
// every other point is dropped and only every other later sample is kept,
// so the points stay evenly spread over the whole replay.
class TimelineSeries {
public:
    static constexpr std::size_t kLines = 4;
    using Values = std::array<double, kLines>;

    explicit TimelineSeries(std::size_t capacity = 1024);

    void add(double x, const Values& values);
    void clear();
    std::size_t size() const { return xs_.size(); }
    std::size_t capacity() const { return capacity_; }
    QList<QPointF> line(std::size_t index) const;
    double lastX() const { return xs_.empty() ? 0 : xs_.back(); }

private:
    std::size_t capacity_;
    std::size_t stride_ = 1;   // keep one sample in `stride_`
    std::size_t skipped_ = 0;
    std::vector<double> xs_;
    std::vector<Values> values_;
};

} // namespace ss
