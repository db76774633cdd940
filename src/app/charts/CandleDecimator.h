#pragma once

#include "core/data/CandleReader.h"

#include <vector>

namespace ss {

// Merges days into wider candles when more of them are visible than a plot
// can draw apart: the visible time range is cut into equal buckets and each
// bucket's days become one candle (the first open, the highest high, the
// lowest low, the last close, the summed volume, at the first day's time),
// so no extreme is lost however far the chart is zoomed out.
class CandleDecimator {
public:
    // candles sorted by time; those within [from, to], at most `buckets`.
    static std::vector<Candle> decimate(const std::vector<Candle>& candles, Timestamp from, Timestamp to, int buckets);
};

} // namespace ss
