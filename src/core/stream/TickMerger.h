#pragma once

#include "Tick.h"
#include "core/data/MarketData.h"

#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

namespace ss {

// Merges every stock's series into one stream ordered by time, ties broken
// by stock name in byte order (SPEC.md). Stocks waiting for the same
// timestamp share a bucket; since daily data moves most stocks to the same
// next day, a record usually costs an append to the bucket just used rather
// than a heap operation over thousands of stocks.
class TickMerger {
public:
    explicit TickMerger(const MarketData& data);

    bool next(Tick& tick)
    {
        if (pos_ == current_.size() && !advance())
            return false;
        const std::size_t s = current_[pos_++];
        const std::size_t i = cursor_[s]++;
        const StockSeries& series = data_.stock(s);
        tick = {s, series.times[i], series.closes[i]};
        if (i + 1 < series.size())
            schedule(s, series.times[i + 1]);
        ++emitted_;
        return true;
    }

    // Asks the caches for what next() will read for the record `ahead`
    // places on, and returns its stock (or nullopt past the current
    // timestamp): the stream visits thousands of stocks' arrays in turn,
    // and waiting for each one's memory costs more than the work on it.
    std::optional<std::size_t> prefetch(std::size_t ahead) const
    {
        if (pos_ + ahead >= current_.size())
            return std::nullopt;
        const std::size_t s = current_[pos_ + ahead];
        const StockSeries& series = data_.stock(s);
        const std::size_t i = cursor_[s];
        __builtin_prefetch(series.times.data() + i);
        __builtin_prefetch(series.closes.data() + i);
        return s;
    }

    // Time of the next record; false at the end.
    bool peekTime(Timestamp& time);
    void rewind();
    std::size_t emitted() const { return emitted_; }

private:
    void schedule(std::size_t stock, Timestamp time)
    {
        if (time != lastScheduled_ || !lastBucket_)
            lastBucket_ = &bucketFor(time);
        lastScheduled_ = time;
        lastBucket_->push_back(stock);
    }
    std::vector<std::size_t>& bucketFor(Timestamp time);
    bool advance();
    void sortBucket();

    const MarketData& data_;
    std::vector<std::size_t> cursor_;
    std::vector<std::size_t> current_;  // stocks at currentTime_, in name order
    std::size_t pos_ = 0;
    std::unordered_map<Timestamp, std::vector<std::size_t>> buckets_;
    std::priority_queue<Timestamp, std::vector<Timestamp>, std::greater<>> times_;
    std::vector<std::size_t>* lastBucket_ = nullptr;
    Timestamp lastScheduled_ = 0;
    std::size_t emitted_ = 0;
};

} // namespace ss
