#pragma once

#include "Tick.h"
#include "core/data/MarketData.h"
#include "core/data/StreamTimeline.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace ss {

// Every stock's series as one stream ordered by time, ties broken by stock
// name in byte order (SPEC.md). The stream is laid out a stretch of time at
// a time into two small columns (stock, close), stock by stock, each
// stock's closes read in one go; a replay then reads the columns in order.
// Visiting thousands of stocks' separate arrays record by record instead
// makes every record wait on memory where caches are small.
class TickMerger {
public:
    // Records laid out at once: several a stock for daily data, so each
    // stock's series is visited once a stretch, in columns that stay in cache.
    static constexpr std::size_t kStretchRecords = std::size_t(1) << 17;

    explicit TickMerger(const MarketData& data, std::size_t stretchRecords = kStretchRecords);

    bool next(Tick& tick)
    {
        if (emitted_ == stretchEnd_ && !layOut())
            return false;
        if (emitted_ == timeline_.start(run_ + 1))
            ++run_;
        const std::size_t k = emitted_++ - stretchBegin_;
        tick = {stocks_[k], timeline_.time(run_), closes_[k]};
        return true;
    }

    // The stock of the record `ahead` places on, while it is laid out
    // already: the caller asks the caches for that stock's state early.
    std::optional<std::size_t> upcoming(std::size_t ahead) const
    {
        if (emitted_ + ahead >= stretchEnd_)
            return std::nullopt;
        return stocks_[emitted_ + ahead - stretchBegin_];
    }

    // Time of the next record; false at the end.
    bool peekTime(Timestamp& time) const;
    void rewind();
    std::size_t emitted() const { return emitted_; }
    const StreamTimeline& timeline() const { return timeline_; }

private:
    // Lays out the stretch after the current one; false at the end.
    bool layOut();

    const MarketData& data_;
    const StreamTimeline timeline_;
    const std::size_t stretchRecords_;
    std::vector<std::size_t> cursor_;     // each stock's next record
    std::vector<Timestamp> nextTime_;     // its time, read without touching the series
    std::vector<std::uint32_t> stocks_;   // the stretch's records
    std::vector<double> closes_;
    std::vector<std::size_t> fill_;       // per run of the stretch being laid out
    std::size_t run_ = 0;                 // of the last record emitted
    std::size_t stretchBegin_ = 0;
    std::size_t stretchEnd_ = 0;
    std::size_t emitted_ = 0;
};

} // namespace ss
