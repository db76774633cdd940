#pragma once

#include "Strategy.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace ss {

// What a call trades under each strategy: the position it takes and the
// cost of getting there (a fraction of the position changed), worked out
// once for each of the six trades a call can be: up or down, as the
// stock's first call or after one down or up. A trade is a small number,
// so that a resolved call is kept as its move and one byte.
class TradeTable {
public:
    // The stock's resolved call before this one.
    enum class Before : std::uint8_t { None, Down, Up };
    static constexpr std::size_t kTrades = 6;

    // At `cost`, a fraction a unit of position changed.
    explicit TradeTable(double cost);

    static std::uint8_t trade(Before before, bool up)
    {
        return static_cast<std::uint8_t>(2 * static_cast<int>(before) + up);
    }
    static bool up(std::uint8_t trade) { return trade % 2 != 0; }
    // The call goes the other way from the stock's call before.
    static bool turned(std::uint8_t trade) { return trade == 3 || trade == 4; }

    // netReturn() of the strategy's position over `move`: the same
    // product less the same cost, so the same double.
    double net(std::uint8_t trade, std::size_t strategy, double move) const
    {
        return positions_[strategy][trade] * move - costs_[strategy][trade];
    }

private:
    std::array<std::array<double, kTrades>, kStrategies> positions_{};
    std::array<std::array<double, kTrades>, kStrategies> costs_{};
};

} // namespace ss
