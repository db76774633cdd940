#pragma once

#include "EquityAccount.h"

#include <QJsonObject>

#include <optional>

namespace ss {

// A strategy's figures over its periods (README, "What the calls are
// worth"). A figure that cannot be worked out is null: the CAGR over no
// time, the volatility of fewer than two periods, the Sharpe ratio of
// returns that never vary.
struct BacktestFigures {
    double totalReturn = 0;
    std::optional<double> cagr;
    std::optional<double> volatility;  // annualised, √252
    std::optional<double> sharpe;      // annualised, risk-free 0
    double maxDrawdown = 0;            // a positive fraction
    std::optional<double> exposure;    // share of calls not flat
    std::size_t trades = 0;
    std::size_t periods = 0;

    static BacktestFigures of(const EquityAccount& account);
    // total_return, cagr, volatility, sharpe, max_drawdown, exposure, trades, periods.
    QJsonObject toJson() const;
};

} // namespace ss
