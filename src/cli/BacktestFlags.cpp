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
    bool ok = false;
    request.costBps = parser.value(costBps_).toDouble(&ok);
    if (!ok || !std::isfinite(request.costBps) || request.costBps < 0) {
        *error = QStringLiteral("--cost-bps takes a number of basis points from 0, not '%1'").arg(parser.value(costBps_));
        return std::nullopt;
    }
    request.csv = parser.value(csv_);
    if (request.csv == QLatin1String("-")) {
        *error = QStringLiteral("--backtest-csv takes a file: standard output carries the one-line result");
        return std::nullopt;
    }
    return request;
}

} // namespace ss::cli
