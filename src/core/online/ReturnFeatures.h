#pragma once

#include "core/stream/Windower.h"

#include <algorithm>
#include <array>

namespace ss::returns {

// A close more than doubling (or the data error that looks like one) counts
// as a doubling: real moves that size are rare, and one unbounded return
// would throw every centre and every SGD step off at once.
constexpr double kMaxMove = 1.0;

inline double relative(double close, double previous)
{
    return std::min(close / previous - 1.0, kMaxMove);
}

// A stock's feature vector for clustering and regression: its last `count`
// relative returns c_t / c_(t-1) - 1, oldest first, each capped at kMaxMove.
// False while the stock has fewer than count + 1 closes.
inline bool recent(const Windower& windower, std::size_t stock, int count, double* out)
{
    std::array<double, Windower::kCapacity> closes;
    if (!windower.window(stock, count + 1, closes.data()))
        return false;
    for (int i = 0; i < count; ++i)
        out[i] = relative(closes[static_cast<std::size_t>(i) + 1], closes[static_cast<std::size_t>(i)]);
    return true;
}

} // namespace ss::returns
