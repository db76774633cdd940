#include "TickMerger.h"

#include <algorithm>

namespace ss {

TickMerger::TickMerger(const MarketData& data) : data_(data)
{
    rewind();
}

void TickMerger::rewind()
{
    buckets_.clear();
    times_ = {};
    current_.clear();
    pos_ = 0;
    lastBucket_ = nullptr;
    emitted_ = 0;
    cursor_.assign(data_.stockCount(), 0);
    for (std::size_t s = 0; s < data_.stockCount(); ++s)
        schedule(s, data_.stock(s).times.front());
}

std::vector<std::size_t>& TickMerger::bucketFor(Timestamp time)
{
    auto [it, inserted] = buckets_.try_emplace(time);
    if (inserted)
        times_.push(time);
    return it->second;
}

bool TickMerger::advance()
{
    if (times_.empty())
        return false;
    const Timestamp time = times_.top();
    times_.pop();
    auto node = buckets_.extract(time);
    if (lastBucket_ == &node.mapped())
        lastBucket_ = nullptr;
    current_ = std::move(node.mapped());
    pos_ = 0;
    sortBucket();
    return true;
}

// A bucket is a few sorted runs: stocks arrive in name order from each
// earlier timestamp they were scheduled at. Merging the runs is linear where
// a full sort of thousands of stocks per timestamp dominated the replay.
void TickMerger::sortBucket()
{
    constexpr int kMaxRunsToMerge = 16;
    auto runEnd = std::is_sorted_until(current_.begin(), current_.end());
    for (int runs = 1; runEnd != current_.end(); ++runs) {
        if (runs == kMaxRunsToMerge) {
            std::sort(current_.begin(), current_.end());
            return;
        }
        const auto next = std::is_sorted_until(runEnd, current_.end());
        std::inplace_merge(current_.begin(), runEnd, next);
        runEnd = next;
    }
}

bool TickMerger::peekTime(Timestamp& time)
{
    if (pos_ < current_.size()) {
        time = data_.stock(current_[pos_]).times[cursor_[current_[pos_]]];
        return true;
    }
    if (times_.empty())
        return false;
    time = times_.top();
    return true;
}

} // namespace ss
