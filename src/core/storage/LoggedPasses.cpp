#include "LoggedPasses.h"

#include "core/data/MarketData.h"
#include "core/stream/ReplaySummary.h"

namespace ss {

std::unique_ptr<LoggedPasses> LoggedPasses::attach(StreamSession& session, const QString& logPath,
                                                   const QString& source, QString* error)
{
    auto log = PredictionLog::open(logPath, error);
    if (!log)
        return nullptr;
    std::unique_ptr<LoggedPasses> passes(new LoggedPasses(std::move(log), source, session));
    session.addSink(passes.get());
    return passes;
}

LoggedPasses::LoggedPasses(std::unique_ptr<PredictionLog> log, QString source, const StreamSession& session)
    : log_(std::move(log)), source_(std::move(source)), session_(session)
{
}

LoggedPasses::~LoggedPasses()
{
    endRun(false, nullptr);
}

void LoggedPasses::setModel(std::shared_ptr<const LogisticModel> model)
{
    std::lock_guard lock(modelMutex_);
    model_ = std::move(model);
}

void LoggedPasses::beginRun()
{
    std::shared_ptr<const LogisticModel> model;
    {
        std::lock_guard lock(modelMutex_);
        model = model_;
    }
    QString error;
    const MarketData& data = *session_.data();
    auto run = PredictionLog::describeRun(source_, model->sourcePath(), *model, data, &error);
    if (run)
        recorder_ = RunRecorder::start(*log_, std::move(*run), data, std::nullopt, &error);
    if (!recorder_) {
        broken_ = true;
        emit failed(error);
        return;
    }
    emit runStarted(recorder_->runId());
}

// Without the pass's figures (the window closing mid-pass), the run keeps
// the summary of a run that was stopped before it ended: none.
void LoggedPasses::endRun(bool complete, const ReplaySnapshot* figures)
{
    if (!recorder_)
        return;
    QJsonObject summary;
    if (figures) {
        summary = replaySummary(*figures, session_.report());
        summary.insert("run", recorder_->runId());
    }
    QString error;
    const qint64 id = recorder_->runId();
    if (!recorder_->finish(complete, summary, &error)) {
        broken_ = true;
        emit failed(error);
    }
    recorder_.reset();
    emit runEnded(id);
}

void LoggedPasses::onPrediction(const Prediction& p)
{
    if (!recorder_ && !broken_)
        beginRun();
    if (recorder_)
        recorder_->sink().onPrediction(p);
}

void LoggedPasses::onResolution(const Resolution& r)
{
    if (recorder_)
        recorder_->sink().onResolution(r);
}

void LoggedPasses::onFinish(bool complete)
{
    if (recorder_)
        recorder_->sink().onFinish(complete);
}

void LoggedPasses::onPassEnd(bool complete, const ReplaySnapshot& figures)
{
    endRun(complete, &figures);
    broken_ = false;
}

} // namespace ss
