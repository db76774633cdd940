#include "ReplaySpeed.h"

#include <algorithm>
#include <array>

namespace ss {

namespace {
// Timestamps (trading days of daily data) per second; the last notch is "max".
constexpr std::array kDaysPerSecond{1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 1000.0};
constexpr int kMaxNotch = static_cast<int>(kDaysPerSecond.size());

int clamp(int notch)
{
    return std::clamp(notch, 0, kMaxNotch);
}
} // namespace

int ReplaySpeed::notchCount()
{
    return kMaxNotch + 1;
}

int ReplaySpeed::defaultNotch()
{
    return 5;
}

Pace ReplaySpeed::pace(int notch)
{
    notch = clamp(notch);
    if (notch == kMaxNotch)
        return {Pace::Unit::Records, 0};
    return {Pace::Unit::Timestamps, kDaysPerSecond[static_cast<std::size_t>(notch)]};
}

QString ReplaySpeed::label(int notch)
{
    const Pace p = pace(notch);
    return p.unlimited() ? QStringLiteral("max") : QStringLiteral("%1 days/s").arg(p.rate);
}

} // namespace ss
