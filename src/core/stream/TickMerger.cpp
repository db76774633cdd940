#include "TickMerger.h"

#include <algorithm>

namespace ss {

namespace {
// Each stock's first records of a stretch are a miss: ask for them a few
// stocks early, so that they arrive while the stocks before are copied.
constexpr std::size_t kPrefetchStocks = 4;
} // namespace

TickMerger::TickMerger(const MarketData& data, std::size_t stretchRecords)
    : data_(data), timeline_(data), stretchRecords_(std::max<std::size_t>(stretchRecords, 1))
{
    rewind();
}

void TickMerger::rewind()
{
    cursor_.assign(data_.stockCount(), 0);
    nextTime_.resize(data_.stockCount());
    for (std::size_t s = 0; s < data_.stockCount(); ++s)
        nextTime_[s] = data_.stock(s).times.front();
    run_ = 0;
    stretchBegin_ = stretchEnd_ = emitted_ = 0;
}

bool TickMerger::layOut()
{
    if (stretchEnd_ == timeline_.records())
        return false;
    // emitted_ is at a run's start: the previous stretch ended on one.
    const std::size_t from = emitted_ == 0 ? 0 : run_ + 1;
    const std::size_t to = timeline_.runAfter(from, stretchRecords_);
    const bool last = to == timeline_.size();
    const Timestamp end = last ? 0 : timeline_.time(to);
    stretchBegin_ = timeline_.start(from);
    stretchEnd_ = timeline_.start(to);
    stocks_.resize(stretchEnd_ - stretchBegin_);
    closes_.resize(stretchEnd_ - stretchBegin_);
    fill_.resize(to - from);
    for (std::size_t r = from; r < to; ++r)
        fill_[r - from] = timeline_.start(r) - stretchBegin_;

    // Stocks in name order, each one's records in time order: within each
    // run the stocks land in name order, as the stream wants them.
    const std::vector<Timestamp>& times = timeline_.times();
    for (std::size_t s = 0; s < data_.stockCount(); ++s) {
        if (s + kPrefetchStocks < data_.stockCount()) {
            const StockSeries& ahead = data_.stock(s + kPrefetchStocks);
            const std::size_t c = cursor_[s + kPrefetchStocks];
            if (c < ahead.size()) {
                __builtin_prefetch(ahead.times.data() + c);
                __builtin_prefetch(ahead.closes.data() + c);
            }
        }
        const StockSeries& series = data_.stock(s);
        std::size_t c = cursor_[s];
        if (c == series.size() || (!last && nextTime_[s] >= end))
            continue;
        std::size_t run = from;
        for (; c < series.size() && (last || series.times[c] < end); ++c) {
            run = advanceRun(times, run, series.times[c]);
            const std::size_t k = fill_[run - from]++;
            stocks_[k] = static_cast<std::uint32_t>(s);
            closes_[k] = series.closes[c];
        }
        cursor_[s] = c;
        if (c < series.size())
            nextTime_[s] = series.times[c];
    }
    return true;
}

bool TickMerger::peekTime(Timestamp& time) const
{
    if (emitted_ == timeline_.records())
        return false;
    time = timeline_.time(emitted_ == timeline_.start(run_ + 1) ? run_ + 1 : run_);
    return true;
}

} // namespace ss
