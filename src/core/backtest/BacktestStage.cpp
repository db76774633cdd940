#include "BacktestStage.h"

#include <algorithm>

namespace ss {

StageFactory backtest(double costBps)
{
    return [costBps](std::size_t stocks, const LogisticModel&) -> std::unique_ptr<PipelineStage> {
        return std::make_unique<BacktestStage>(stocks, costBps);
    };
}

BacktestStage::BacktestStage(std::size_t stocks, double costBps)
    : cost_(costBps / 10000), costBps_(costBps), open_(stocks)
{
    pending_.reserve(kBatch);
    ledger_.stocks.resize(stocks);
}

void BacktestStage::reset()
{
    *this = BacktestStage(open_.size(), costBps_);
}

void BacktestStage::addStock()
{
    open_.emplace_back();
    ledger_.stocks.emplace_back();
}

void BacktestStage::settle()
{
    // Stocks' ledgers are visited at random: ask for them a few calls ahead.
    constexpr std::size_t kAhead = 8;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        if (i + kAhead < pending_.size()) {
            const char* ahead = reinterpret_cast<const char*>(&ledger_.stocks[pending_[i + kAhead].stock]);
            for (std::size_t line = 0; line < sizeof(StockLedger); line += 64)
                __builtin_prefetch(ahead + line);
        }
        ledger_.add(pending_[i], cost_);
    }
    pending_.clear();
}

void BacktestStage::Ledger::add(const Resolved& call, double cost)
{
    if (periodCount > 0 && call.time != periodTo)
        closePeriod();
    periodFrom = periodCount == 0 ? call.callTime : std::min(periodFrom, call.callTime);
    periodTo = call.time;
    ++periodCount;

    StockLedger& stock = stocks[call.stock];
    const bool first = stock.periods++ == 0;
    if (first)
        stock.start = call.callTime;
    stock.end = call.time;
    for (std::size_t s = 0; s < kStrategies; ++s) {
        const int p = position(kAllStrategies[s], call.up);
        const double net = netReturn(p, stock.positions[s], call.move, cost);
        stock.trades[s] += p != stock.positions[s];
        stock.positions[s] = static_cast<std::int8_t>(p);
        stock.series[s].add(net, first);
        stock.exposedCalls[s] += p != 0;
        periodSums[s] += net;
    }
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
    for (const Resolved& call : pending_)
        ledger.add(call, cost_);
    if (ledger.periodCount > 0)
        ledger.closePeriod();

    BacktestSnapshot s;
    s.costBps = costBps_;
    s.portfolio = ledger.portfolio;
    s.stocks.reserve(ledger.stocks.size());
    for (const StockLedger& stock : ledger.stocks) {
        StrategyAccounts& accounts = s.stocks.emplace_back();
        for (std::size_t k = 0; k < kStrategies; ++k) {
            accounts[k] = {stock.series[k], stock.periods, stock.periods, stock.exposedCalls[k], stock.trades[k],
                           stock.start, stock.end};
            // The portfolio's calls are its stocks' calls.
            s.portfolio[k].calls += stock.periods;
            s.portfolio[k].exposedCalls += stock.exposedCalls[k];
            s.portfolio[k].trades += stock.trades[k];
        }
    }
    return s;
}

} // namespace ss
