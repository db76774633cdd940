#include "ReplayJob.h"

#include "core/storage/LoggedRun.h"
#include "core/stream/ReplayEngine.h"

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

    ReplayEngine engine(loaded.data, request_.model, loaded.report);
    auto run = LoggedRun::attach(engine, *request_.model, {log.get(), std::nullopt, request_.source, request_.modelPath, {}, {}},
                                 &error);
    if (!run)
        return settle(Phase::Failed, error, {});
    engine.setPace(request_.pace);
    {
        std::lock_guard lock(mutex_);
        runId_ = run->runId();
        phase_ = Phase::Playing;
        progress_ = engine.progress();
    }
    run->drive({.stopWanted = [this] { return stopRequested_.load(); },
                .onPoll =
                    [this, &engine] {
                        std::lock_guard lock(mutex_);
                        progress_ = engine.progress();
                    },
                .interval = kPollInterval});
    {
        std::lock_guard lock(mutex_);
        progress_ = engine.progress();
    }
    // A failed write is reported by finish(), which marks the run failed.
    QJsonObject summary;
    if (!run->finish({}, summary, &error))
        return settle(Phase::Failed, error, summary);
    settle(engine.complete() ? Phase::Finished : Phase::Stopped, {}, summary);
}

void ReplayJob::settle(Phase phase, const QString& error, const QJsonObject& summary)
{
    std::lock_guard lock(mutex_);
    phase_ = phase;
    error_ = error;
    summary_ = summary;
}

} // namespace ss::api
