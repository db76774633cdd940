#include "BacktestSnapshot.h"

#include "BacktestFigures.h"

#include <algorithm>

namespace ss {

std::size_t BacktestSnapshot::stocksWithCalls() const
{
    return static_cast<std::size_t>(std::count_if(stocks.begin(), stocks.end(), [](const StrategyAccounts& s) {
        return accountOf(s, Strategy::BuyAndHold).periods > 0;
    }));
}

std::size_t BacktestSnapshot::stocksBeatingBuyAndHold() const
{
    return static_cast<std::size_t>(std::count_if(stocks.begin(), stocks.end(), [](const StrategyAccounts& s) {
        return accountOf(s, Strategy::BuyAndHold).periods > 0
               && accountOf(s, Strategy::LongFlat).series.equity > accountOf(s, Strategy::BuyAndHold).series.equity;
    }));
}

void BacktestSnapshot::addToSummary(QJsonObject& summary) const
{
    QJsonObject strategies;
    for (const Strategy s : kAllStrategies)
        strategies.insert(QLatin1String(strategyName(s)), BacktestFigures::of(accountOf(portfolio, s)).toJson());
    summary.insert("backtest", QJsonObject{
                                   {"cost_bps", costBps},
                                   {"portfolio", strategies},
                                   {"stocks_beating_buy_and_hold", static_cast<qint64>(stocksBeatingBuyAndHold())},
                                   {"stocks", static_cast<qint64>(stocksWithCalls())},
                               });
}

} // namespace ss
