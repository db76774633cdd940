#pragma once

#include "core/data/Timestamp.h"

#include <algorithm>
#include <cstdint>

namespace ss {

// Running counts of resolved calls, with what the three naive baselines of
// SPEC.md would have scored on exactly the same calls.
struct Tally {
    std::uint64_t windows = 0;          // calls made
    std::uint64_t resolved = 0;         // calls whose next close arrived
    std::uint64_t correct = 0;
    std::uint64_t predictedUp = 0;      // resolved calls that said up
    std::uint64_t actualUp = 0;         // resolved calls whose next close was higher
    std::uint64_t lastMoveCorrect = 0;  // "same as last move" right

    static double ratio(std::uint64_t n, std::uint64_t d) { return d ? static_cast<double>(n) / static_cast<double>(d) : 0.0; }
    double accuracy() const { return ratio(correct, resolved); }
    double alwaysUpAccuracy() const { return ratio(actualUp, resolved); }
    double alwaysDownAccuracy() const { return ratio(resolved - actualUp, resolved); }
    double lastMoveAccuracy() const { return ratio(lastMoveCorrect, resolved); }
    double bestBaselineAccuracy() const
    {
        return std::max({alwaysUpAccuracy(), alwaysDownAccuracy(), lastMoveAccuracy()});
    }

    Tally& operator+=(const Tally& o)
    {
        windows += o.windows;
        resolved += o.resolved;
        correct += o.correct;
        predictedUp += o.predictedUp;
        actualUp += o.actualUp;
        lastMoveCorrect += o.lastMoveCorrect;
        return *this;
    }
};

// The tallies as they stood once every record of `time` was taken.
struct DatedTally {
    Timestamp time = 0;
    Tally tally;
};

} // namespace ss
