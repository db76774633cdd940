#include "BacktestStage.h"

#include <algorithm>
#include <cstdlib>

namespace ss {

StageFactory backtest(double costBps)
{
    return [costBps](std::size_t stocks, const LogisticModel&) -> std::unique_ptr<PipelineStage> {
        return std::make_unique<BacktestStage>(stocks, costBps);
    };
}

BacktestStage::BacktestStage(std::size_t stocks, double costBps)
    : costBps_(costBps), trades_(tradeTable(costBps / 10000)), calls_(stocks)
{
    pending_.reserve(kBatch);
    ledger_.stocks.resize(stocks);
}

BacktestStage::TradeTable BacktestStage::tradeTable(double cost)
{
    TradeTable table{};
    for (std::size_t trade = 0; trade < table.size(); ++trade) {
        const std::size_t before = trade / 2;  // 0 the first call, 1 after a down call, 2 after an up one
        const bool up = trade % 2 != 0;
        for (std::size_t s = 0; s < kStrategies; ++s) {
            const Strategy strategy = kAllStrategies[s];
            const int previous = before == 0 ? 0 : position(strategy, before == 2);
            table[trade].positions[s] = position(strategy, up);
            // netReturn() less the move's part: the same product, so the same double.
            table[trade].costs[s] = std::abs(position(strategy, up) - previous) * cost;
        }
    }
    return table;
}

void BacktestStage::reset()
{
    *this = BacktestStage(calls_.size(), costBps_);
}

void BacktestStage::addStock()
{
    calls_.emplace_back();
    ledger_.stocks.emplace_back();
}

void BacktestStage::settle()
{
    ledger_.add(pending_, trades_);
    pending_.clear();
}

void BacktestStage::Ledger::add(const std::vector<Resolved>& calls, const TradeTable& trades)
{
    // The timestamp's sums stay in registers: written back only when it closes.
    std::array<double, kStrategies> sums = periodSums;
    // Stocks' returns are visited at random: ask for them a few calls ahead.
    constexpr std::size_t kAhead = 8;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        if (i + kAhead < calls.size()) {
            const char* ahead = reinterpret_cast<const char*>(&stocks[calls[i + kAhead].stock]);
            for (std::size_t line = 0; line < sizeof(StockReturns); line += 64)
                __builtin_prefetch(ahead + line, 1);
        }
        const Resolved& call = calls[i];
        if (periodCount > 0 && call.time != periodTo) {
            periodSums = sums;
            closePeriod();
            sums = {};
        }
        periodFrom = periodCount == 0 ? call.callTime : std::min(periodFrom, call.callTime);
        periodTo = call.time;
        ++periodCount;

        const Trade& trade = trades[call.trade];
        // The sums are taken about the first call's net return, worked out again rather than kept.
        const Trade& first = trades[call.firstUp];
        StockReturns& stock = stocks[call.stock];
        for (std::size_t s = 0; s < kStrategies; ++s) {
            const double net = trade.positions[s] * call.move - trade.costs[s];
            stock.paths[s].add(net, first.positions[s] * call.firstMove - first.costs[s]);
            sums[s] += net;
        }
    }
    periodSums = sums;
}

void BacktestStage::Ledger::closePeriod()
{
    for (std::size_t s = 0; s < kStrategies; ++s)
        portfolio[s].addPeriod(periodSums[s] / static_cast<double>(periodCount), periodFrom, periodTo);
    periodSums = {};
    periodCount = 0;
}

BacktestSnapshot BacktestStage::snapshot() const
{
    // The calls not yet added, and the timestamp still coming in, count
    // with what they have so far.
    Ledger ledger = ledger_;
    ledger.add(pending_, trades_);
    if (ledger.periodCount > 0)
        ledger.closePeriod();

    BacktestSnapshot s;
    s.costBps = costBps_;
    s.portfolio = ledger.portfolio;
    s.stocks.reserve(calls_.size());
    for (std::size_t i = 0; i < calls_.size(); ++i) {
        const StockCalls& calls = calls_[i];
        StrategyAccounts& accounts = s.stocks.emplace_back();
        for (std::size_t k = 0; k < kStrategies; ++k) {
            const Strategy strategy = kAllStrategies[k];
            const bool turns = position(strategy, true) != position(strategy, false);
            const bool any = calls.periods > 0;
            EquityAccount& a = accounts[k];
            static_cast<ReturnPath&>(a.series) = ledger.stocks[i].paths[k];
            const Trade& first = trades_[calls.firstUp];
            a.series.shift = any ? first.positions[k] * calls.firstMove - first.costs[k] : 0;
            a.periods = a.calls = calls.periods;
            a.exposedCalls = (position(strategy, true) != 0 ? calls.upCalls : 0)
                             + (position(strategy, false) != 0 ? calls.periods - calls.upCalls : 0);
            // The first call trades from flat; a later one when the strategy follows a turned direction.
            a.trades = (any && position(strategy, calls.firstUp) != 0) + (turns ? calls.flips : 0);
            a.start = calls.start;
            a.end = calls.end;
            // The portfolio's calls are its stocks' calls.
            s.portfolio[k].calls += a.calls;
            s.portfolio[k].exposedCalls += a.exposedCalls;
            s.portfolio[k].trades += a.trades;
        }
    }
    return s;
}

} // namespace ss
