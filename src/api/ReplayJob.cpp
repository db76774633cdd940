#include "ReplayJob.h"

#include "core/storage/RunRecorder.h"
#include "core/stream/ReplayEngine.h"
#include "core/stream/ReplaySummary.h"

#include <chrono>

namespace ss::api {

namespace {

// How often the job looks for a stop request and publishes its progress.
constexpr std::chrono::milliseconds kPollInterval{50};

const char* phaseName(ReplayJob::Phase phase)
{
    switch (phase) {
    case ReplayJob::Phase::Loading: return "loading";
    case ReplayJob::Phase::Playing: return "playing";
    case ReplayJob::Phase::Finished: return "finished";
    case ReplayJob::Phase::Stopped: return "stopped";
    case ReplayJob::Phase::Failed: return "failed";
    }
    return "failed";
}

} // namespace

ReplayJob::ReplayJob(QString logPath, Request request)
    : logPath_(std::move(logPath)), request_(std::move(request)), thread_([this] { run(); })
{
}

ReplayJob::~ReplayJob()
{
    stop();
}

void ReplayJob::stop()
{
    stopRequested_ = true;
    loadProgress_.cancel = true;
    if (thread_.joinable())
        thread_.join();
}

bool ReplayJob::active() const
{
    std::lock_guard lock(mutex_);
    return phase_ == Phase::Loading || phase_ == Phase::Playing;
}

qint64 ReplayJob::runId() const
{
    std::lock_guard lock(mutex_);
    return runId_;
}

QJsonObject ReplayJob::status() const
{
    std::lock_guard lock(mutex_);
    QJsonObject o{{"state", QString::fromLatin1(phaseName(phase_))},
                  {"run", runId_ > 0 ? QJsonValue(runId_) : QJsonValue()},
                  {"source", request_.source},
                  {"model", request_.modelPath},
                  {"processed", static_cast<qint64>(progress_.processed)},
                  {"total", static_cast<qint64>(progress_.total)}};
    if (!error_.isEmpty())
        o.insert("error", error_);
    if (!summary_.isEmpty())
        o.insert("summary", summary_);
    return o;
}

void ReplayJob::run()
{
    // Whatever goes wrong ends the job with a message instead of taking the
    // server down with it.
    try {
        replay();
    } catch (const std::exception& e) {
        settle(Phase::Failed, QString::fromLocal8Bit(e.what()), {});
    }
}

void ReplayJob::replay()
{
    QString error;
    const auto log = PredictionLog::open(logPath_, &error);
    if (!log)
        return settle(Phase::Failed, error, {});
    const LoadResult loaded = DataLoader::load(request_.source.toStdString(), &loadProgress_);
    if (!loaded.data)
        return loaded.cancelled ? settle(Phase::Stopped, {}, {})
                                : settle(Phase::Failed, QString::fromStdString(loaded.error), {});

    std::unique_ptr<RunRecorder> recorder;
    if (auto info = PredictionLog::describeRun(request_.source, request_.modelPath, *request_.model, *loaded.data,
                                               &error))
        recorder = RunRecorder::start(*log, std::move(*info), *loaded.data, std::nullopt, &error);
    if (!recorder)
        return settle(Phase::Failed, error, {});

    ReplayEngine engine(loaded.data, request_.model);
    engine.addSink(&recorder->sink());
    engine.setPace(request_.pace);
    {
        std::lock_guard lock(mutex_);
        runId_ = recorder->runId();
        phase_ = Phase::Playing;
        progress_ = engine.progress();
    }
    engine.play();
    for (bool done = false; !done;) {
        done = engine.waitUntilDone(kPollInterval);
        if (!done && (stopRequested_ || recorder->sink().failed()))
            engine.stop();
        std::lock_guard lock(mutex_);
        progress_ = engine.progress();
    }
    // A failed write is reported by finish(), which marks the run failed.
    recorder->sink().close(&error);
    const ReplaySnapshot snapshot = engine.snapshot();
    QJsonObject summary = replaySummary(snapshot, loaded.report);
    summary.insert("run", recorder->runId());
    const bool complete = snapshot.progress.state == ReplayState::Finished;
    if (!recorder->finish(complete, summary, &error))
        return settle(Phase::Failed, error, summary);
    settle(complete ? Phase::Finished : Phase::Stopped, {}, summary);
}

void ReplayJob::settle(Phase phase, const QString& error, const QJsonObject& summary)
{
    std::lock_guard lock(mutex_);
    phase_ = phase;
    error_ = error;
    summary_ = summary;
}

} // namespace ss::api
