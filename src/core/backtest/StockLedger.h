#pragma once

#include "EquityAccount.h"
#include "Strategy.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace ss {

// One strategy's returns on a stock's calls, as ReturnSeries keeps them,
// with the drawdown kept as the highest equity so far and the lowest since
// it was reached: dividing by a fixed high is monotone, so the largest
// fall below that high is the lowest equity's, and a division is owed only
// when a new high closes the stretch below the old one, not on every call.
struct StrategyLedger {
    double equity = 1;
    double peak = 1;
    double trough = 1;       // the lowest equity since the peak
    double maxDrawdown = 0;  // of the stretches before the peak
    double shift = 0;        // the first call's net return
    double shiftedSum = 0;
    double shiftedSquares = 0;

    // A call's net return (the first call's is the shift). True at a new
    // high: closeStretch() then.
    bool add(double net)
    {
        const double d = net - shift;
        shiftedSum += d;
        shiftedSquares += d * d;
        equity *= 1 + net;
        trough = std::min(trough, equity);
        return equity > peak;
    }
    // At a new high the stretch below the old one is over.
    void closeStretch()
    {
        if (equity > peak) {
            maxDrawdown = std::max(maxDrawdown, 1 - trough / peak);
            peak = equity;
            trough = equity;
        }
    }

    // The returns as ReturnSeries::add() would have them.
    ReturnSeries series() const
    {
        ReturnSeries r;
        r.equity = equity;
        r.peak = peak;
        r.maxDrawdown = std::max(maxDrawdown, 1 - trough / peak);
        r.shiftedSum = shiftedSum;
        r.shiftedSquares = shiftedSquares;
        r.shift = shift;
        return r;
    }
};

// A stock's resolved calls added up: what its accounts are worked out from.
struct StockLedger {
    std::array<StrategyLedger, kStrategies> strategies;
    std::uint32_t calls = 0;
    std::uint32_t upCalls = 0;
    std::uint32_t turns = 0;  // calls the other way from the one before
    bool firstUp = false;
};

} // namespace ss
