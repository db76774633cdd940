#include "BacktestFigures.h"

#include <cmath>

namespace ss {

namespace {

constexpr double kSecondsPerYear = 365.25 * timestamp::kSecondsPerDay;
constexpr double kPeriodsPerYear = 252;

QJsonValue orNull(const std::optional<double>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

} // namespace

BacktestFigures BacktestFigures::of(const EquityAccount& a)
{
    BacktestFigures f;
    f.totalReturn = a.series.equity - 1;
    f.maxDrawdown = a.series.maxDrawdown;
    f.trades = a.trades;
    f.periods = a.periods;
    if (a.calls > 0)
        f.exposure = static_cast<double>(a.exposedCalls) / static_cast<double>(a.calls);
    if (const double years = static_cast<double>(a.end - a.start) / kSecondsPerYear; a.periods > 0 && years > 0)
        // An equity wiped out (a short against a price that more than doubled) has lost everything a year.
        f.cagr = a.series.equity > 0 ? std::pow(a.series.equity, 1 / years) - 1 : -1.0;
    if (a.periods >= 2) {
        const double deviation = std::sqrt(a.series.squaredDeviations(a.periods) / static_cast<double>(a.periods - 1));
        f.volatility = deviation * std::sqrt(kPeriodsPerYear);
        if (deviation > 0)
            f.sharpe = a.series.mean(a.periods) / deviation * std::sqrt(kPeriodsPerYear);
    }
    return f;
}

QJsonObject BacktestFigures::toJson() const
{
    return {
        {"total_return", totalReturn},
        {"cagr", orNull(cagr)},
        {"volatility", orNull(volatility)},
        {"sharpe", orNull(sharpe)},
        {"max_drawdown", maxDrawdown},
        {"exposure", orNull(exposure)},
        {"trades", static_cast<qint64>(trades)},
        {"periods", static_cast<qint64>(periods)},
    };
}

} // namespace ss
