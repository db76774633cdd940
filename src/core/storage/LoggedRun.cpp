#include "LoggedRun.h"

#include "JsonLinesPredictionWriter.h"
#include "core/data/MarketData.h"
#include "core/stream/ReplaySummary.h"

#include <algorithm>

namespace ss {

std::unique_ptr<LoggedRun> LoggedRun::attach(StreamSession& session, const LogisticModel& model, Outputs outputs,
                                             QString* error)
{
    std::unique_ptr<LoggedRun> run(new LoggedRun(session));
    const std::shared_ptr<const MarketData> data = session.data();
    const StockNames names = [&session](std::size_t stock) { return session.stockName(stock); };
    if (outputs.log) {
        // A feed's data span and record count are unknown up front; its summary holds them.
        auto info = PredictionLog::describeRun(outputs.source.isEmpty() ? QStringLiteral("-") : outputs.source,
                                               outputs.modelPath, model, data ? *data : MarketData(), error);
        if (!info)
            return nullptr;
        if (outputs.source.isEmpty())
            info->source = session.describe();
        run->recorder_ = data ? RunRecorder::start(*outputs.log, std::move(*info), *data, outputs.resume, error)
                              : RunRecorder::start(*outputs.log, std::move(*info), names, outputs.resume, error);
        if (!run->recorder_)
            return nullptr;
    }
    if (!outputs.jsonl.isEmpty()) {
        auto writer = JsonLinesPredictionWriter::create(outputs.jsonl, names, model.transform(), error);
        if (!writer)
            return nullptr;
        run->outputs_.push_back(std::make_unique<PredictionLogSink>(std::move(writer)));
    }
    for (auto& output : outputs.recordOutputs)
        run->outputs_.push_back(std::make_unique<PredictionLogSink>(
            JsonLinesPredictionWriter::create(std::move(output), names, model.transform())));
    if (run->recorder_)
        session.addStoringSink(&run->recorder_->sink());
    for (const auto& output : run->outputs_)
        session.addStoringSink(output.get());
    return run;
}

// Nothing may write into a sink once it is gone: a run abandoned before its
// end (a driver that failed) still closes them.
LoggedRun::~LoggedRun()
{
    session_.stop();
    session_.waitUntilDone(std::chrono::milliseconds::max());
    QString ignored;
    close(&ignored);
}

void LoggedRun::drive(const Drive& drive)
{
    session_.start();
    while (!session_.waitUntilDone(drive.interval)) {
        if (failed() || (drive.stopWanted && drive.stopWanted())) {
            session_.stop();
            if (drive.onStop)
                drive.onStop();
        }
        if (drive.onPoll)
            drive.onPoll();
    }
}

bool LoggedRun::failed() const
{
    return (recorder_ && recorder_->sink().failed())
           || std::any_of(outputs_.begin(), outputs_.end(), [](const auto& sink) { return sink->failed(); });
}

bool LoggedRun::close(QString* error)
{
    if (!closed_) {
        closed_ = true;
        for (const auto& output : outputs_)
            if (QString why; !output->close(&why) && writeError_.isEmpty())
                writeError_ = why;
        if (QString why; recorder_ && !recorder_->sink().close(&why) && writeError_.isEmpty())
            writeError_ = why;
    }
    if (!writeError_.isEmpty())
        *error = writeError_;
    return writeError_.isEmpty();
}

bool LoggedRun::finish(const QJsonObject& extra, QJsonObject& summary, QString* error)
{
    bool written = close(error);
    summary = replaySummary(session_.snapshot(), session_.report());
    session_.addToSummary(summary);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        summary.insert(it.key(), it.value());
    if (!recorder_)
        return written;
    summary.insert("run", recorder_->runId());
    QString logError;
    if (!recorder_->finish(session_.complete(), summary, &logError) && written) {
        *error = logError;
        written = false;
    }
    return written;
}

} // namespace ss
