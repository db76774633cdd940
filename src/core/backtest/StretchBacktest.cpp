#include "StretchBacktest.h"

#include "BacktestStage.h"
#include "core/stream/PredictionPipeline.h"

namespace ss {

BacktestSnapshot backtestStretch(const StockSeries& series, std::size_t from,
                                 std::shared_ptr<const LogisticModel> model, double costBps)
{
    PredictionPipeline pipeline(1, std::move(model));
    pipeline.plugStage(backtest(costBps));
    for (std::size_t i = from; i < series.closes.size(); ++i)
        pipeline.process({0, series.times[i], series.closes[i]});
    pipeline.finish();
    return *backtestOf(snapshotOf(pipeline, {}));
}

} // namespace ss
