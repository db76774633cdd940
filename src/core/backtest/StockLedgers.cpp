#include "StockLedgers.h"

#include <algorithm>

namespace ss {

StockLedgers::StockLedgers(std::size_t stocks, const TradeTable& trades)
    : table_(trades), stride_(stocks), ledgers_(stocks), pending_(stocks), trades_(kSlots * stride_),
      moves_(kSlots * stride_)
{
}

void StockLedgers::addStock()
{
    if (ledgers_.size() == stride_) {
        // The rows widen: only empty ones can.
        settle();
        stride_ = std::max<std::size_t>(1, 2 * stride_);
        trades_.resize(kSlots * stride_);
        moves_.resize(kSlots * stride_);
    }
    ledgers_.emplace_back();
    pending_.push_back(0);
}

void StockLedgers::addPending(std::vector<StockLedger>& ledgers) const
{
    for (std::size_t stock = 0; stock < ledgers.size(); ++stock) {
        const std::size_t calls = pending_[stock];
        if (calls == 0)
            continue;
        const std::uint8_t* trades = &trades_[stock];
        const double* moves = &moves_[stock];
        StockLedger& ledger = ledgers[stock];
        std::array<StrategyLedger, kStrategies> accounts = ledger.strategies;
        if (ledger.calls == 0) {
            ledger.firstUp = TradeTable::up(trades[0]);
            for (std::size_t s = 0; s < kStrategies; ++s)
                accounts[s].shift = table_.net(trades[0], s, moves[0]);
        }
        std::uint32_t upCalls = 0;
        std::uint32_t turns = 0;
        for (std::size_t slot = 0; slot < calls; ++slot) {
            const std::uint8_t trade = trades[slot * stride_];
            const double move = moves[slot * stride_];
            upCalls += TradeTable::up(trade);
            turns += TradeTable::turned(trade);
            bool high = false;
            for (std::size_t s = 0; s < kStrategies; ++s)
                high |= accounts[s].add(table_.net(trade, s, move));
            // New highs are rare, and come to the strategies together: one branch for all.
            if (high)
                for (StrategyLedger& account : accounts)
                    account.closeStretch();
        }
        ledger.strategies = accounts;
        ledger.calls += static_cast<std::uint32_t>(calls);
        ledger.upCalls += upCalls;
        ledger.turns += turns;
    }
}

void StockLedgers::settle()
{
    addPending(ledgers_);
    std::fill(pending_.begin(), pending_.end(), 0);
}

std::vector<StockLedger> StockLedgers::current() const
{
    std::vector<StockLedger> ledgers = ledgers_;
    addPending(ledgers);
    return ledgers;
}

} // namespace ss
