#include "BacktestRequest.h"

#include "core/backtest/BacktestCsv.h"
#include "core/backtest/BacktestStage.h"
#include "core/stream/StreamSession.h"

namespace ss::cli {

void BacktestRequest::plugInto(StreamSession& session) const
{
    if (enabled)
        session.plugStage(backtest(costBps));
}

bool BacktestRequest::writeCsv(const StreamSession& session, QString* error) const
{
    if (!enabled || csv.isEmpty())
        return true;
    const auto figures = backtestOf(session.snapshot());
    return writeBacktestCsv(*figures, [&session](std::size_t stock) { return session.stockName(stock); }, csv, error);
}

} // namespace ss::cli
