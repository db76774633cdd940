#pragma once

#include "core/data/Timestamp.h"

#include <cstddef>

namespace ss {

// One record of the stream: a stock (its index in MarketData) closing at a time.
struct Tick {
    std::size_t stock;
    Timestamp time;
    double close;
};

} // namespace ss
