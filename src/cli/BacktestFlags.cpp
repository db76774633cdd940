#include "BacktestFlags.h"

#include <cmath>

namespace ss::cli {

BacktestFlags::BacktestFlags()
    : backtest_("backtest", "Trade on every resolved call, long/flat and long/short, beside buy-and-hold, per stock "
                            "and as an equal-weight portfolio; adds \"backtest\" to the summary."),
      costBps_("cost-bps", "With --backtest: the cost of each change of a stock's position, in basis points "
                           "(default 0).", "C", "0"),
      csv_("backtest-csv", "With --backtest: write the per-stock figures to FILE as CSV, one row per stock and "
                           "strategy.", "FILE")
{
}

void BacktestFlags::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({backtest_, costBps_, csv_});
}

std::optional<BacktestRequest> BacktestFlags::read(const QCommandLineParser& parser, QString* error) const
{
    BacktestRequest request;
    request.enabled = parser.isSet(backtest_);
    for (const QCommandLineOption* needsBacktest : {&costBps_, &csv_}) {
        if (parser.isSet(*needsBacktest) && !request.enabled) {
            *error = QStringLiteral("--%1 needs --backtest").arg(needsBacktest->names().constFirst());
            return std::nullopt;
        }
    }
    const auto cost = readCost(parser.value(costBps_), error);
    if (!cost)
        return std::nullopt;
    request.costBps = *cost;
    request.csv = parser.value(csv_);
    if (request.csv == QLatin1String("-")) {
        *error = QStringLiteral("--backtest-csv takes a file: standard output carries the one-line result");
        return std::nullopt;
    }
    return request;
}

std::optional<double> BacktestFlags::readCost(const QString& value, QString* error)
{
    bool ok = false;
    const double cost = value.toDouble(&ok);
    if (!ok || !std::isfinite(cost) || cost < 0) {
        *error = QStringLiteral("--cost-bps takes a number of basis points from 0, not '%1'").arg(value);
        return std::nullopt;
    }
    return cost;
}

} // namespace ss::cli
