#include "TradeTable.h"

#include <cstdlib>

namespace ss {

TradeTable::TradeTable(double cost)
{
    for (std::size_t trade = 0; trade < kTrades; ++trade) {
        const std::size_t before = trade / 2;
        const bool callUp = up(static_cast<std::uint8_t>(trade));
        for (std::size_t s = 0; s < kStrategies; ++s) {
            const Strategy strategy = kAllStrategies[s];
            const int previous = before == 0 ? 0 : position(strategy, before == 2);
            positions_[s][trade] = position(strategy, callUp);
            costs_[s][trade] = std::abs(position(strategy, callUp) - previous) * cost;
        }
    }
}

} // namespace ss
