#pragma once

#include "MarketData.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace ss {

// The stream's distinct timestamps in order, with where each one's records
// start in the stream (SPEC.md's order: time, then stock name). Made once
// from loaded data, so that a time and a position in the stream convert by
// a binary search, and the stream can be laid out a stretch of time at a
// time without merging thousands of stocks record by record.
class StreamTimeline {
public:
    StreamTimeline() = default;
    explicit StreamTimeline(const MarketData& data);

    // Distinct timestamps.
    std::size_t size() const { return times_.size(); }
    Timestamp time(std::size_t run) const { return times_[run]; }
    const std::vector<Timestamp>& times() const { return times_; }
    // Records before the run-th timestamp; start(size()) is every record.
    std::size_t start(std::size_t run) const { return starts_[run]; }
    std::size_t records() const { return starts_.back(); }
    // Records strictly before `time`.
    std::size_t recordsBefore(Timestamp time) const;
    // The first run holding at least `records` records from run `from` on
    // (or size()), so that [from, result) is a stretch of about that many.
    std::size_t runAfter(std::size_t from, std::size_t records) const;

private:
    // Daily data (every time a whole day after the first): one pass counting
    // each day's records. False, leaving nothing set, for any other data.
    bool countDays(const MarketData& data);
    // Any data: each stock's times checked against those known so far.
    void searchTimes(const MarketData& data);

    std::vector<Timestamp> times_;
    std::vector<std::size_t> starts_{0};
};

// Moves `run` forward to the first of `times` at or after `time`: a step or
// two in the common case (a stock's next close is the market's next day),
// a binary search over a gap.
inline std::size_t advanceRun(const std::vector<Timestamp>& times, std::size_t run, Timestamp time)
{
    constexpr std::size_t kLinearSteps = 8;
    for (std::size_t i = 0; i < kLinearSteps; ++i, ++run)
        if (run == times.size() || times[run] >= time)
            return run;
    return static_cast<std::size_t>(std::lower_bound(times.begin() + static_cast<std::ptrdiff_t>(run), times.end(), time) -
                                    times.begin());
}

} // namespace ss
