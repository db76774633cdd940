#include "FeedSession.h"

namespace ss {

namespace {
constexpr std::chrono::milliseconds kProgressInterval{100};
} // namespace

FeedSession::FeedSession(std::shared_ptr<const LogisticModel> model) : scorer_(std::move(model)) {}

void FeedSession::plugStage(const StageFactory& factory)
{
    const auto lock = stateLock_.read();
    scorer_.pipeline().plugStage(factory);
}

void FeedSession::startThread(std::function<void()> work)
{
    thread_.start([this, work = std::move(work)] {
        state_ = ReplayState::Playing;
        emit stateChanged(ReplayState::Playing);
        work();
        const ReplayState end = complete_ ? ReplayState::Finished : ReplayState::Stopped;
        state_ = end;
        emit stateChanged(end);
        emit finished(complete_);
    });
}

void FeedSession::noteProgress()
{
    const auto now = std::chrono::steady_clock::now();
    if (!started_)
        started_ = now;
    if (now - lastProgress_ < kProgressInterval)
        return;
    lastProgress_ = now;
    emit progressed({state_.load(), scorer_.records(), scorer_.records(), scorer_.lastTime(),
                     std::chrono::duration<double>(now - *started_).count()});
}

void FeedSession::endStream(bool complete, bool endedByItself, double activeSeconds)
{
    const auto hold = holdState();
    complete_ = complete;
    activeSeconds_ = activeSeconds;
    PredictionPipeline& pipeline = scorer_.pipeline();
    if (endedByItself)
        pipeline.finish();
    for (PredictionSink* sink : pipeline.sinks())
        sink->onFinish(complete);
    ReplayProgress end = progressHeld();
    end.state = complete ? ReplayState::Finished : ReplayState::Stopped;
    end.activeSeconds = activeSeconds;
    const ReplaySnapshot figures = snapshotOf(pipeline, end);
    for (PredictionSink* sink : pipeline.sinks())
        sink->onPassEnd(complete, figures);
}

ReplayProgress FeedSession::progressHeld() const
{
    const ReplayState state = state_.load();
    const bool ended = state == ReplayState::Finished || state == ReplayState::Stopped;
    const double active = ended || !started_ ? activeSeconds_
                                             : std::chrono::duration<double>(std::chrono::steady_clock::now() - *started_).count();
    const std::size_t records = scorer_.pipeline().records();
    return {state, records, records, scorer_.lastTime(), active};
}

ReplayProgress FeedSession::progress() const
{
    const auto lock = stateLock_.read();
    return progressHeld();
}

ReplaySnapshot FeedSession::snapshot() const
{
    const auto lock = stateLock_.read();
    return snapshotOf(scorer_.pipeline(), progressHeld());
}

} // namespace ss
