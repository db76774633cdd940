#pragma once

#include <array>
#include <cstddef>
#include <cstdlib>

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

// A call's net return under a strategy (README, "The backtest"): its
// position times the move over the call, less the cost (a fraction of the
// position changed) of getting there from the stock's position before.
inline double netReturn(Strategy strategy, bool up, int previousPosition, double move, double cost)
{
    const int p = position(strategy, up);
    return p * move - std::abs(p - previousPosition) * cost;
}

} // namespace ss
