#pragma once

#include "BacktestRequest.h"
#include "core/online/OnlineOptions.h"

#include <QString>

#include <optional>

namespace ss {
class PredictionLog;
}

namespace ss::cli {

// What `replay` does with a live feed's calls, whichever carries the feed.
struct FeedOutputs {
    QString jsonl;                 // empty: none
    PredictionLog* log = nullptr;  // the --db log, if any
    std::optional<qint64> resume;  // --resume: the run of `log` to continue (Kafka only)
    OnlineOptions online;          // --clusters, --online and their settings
    BacktestRequest backtest;      // --backtest and its settings
};

} // namespace ss::cli
