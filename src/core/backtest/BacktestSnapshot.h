#pragma once

#include "EquityAccount.h"
#include "Strategy.h"
#include "core/stream/PipelineStage.h"
#include "core/stream/ReplaySnapshot.h"

#include <array>
#include <vector>

namespace ss {

// One account a strategy, indexed by Strategy.
using StrategyAccounts = std::array<EquityAccount, kStrategies>;

inline const EquityAccount& accountOf(const StrategyAccounts& accounts, Strategy strategy)
{
    return accounts[static_cast<std::size_t>(strategy)];
}

// The portfolio's equity of each strategy once every call resolved at
// `time` was traded.
struct DatedEquity {
    Timestamp time = 0;
    std::array<double, kStrategies> equity{};
};

// The backtest's accounts at one moment, for views and summaries.
struct BacktestSnapshot : StageSnapshot {
    double costBps = 0;
    StrategyAccounts portfolio;          // equal weight, one period a timestamp
    // The portfolio's equity from its first timestamp to now, at most about
    // a thousand timestamps evenly spread (the last one now): what its
    // chart draws, however far the stream went between two looks at it.
    std::vector<DatedEquity> portfolioOverTime;
    std::vector<StrategyAccounts> stocks;  // by stock index, one period a call

    // Stocks with a resolved call, and those of them whose long/flat
    // trading returned more than buying and holding them.
    std::size_t stocksWithCalls() const;
    std::size_t stocksBeatingBuyAndHold() const;

    // The summary's "backtest" object.
    void addToSummary(QJsonObject& summary) const override;
};

// The backtest of a stream's snapshot; null when no backtest is plugged in.
inline std::shared_ptr<const BacktestSnapshot> backtestOf(const ReplaySnapshot& snapshot)
{
    return snapshot.stage<BacktestSnapshot>();
}

} // namespace ss
