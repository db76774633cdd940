#pragma once

#include "PredictionLog.h"
#include "PredictionLogSink.h"

#include <memory>
#include <optional>

namespace ss {

// Logs one replay into a prediction log: starts (or reopens) its run,
// provides the sink to add to the ReplayEngine, and records how the run
// ended with its summary. The command line and the GUI share it.
class RunRecorder {
public:
    // `resume`: the id of an interrupted run to continue; its committed
    // calls are kept and the replay's calls are merged in by their key.
    static std::unique_ptr<RunRecorder> start(PredictionLog& log, RunInfo run, const MarketData& data,
                                              std::optional<qint64> resume, QString* error);
    // A run of a live feed, whose stocks become known as they arrive.
    static std::unique_ptr<RunRecorder> start(PredictionLog& log, RunInfo run, StockNames names, QString* error)
    {
        return start(log, std::move(run), std::move(names), std::nullopt, error);
    }
    // `resume`: a live feed that delivers its input again (a Kafka topic
    // read from its last committed offsets) continues that run: calls it
    // already holds are not added twice.
    static std::unique_ptr<RunRecorder> start(PredictionLog& log, RunInfo run, StockNames names,
                                              std::optional<qint64> resume, QString* error);

    PredictionLogSink& sink() { return sink_; }
    qint64 runId() const { return run_.id; }
    // Waits for every call to be written, then stores the run's status
    // (finished, stopped, or failed when a write failed) and summary.
    bool finish(bool complete, const QJsonObject& summary, QString* error);

private:
    RunRecorder(PredictionLog& log, RunInfo run, std::unique_ptr<PredictionBatchWriter> writer);

    PredictionLog& log_;
    RunInfo run_;
    PredictionLogSink sink_;
};

} // namespace ss
