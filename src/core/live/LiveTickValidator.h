#pragma once

#include "core/data/Timestamp.h"

#include <cstddef>
#include <limits>
#include <vector>

namespace ss {

// Keeps a live stream in time order stock by stock. A tick that does not
// come strictly after its stock's previous one is refused, never reordered
// or kept twice: holding ticks back to sort them would delay every call,
// and a repeated tick (a producer that restarts from the beginning) would
// score a window twice.
class LiveTickValidator {
public:
    void addStock() { last_.push_back(kNone); }

    // True, and remembered as the stock's latest, when `time` is after the
    // stock's previous tick; otherwise false with the reason in `why`.
    bool accept(std::size_t stock, Timestamp time, const char*& why);

private:
    static constexpr Timestamp kNone = std::numeric_limits<Timestamp>::min();
    std::vector<Timestamp> last_;
};

} // namespace ss
