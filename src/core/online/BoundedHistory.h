#pragma once

#include <cstddef>
#include <vector>

namespace ss {

// A series of points taken once a batch that never grows past `capacity`:
// when full it keeps every other point and from then on takes every other
// batch, so a chart of the whole run stays evenly spaced and cheap to copy
// however many batches the stream has.
template <typename Point>
class BoundedHistory {
public:
    explicit BoundedHistory(std::size_t capacity = 2048) : capacity_(capacity - capacity % 2) {}

    // Calls make() only for the batches it keeps.
    template <typename Make>
    void offer(Make&& make)
    {
        if (offered_++ % stride_ != 0)
            return;
        points_.push_back(make());
        if (points_.size() < capacity_)
            return;
        // From 1: moving the first point onto itself would empty its vectors.
        for (std::size_t i = 1; i < points_.size() / 2; ++i)
            points_[i] = std::move(points_[2 * i]);
        points_.resize(points_.size() / 2);
        stride_ *= 2;
    }

    const std::vector<Point>& points() const { return points_; }
    void clear() { *this = BoundedHistory(capacity_); }

private:
    std::size_t capacity_;
    std::size_t stride_ = 1;
    std::size_t offered_ = 0;
    std::vector<Point> points_;
};

} // namespace ss
