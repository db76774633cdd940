#pragma once

#include "core/backtest/BacktestSnapshot.h"

#include <QCoreApplication>
#include <QString>

namespace ss {

// What trading on the calls would have returned, in one plain sentence:
// "Trading on these calls (long/flat, 5 bps a trade) returned +74.34 %
// against +608.28 % for buy-and-hold; Sharpe 0.20 against 0.76." The same
// words under the market view and in the training dialog.
struct BacktestSentence {
    Q_DECLARE_TR_FUNCTIONS(BacktestSentence)
public:
    // Of the long/flat strategy against buy-and-hold on `accounts`; empty
    // before any call has resolved.
    static QString of(const StrategyAccounts& accounts, double costBps);
    // A return as the sentence writes it: "+4.73 %".
    static QString percent(double fraction);
};

} // namespace ss
