#pragma once

#include "Timestamp.h"

#include <string>
#include <vector>

namespace ss {

// One stock's closes in strictly increasing time order. Kept as two columns:
// a replay of the whole market touches only these 16 bytes a record.
struct StockSeries {
    std::string name;
    std::vector<Timestamp> times;
    std::vector<double> closes;

    std::size_t size() const { return closes.size(); }
};

} // namespace ss
