#pragma once

#include "StockLedger.h"
#include "TradeTable.h"

#include <cstdint>
#include <vector>

namespace ss {

// Every stock's ledger, and the calls resolved since it was brought up to
// date. A record only writes its call in the stock's next free slot, and
// the slots are rows across the stocks: the stocks of a timestamp come in
// their order, so do their writes. Once a stock's slots are full, every
// ledger is brought up to date in one sweep in stock order, each from its
// own calls in the order they were resolved: a ledger is visited once for
// several calls, and never out of the way.
class StockLedgers {
public:
    static constexpr std::size_t kSlots = 16;

    StockLedgers(std::size_t stocks, const TradeTable& trades);

    // A stock first seen mid-stream.
    void addStock();
    void add(std::size_t stock, std::uint8_t trade, double move)
    {
        const std::size_t slot = pending_[stock]++;
        trades_[slot * stride_ + stock] = trade;
        moves_[slot * stride_ + stock] = move;
        if (slot + 1 == kSlots)
            settle();
    }
    // Every stock's ledger with the calls still in the slots.
    std::vector<StockLedger> current() const;

private:
    void addPending(std::vector<StockLedger>& ledgers) const;
    void settle();

    TradeTable table_;
    std::size_t stride_;  // a row's stocks, the stocks and room for more
    std::vector<StockLedger> ledgers_;
    std::vector<std::uint8_t> pending_;  // each stock's calls in the slots
    std::vector<std::uint8_t> trades_;   // slot by slot, a row of stocks each
    std::vector<double> moves_;
};

} // namespace ss
