#include "StreamTimeline.h"

#include <algorithm>

namespace ss {

namespace {

// Adds `extra` (sorted or not, with repeats) to the sorted, distinct `times`.
void mergeInto(std::vector<Timestamp>& times, std::vector<Timestamp>& extra)
{
    std::sort(extra.begin(), extra.end());
    extra.erase(std::unique(extra.begin(), extra.end()), extra.end());
    std::vector<Timestamp> merged;
    merged.reserve(times.size() + extra.size());
    std::set_union(times.begin(), times.end(), extra.begin(), extra.end(), std::back_inserter(merged));
    times = std::move(merged);
    extra.clear();
}

} // namespace

StreamTimeline::StreamTimeline(const MarketData& data)
{
    if (!countDays(data))
        searchTimes(data);
}

bool StreamTimeline::countDays(const MarketData& data)
{
    constexpr Timestamp kDay = timestamp::kSecondsPerDay;
    const Timestamp first = data.firstTime();
    const Timestamp span = data.lastTime() - first;
    // A table of days no longer than a few times the records costs less
    // than the search.
    const auto maxDays = std::max<Timestamp>(Timestamp{1} << 16, 4 * static_cast<Timestamp>(data.recordCount()));
    if (data.recordCount() == 0 || span % kDay != 0 || span / kDay >= maxDays)
        return false;
    std::vector<std::size_t> counts(static_cast<std::size_t>(span / kDay + 1), 0);
    for (const StockSeries& series : data.stocks())
        for (const Timestamp t : series.times) {
            const Timestamp after = t - first;
            if (after % kDay != 0)
                return false;
            ++counts[static_cast<std::size_t>(after / kDay)];
        }
    for (std::size_t day = 0; day < counts.size(); ++day)
        if (counts[day] > 0) {
            times_.push_back(first + static_cast<Timestamp>(day) * kDay);
            starts_.push_back(starts_.back() + counts[day]);
        }
    return true;
}

void StreamTimeline::searchTimes(const MarketData& data)
{
    // Most stocks trade on days some other stock traded already: check each
    // stock's times against those known, and merge the new ones in batches,
    // rather than sorting every record.
    constexpr std::size_t kBatch = 4096;
    std::vector<Timestamp> unseen;
    for (const StockSeries& series : data.stocks()) {
        std::size_t run = 0;
        for (const Timestamp t : series.times) {
            run = advanceRun(times_, run, t);
            if (run == times_.size() || times_[run] != t)
                unseen.push_back(t);
        }
        if (unseen.size() > times_.size() + kBatch)
            mergeInto(times_, unseen);
    }
    mergeInto(times_, unseen);

    std::vector<std::size_t> counts(times_.size(), 0);
    for (const StockSeries& series : data.stocks()) {
        std::size_t run = 0;
        for (const Timestamp t : series.times)
            ++counts[run = advanceRun(times_, run, t)];
    }
    starts_.resize(times_.size() + 1);
    starts_[0] = 0;
    for (std::size_t i = 0; i < times_.size(); ++i)
        starts_[i + 1] = starts_[i] + counts[i];
}

std::size_t StreamTimeline::recordsBefore(Timestamp time) const
{
    return starts_[static_cast<std::size_t>(std::lower_bound(times_.begin(), times_.end(), time) - times_.begin())];
}

std::size_t StreamTimeline::runAfter(std::size_t from, std::size_t records) const
{
    const auto it = std::lower_bound(starts_.begin() + static_cast<std::ptrdiff_t>(from) + 1, starts_.end(),
                                     starts_[from] + records);
    return std::min(static_cast<std::size_t>(it - starts_.begin()), times_.size());
}

} // namespace ss
