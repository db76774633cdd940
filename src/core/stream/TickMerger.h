#pragma once

#include "Tick.h"
#include "core/data/MarketData.h"
#include "core/data/StreamTimeline.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

namespace ss {

// Every stock's series as one stream ordered by time, ties broken by stock
// name in byte order (SPEC.md). The stream is laid out a stretch of time at
// a time into two small columns (stock, close), stock by stock, each
// stock's closes read in one go; a replay then reads the columns in order.
// Visiting thousands of stocks' separate arrays record by record instead
// makes every record wait on memory where caches are small.
//
// A thread of its own lays out the next stretch while the current one is
// read: laying out is a tenth of a full replay's work, and the replay's
// thread is the only other one busy.
class TickMerger {
public:
    // Records laid out at once: several a stock for daily data, so each
    // stock's series is visited once a stretch, in columns that stay in cache.
    static constexpr std::size_t kStretchRecords = std::size_t(1) << 17;

    explicit TickMerger(const MarketData& data, std::size_t stretchRecords = kStretchRecords);
    ~TickMerger();
    TickMerger(const TickMerger&) = delete;
    TickMerger& operator=(const TickMerger&) = delete;

    bool next(Tick& tick)
    {
        if (emitted_ == current_.end && !takeAhead())
            return false;
        if (emitted_ == timeline_.start(run_ + 1))
            ++run_;
        const std::size_t k = emitted_++ - current_.begin;
        tick = {current_.stocks[k], timeline_.time(run_), current_.closes[k]};
        return true;
    }

    // The stock of the record `ahead` places on, while it is laid out
    // already: the caller asks the caches for that stock's state early.
    std::optional<std::size_t> upcoming(std::size_t ahead) const
    {
        if (emitted_ + ahead >= current_.end)
            return std::nullopt;
        return current_.stocks[emitted_ + ahead - current_.begin];
    }

    // Time of the next record; false at the end.
    bool peekTime(Timestamp& time) const;
    void rewind();
    std::size_t emitted() const { return emitted_; }
    const StreamTimeline& timeline() const { return timeline_; }

private:
    // Records [begin, end) of the stream, laid out.
    struct Stretch {
        std::size_t begin = 0;
        std::size_t end = 0;
        std::vector<std::uint32_t> stocks;
        std::vector<double> closes;
    };

    // The laying out thread's loop.
    void layOutAhead(std::stop_token stop);
    // Lays out the stretch after the last one laid out into ahead_; false
    // at the end.
    bool layOut();
    // The stretch laid out ahead becomes the current one, and the next is
    // asked for; false at the end.
    bool takeAhead();

    const MarketData& data_;
    const StreamTimeline timeline_;
    const std::size_t stretchRecords_;

    // The reader's: the stretch it reads.
    Stretch current_;
    std::size_t run_ = 0;  // of the last record emitted
    std::size_t emitted_ = 0;

    // The laying out thread's while a stretch is wanted, the reader's while not.
    Stretch ahead_;
    std::vector<std::size_t> cursor_;  // each stock's next record
    std::vector<Timestamp> nextTime_;  // its time, read without touching the series
    std::vector<std::size_t> fill_;    // per run of the stretch being laid out
    std::size_t nextRun_ = 0;          // where the next stretch starts

    std::mutex mutex_;
    std::condition_variable_any changed_;
    bool wanted_ = false;  // the thread is to lay out the next stretch
    bool more_ = false;    // what it laid out last was a stretch, not the end
    std::jthread thread_;  // last: started once the rest is built
};

} // namespace ss
