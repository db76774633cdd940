#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace ss {

// Samples of a stream of any length kept in bounded memory: once full,
// every other sample is dropped and only every other later one is taken,
// so the samples kept stay evenly spread from the stream's start to now.
template <class T>
class ThinnedSeries {
public:
    explicit ThinnedSeries(std::size_t capacity = 1024) : capacity_(std::max<std::size_t>(capacity, 2))
    {
        items_.reserve(capacity_);
    }

    void add(const T& item)
    {
        if (++skipped_ < stride_)
            return;
        skipped_ = 0;
        if (items_.size() == capacity_) {
            std::size_t kept = 0;
            for (std::size_t i = 0; i < items_.size(); i += 2)
                items_[kept++] = items_[i];
            items_.resize(kept);
            stride_ *= 2;
        }
        items_.push_back(item);
    }

    void clear()
    {
        items_.clear();
        stride_ = 1;
        skipped_ = 0;
    }

    const std::vector<T>& items() const { return items_; }
    std::size_t capacity() const { return capacity_; }

private:
    std::size_t capacity_;
    std::size_t stride_ = 1;  // keep one sample in `stride_`
    std::size_t skipped_ = 0;
    std::vector<T> items_;
};

} // namespace ss
