#include "TickMerger.h"

#include <algorithm>

#include <sys/resource.h>
#include <unistd.h>

namespace ss {

namespace {
// Each stock's first records of a stretch are a miss: ask for them a few
// stocks early, so that they arrive while the stocks before are copied.
constexpr std::size_t kPrefetchStocks = 4;
constexpr int kNiceness = 19;
} // namespace

TickMerger::TickMerger(const MarketData& data, std::size_t stretchRecords)
    : data_(data), timeline_(data), stretchRecords_(std::max<std::size_t>(stretchRecords, 1))
{
    thread_ = std::jthread([this](std::stop_token stop) { layOutAhead(stop); });
    rewind();
}

TickMerger::~TickMerger()
{
    thread_.request_stop();
    thread_.join();
}

void TickMerger::layOutAhead(std::stop_token stop)
{
    // Last in line for a core: where one is free (the command line) this
    // thread takes it; where the window's thread wants it, the window comes
    // first and the replay waits for its next stretch instead.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kNiceness);
    std::unique_lock lock(mutex_);
    while (changed_.wait(lock, stop, [this] { return wanted_; })) {
        lock.unlock();
        const bool more = layOut();
        lock.lock();
        more_ = more;
        wanted_ = false;
        changed_.notify_all();
    }
}

bool TickMerger::takeAhead()
{
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !wanted_; });
    if (!more_)
        return false;
    std::swap(current_, ahead_);
    wanted_ = true;
    changed_.notify_all();
    return true;
}

void TickMerger::rewind()
{
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !wanted_; });
    cursor_.assign(data_.stockCount(), 0);
    nextTime_.resize(data_.stockCount());
    for (std::size_t s = 0; s < data_.stockCount(); ++s)
        nextTime_[s] = data_.stock(s).times.front();
    nextRun_ = 0;
    run_ = 0;
    emitted_ = 0;
    current_.begin = current_.end = 0;
    wanted_ = true;
    changed_.notify_all();
}

bool TickMerger::layOut()
{
    if (nextRun_ == timeline_.size())
        return false;
    const std::size_t from = nextRun_;
    const std::size_t to = timeline_.runAfter(from, stretchRecords_);
    nextRun_ = to;
    const bool last = to == timeline_.size();
    const Timestamp end = last ? 0 : timeline_.time(to);
    ahead_.begin = timeline_.start(from);
    ahead_.end = timeline_.start(to);
    ahead_.stocks.resize(ahead_.end - ahead_.begin);
    ahead_.closes.resize(ahead_.end - ahead_.begin);
    fill_.resize(to - from);
    for (std::size_t r = from; r < to; ++r)
        fill_[r - from] = timeline_.start(r) - ahead_.begin;

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
            ahead_.stocks[k] = static_cast<std::uint32_t>(s);
            ahead_.closes[k] = series.closes[c];
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
