#include "PriceScale.h"

#include <QLocale>

#include <cmath>

namespace ss {

namespace {
// Under the lowest price any stock of the dataset reached (0.0037).
constexpr double kLowestPrice = 1e-4;
} // namespace

double PriceScale::value(double price) const
{
    switch (mode_) {
    case Mode::Linear:
        return price;
    case Mode::Log:
        return std::log10(std::max(price, kLowestPrice));
    case Mode::Percent:
        return (price / base_ - 1) * 100;
    }
    Q_UNREACHABLE();
}

double PriceScale::price(double value) const
{
    switch (mode_) {
    case Mode::Linear:
        return value;
    case Mode::Log:
        return std::pow(10.0, value);
    case Mode::Percent:
        return base_ * (1 + value / 100);
    }
    Q_UNREACHABLE();
}

std::vector<AxisTicks::Tick> PriceScale::ticks(double lo, double hi, int count) const
{
    switch (mode_) {
    case Mode::Linear:
        return AxisTicks::numbers(lo, hi, count);
    case Mode::Percent: {
        std::vector<AxisTicks::Tick> ticks = AxisTicks::numbers(lo, hi, count, QStringLiteral("%"));
        for (AxisTicks::Tick& t : ticks)
            if (t.value > 0)
                t.label.prepend(QLatin1Char('+'));
        return ticks;
    }
    case Mode::Log:
        break;
    }
    // Within a decade or so, round prices as a linear axis would have them;
    // over more, 1, 2 and 5 of each decade, then decades alone.
    const double priceLo = price(lo);
    const double priceHi = price(hi);
    std::vector<AxisTicks::Tick> ticks;
    if (hi - lo < 1.2) {
        for (AxisTicks::Tick t : AxisTicks::numbers(priceLo, priceHi, count))
            if (t.value > 0)
                ticks.push_back({value(t.value), t.label});
        return ticks;
    }
    const std::vector<double> mantissas = (hi - lo) * 3 <= count ? std::vector<double>{1, 2, 5} : std::vector<double>{1};
    const double decadeStep = std::max(1.0, std::ceil((hi - lo) / std::max(count, 1)));
    for (double decade = std::floor(lo); decade <= std::ceil(hi); decade += decadeStep)
        for (const double m : mantissas) {
            const double v = decade + std::log10(m);
            if (v < lo || v > hi)
                continue;
            const double p = std::pow(10.0, decade) * m;
            ticks.push_back({v, QLocale().toString(p, 'f', std::max(0, static_cast<int>(-decade)))});
        }
    return ticks;
}

} // namespace ss
