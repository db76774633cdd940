#pragma once

#include "core/data/Timestamp.h"

#include <algorithm>
#include <cstddef>

namespace ss {

// A strategy's equity and what its figures need of its period returns,
// updated on every resolved call of the stream, so without a branch the
// processor could guess wrong: the sums of the returns and of their
// squares are taken about a shift, the first return (a series that never
// varies has a deviation of exactly 0, and returns a little apart keep
// their precision). The shift itself is kept by whoever knows it best: a
// stock's ledger can work it out again from its first call.
struct ReturnPath {
    double equity = 1;
    double peak = 1;  // the starting equity counts as a high
    double maxDrawdown = 0;
    double shiftedSum = 0;
    double shiftedSquares = 0;

    void add(double netReturn, double shift)
    {
        const double d = netReturn - shift;
        shiftedSum += d;
        shiftedSquares += d * d;
        equity *= 1 + netReturn;
        peak = std::max(peak, equity);
        maxDrawdown = std::max(maxDrawdown, 1 - equity / peak);
    }
};

// A return path with its shift: what a strategy's figures are worked out from.
struct ReturnSeries : ReturnPath {
    double shift = 0;  // the first period's return

    void add(double netReturn, bool first)
    {
        shift = first ? netReturn : shift;
        ReturnPath::add(netReturn, shift);
    }

    double mean(std::size_t periods) const
    {
        return periods ? shift + shiftedSum / static_cast<double>(periods) : 0;
    }
    // The sum of squared deviations from the mean.
    double squaredDeviations(std::size_t periods) const
    {
        return periods ? std::max(0.0, shiftedSquares - shiftedSum * shiftedSum / static_cast<double>(periods)) : 0;
    }
};

// One strategy's account over its periods (a stock's calls, or the
// portfolio's timestamps), with the calls behind them and the span they
// cover: what its figures are worked out from.
struct EquityAccount {
    ReturnSeries series;
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
        series.add(netReturn, periods++ == 0);
    }
};

} // namespace ss
