#include "CandleDecimator.h"

#include <algorithm>

namespace ss {

std::vector<Candle> CandleDecimator::decimate(const std::vector<Candle>& candles, Timestamp from, Timestamp to,
                                              int buckets)
{
    const auto byTime = [](const Candle& c, Timestamp t) { return c.time < t; };
    const auto first = std::lower_bound(candles.begin(), candles.end(), from, byTime);
    const auto last = std::upper_bound(first, candles.end(), to,
                                       [](Timestamp t, const Candle& c) { return t < c.time; });
    if (buckets < 1 || to < from)
        return {};
    if (last - first <= buckets)
        return {first, last};
    std::vector<Candle> merged;
    merged.reserve(static_cast<std::size_t>(buckets));
    const double width = static_cast<double>(to - from + 1) / buckets;
    long bucket = -1;
    for (auto it = first; it != last; ++it) {
        const auto b = static_cast<long>(static_cast<double>(it->time - from) / width);
        if (b != bucket) {
            bucket = b;
            merged.push_back(*it);
            continue;
        }
        Candle& m = merged.back();
        m.high = std::max(m.high, it->high);
        m.low = std::min(m.low, it->low);
        m.close = it->close;
        m.volume += it->volume;
    }
    return merged;
}

} // namespace ss
