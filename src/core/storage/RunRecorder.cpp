#include "RunRecorder.h"

#include "PredictionLogWriter.h"

namespace ss {

namespace {

bool beginOrReopen(PredictionLog& log, RunInfo& run, std::optional<qint64> resume, QString* error)
{
    if (!resume)
        return log.beginRun(run, error);
    if (!log.reopenRun(run, *resume, error))
        return false;
    run.id = *resume;
    return true;
}

} // namespace

std::unique_ptr<RunRecorder> RunRecorder::start(PredictionLog& log, RunInfo run, const MarketData& data,
                                                std::optional<qint64> resume, QString* error)
{
    if (!beginOrReopen(log, run, resume, error))
        return nullptr;
    auto ids = log.stockIds(data, error);
    if (!ids)
        return nullptr;
    auto writer = std::make_unique<PredictionLogWriter>(log, run.id, std::move(*ids));
    return std::unique_ptr<RunRecorder>(new RunRecorder(log, std::move(run), std::move(writer)));
}

std::unique_ptr<RunRecorder> RunRecorder::start(PredictionLog& log, RunInfo run, StockNames names,
                                                std::optional<qint64> resume, QString* error)
{
    if (!beginOrReopen(log, run, resume, error))
        return nullptr;
    auto writer = std::make_unique<PredictionLogWriter>(log, run.id, std::move(names));
    return std::unique_ptr<RunRecorder>(new RunRecorder(log, std::move(run), std::move(writer)));
}

RunRecorder::RunRecorder(PredictionLog& log, RunInfo run, std::unique_ptr<PredictionBatchWriter> writer)
    : log_(log), run_(std::move(run)), sink_(std::move(writer))
{
}

bool RunRecorder::finish(bool complete, const QJsonObject& summary, QString* error)
{
    const bool written = sink_.close(error);
    const RunStatus status = !written ? RunStatus::Failed : complete ? RunStatus::Finished : RunStatus::Stopped;
    QString statusError;
    if (!log_.finishRun(run_.id, status, summary, &statusError) && written) {
        *error = statusError;
        return false;
    }
    return written;
}

} // namespace ss
