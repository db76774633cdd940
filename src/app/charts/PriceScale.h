#pragma once

#include "AxisTicks.h"

#include <vector>

namespace ss {

// How the price chart's vertical axis reads: dollars, dollars on a log
// scale (equal moves in percent look equal over decades), or percent from
// a base price (stocks of any price side by side).
class PriceScale {
public:
    enum class Mode { Linear, Log, Percent };

    explicit PriceScale(Mode mode = Mode::Linear, double base = 1) : mode_(mode), base_(base > 0 ? base : 1) {}

    Mode mode() const { return mode_; }
    double base() const { return base_; }
    // Where `price` goes on the axis; log needs a positive price, and gets
    // the lowest the data can hold for any other.
    double value(double price) const;
    // The price at an axis value: value()'s inverse.
    double price(double value) const;
    // Ticks on round prices (or round percents) for the axis range [lo, hi].
    std::vector<AxisTicks::Tick> ticks(double lo, double hi, int count) const;

private:
    Mode mode_;
    double base_;
};

} // namespace ss
