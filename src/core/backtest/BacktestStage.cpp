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
    : costBps_(costBps), trades_(costBps / 10000), calls_(stocks), starts_(stocks),
      ledgers_(stocks, trades_)
{
}

void BacktestStage::reset()
{
    *this = BacktestStage(calls_.size(), costBps_);
}

void BacktestStage::addStock()
{
    calls_.emplace_back();
    starts_.emplace_back();
    ledgers_.addStock();
}

namespace {

DatedEquity equityAt(Timestamp time, const StrategyAccounts& portfolio)
{
    DatedEquity e{time, {}};
    for (std::size_t s = 0; s < kStrategies; ++s)
        e.equity[s] = portfolio[s].series.equity;
    return e;
}

} // namespace

void BacktestStage::closePeriod()
{
    period_.close(portfolio_);
    portfolioOverTime_.add(equityAt(period_.to, portfolio_));
}

void BacktestStage::Period::close(StrategyAccounts& portfolio)
{
    for (std::size_t s = 0; s < kStrategies; ++s)
        portfolio[s].addPeriod(sums[s] / static_cast<double>(count), from, to);
    sums = {};
    count = 0;
}

BacktestSnapshot BacktestStage::snapshot() const
{
    // The calls not yet added, and the timestamp still coming in, count
    // with what they have so far.
    const std::vector<StockLedger> ledgers = ledgers_.current();
    BacktestSnapshot s;
    s.costBps = costBps_;
    s.portfolio = portfolio_;
    s.portfolioOverTime = portfolioOverTime_.items();
    if (Period period = period_; period.count > 0) {
        period.close(s.portfolio);
        s.portfolioOverTime.push_back(equityAt(period.to, s.portfolio));
    }

    s.stocks.reserve(calls_.size());
    for (std::size_t i = 0; i < calls_.size(); ++i) {
        const StockLedger& ledger = ledgers[i];
        StrategyAccounts& accounts = s.stocks.emplace_back();
        for (std::size_t k = 0; k < kStrategies; ++k) {
            const Strategy strategy = kAllStrategies[k];
            const bool turns = position(strategy, true) != position(strategy, false);
            const bool any = ledger.calls > 0;
            EquityAccount& a = accounts[k];
            a.series = ledger.strategies[k].series();
            a.periods = a.calls = ledger.calls;
            a.exposedCalls = (position(strategy, true) != 0 ? ledger.upCalls : 0)
                             + (position(strategy, false) != 0 ? ledger.calls - ledger.upCalls : 0);
            // The first call trades from flat; a later one when the strategy follows a turned direction.
            a.trades = (any && position(strategy, ledger.firstUp) != 0) + (turns ? ledger.turns : 0);
            a.start = starts_[i];
            a.end = calls_[i].end;
            // The portfolio's calls are its stocks' calls.
            s.portfolio[k].calls += a.calls;
            s.portfolio[k].exposedCalls += a.exposedCalls;
            s.portfolio[k].trades += a.trades;
        }
    }
    return s;
}

} // namespace ss
