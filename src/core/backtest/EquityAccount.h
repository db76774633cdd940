#pragma once

#include "core/data/Timestamp.h"

#include <algorithm>
#include <cstddef>

namespace ss {

// One strategy's equity, period by period (a stock's call, or a timestamp
// of the portfolio), with what its figures need: running mean and sum of
// squared deviations (Welford's, stable over millions of periods), the
// highest equity so far and the deepest fall below it, and the span the
// periods cover. A few doubles, so a snapshot copies one per stock cheaply.
struct EquityAccount {
    double equity = 1;
    double peak = 1;  // the starting equity counts as a high
    double maxDrawdown = 0;
    double mean = 0;
    double squaredDeviations = 0;
    std::size_t periods = 0;
    std::size_t calls = 0;
    std::size_t exposedCalls = 0;  // with a position other than flat
    std::size_t trades = 0;        // changes of position
    Timestamp start = 0;           // the earliest call's time
    Timestamp end = 0;             // the latest resolution's time

    // A period's net return, from its earliest call at `from` to its resolution at `to`.
    void addPeriod(double netReturn, Timestamp from, Timestamp to)
    {
        start = periods == 0 ? from : std::min(start, from);
        end = periods == 0 ? to : std::max(end, to);
        ++periods;
        const double delta = netReturn - mean;
        mean += delta / static_cast<double>(periods);
        squaredDeviations += delta * (netReturn - mean);
        equity *= 1 + netReturn;
        peak = std::max(peak, equity);
        maxDrawdown = std::max(maxDrawdown, 1 - equity / peak);
    }

    void countCall(bool exposed, bool traded)
    {
        ++calls;
        exposedCalls += exposed;
        trades += traded;
    }
};

} // namespace ss
