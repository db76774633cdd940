#pragma once

#include <array>
#include <cstddef>

namespace ss {

// How a call becomes a position held from the call's close to the stock's next one.
enum class Strategy { LongFlat, LongShort, BuyAndHold };

inline constexpr std::size_t kStrategies = 3;
inline constexpr std::array<Strategy, kStrategies> kAllStrategies{Strategy::LongFlat, Strategy::LongShort,
                                                                  Strategy::BuyAndHold};

// The summary's and the CSV's name: long_flat, long_short, buy_and_hold.
const char* strategyName(Strategy strategy);

// The position taken on a call: 1 long, 0 flat, -1 short. Buy-and-hold
// ignores the call: it is what always calling up would trade.
constexpr int position(Strategy strategy, bool up)
{
    switch (strategy) {
    case Strategy::LongFlat:
        return up ? 1 : 0;
    case Strategy::LongShort:
        return up ? 1 : -1;
    case Strategy::BuyAndHold:
        break;
    }
    return 1;
}

// A call's net return: the position's share of the stock's move over the
// call, r = n / n1 - 1, less `cost` (a fraction) for each unit the position
// changed from the stock's previous one (0 before its first call).
constexpr double netReturn(int position, int previous, double move, double cost)
{
    const int change = position > previous ? position - previous : previous - position;
    return position * move - change * cost;
}

} // namespace ss
