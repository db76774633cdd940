#pragma once

#include <cstddef>
#include <vector>

namespace ss {

// The share of right calls among the last `span` resolved ones: how a
// scorer does lately, where a tally since the start would hide a change.
class RollingAccuracy {
public:
    explicit RollingAccuracy(std::size_t span = 1000) : ring_(span, 0) {}

    void add(bool correct)
    {
        if (filled_ == ring_.size())
            right_ -= ring_[next_];
        else
            ++filled_;
        ring_[next_] = correct;
        right_ += correct;
        next_ = next_ + 1 == ring_.size() ? 0 : next_ + 1;
    }

    double accuracy() const { return filled_ ? static_cast<double>(right_) / static_cast<double>(filled_) : 0.0; }
    std::size_t span() const { return ring_.size(); }
    void clear() { *this = RollingAccuracy(ring_.size()); }

private:
    std::vector<char> ring_;  // 0 or 1
    std::size_t next_ = 0;
    std::size_t filled_ = 0;
    std::size_t right_ = 0;
};

} // namespace ss
