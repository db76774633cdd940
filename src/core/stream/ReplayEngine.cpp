#include "ReplayEngine.h"

#include <algorithm>

namespace ss {

namespace {
// Records between two looks at the controls at full speed: about a
// millisecond of work, so pause and stop feel immediate.
constexpr std::size_t kBatch = 16384;
// How far ahead the caches are asked for a record's memory: far enough to
// arrive in time, near enough not to be evicted before use.
constexpr std::size_t kPrefetchDistance = 8;
} // namespace

const char* replayStateName(ReplayState state)
{
    switch (state) {
    case ReplayState::Ready: return "ready";
    case ReplayState::Playing: return "playing";
    case ReplayState::Paused: return "paused";
    case ReplayState::Finished: return "finished";
    case ReplayState::Stopped: return "stopped";
    }
    return "unknown";
}

ReplaySnapshot snapshotOf(const PredictionPipeline& pipeline, const ReplayProgress& progress)
{
    ReplaySnapshot s;
    s.progress = progress;
    s.overall = pipeline.evaluator().overall();
    s.overallOverTime = pipeline.accuracyOverTime();
    s.stocks = pipeline.stocks();
    s.tallies = pipeline.evaluator().stocks();
    s.openCalls = pipeline.evaluator().openCalls();
    s.model = pipeline.model();
    s.models = pipeline.models();
    for (const auto& stage : pipeline.stages())
        s.stages.push_back(stage->stageSnapshot());
    return s;
}

ReplayEngine::ReplayEngine(std::shared_ptr<const MarketData> data, std::shared_ptr<const LogisticModel> model,
                           LoadReport report, QObject* parent)
    : StreamSession(parent),
      data_(std::move(data)),
      report_(std::move(report)),
      pipeline_(data_->stockCount(), std::move(model))
{
    thread_ = std::jthread([this] { run(); });
}

ReplayEngine::~ReplayEngine()
{
    {
        std::lock_guard lock(controlMutex_);
        quit_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ReplayEngine::addSink(PredictionSink* sink)
{
    const auto lock = stateLock_.read();
    pipeline_.addSink(sink);
}

void ReplayEngine::plugStage(const StageFactory& factory)
{
    // Like snapshot(): the window may switch it on mid-replay, at full speed.
    const auto lock = stateLock_.read();
    pipeline_.plugStage(factory);
}

bool ReplayEngine::changeState(ReplayState state)
{
    return state_.exchange(state) != state;
}

void ReplayEngine::emitState(ReplayState state)
{
    wake_.notify_all();
    emit stateChanged(state);
}

void ReplayEngine::restartPacing()
{
    paceStart_ = std::chrono::steady_clock::now();
    unitsSincePace_ = 0;
}

// From Finished or Stopped, moving on starts a new pass from the beginning;
// a stop the engine has not acted on yet belongs to the pass that ended, so
// it must not end the new one (it would leave the engine playing forever at
// the end, told it had already finished).
void ReplayEngine::startOverIfEnded()
{
    settled_ = false;
    if (state_ == ReplayState::Finished || state_ == ReplayState::Stopped) {
        rewindPending_ = true;
        stopPending_ = false;
    }
}

// One control: `edit` sets the work asked for under the control lock and
// names the state the engine moves to (none: it stays). Listeners hear of a
// change once the lock is released; the stream's thread is woken to act.
template <typename Edit>
void ReplayEngine::control(Edit edit)
{
    std::optional<ReplayState> next;
    bool changed = false;
    {
        std::lock_guard lock(controlMutex_);
        next = edit();
        changed = next && changeState(*next);
    }
    if (changed)
        emitState(*next);
    wake_.notify_all();
}

void ReplayEngine::play()
{
    control([this] {
        startOverIfEnded();
        restartPacing();
        return std::optional(ReplayState::Playing);
    });
}

void ReplayEngine::pause()
{
    control([this] {
        return state_ == ReplayState::Playing ? std::optional(ReplayState::Paused) : std::nullopt;
    });
}

void ReplayEngine::step(std::size_t records)
{
    control([this, records] {
        startOverIfEnded();
        stepRecords_ += records;
        return std::optional(ReplayState::Paused);
    });
}

void ReplayEngine::stepTimestamp()
{
    control([this] {
        startOverIfEnded();
        ++stepTimestamps_;
        return std::optional(ReplayState::Paused);
    });
}

void ReplayEngine::stepBack(std::size_t records)
{
    goBack(records, 0);
}

void ReplayEngine::stepBackTimestamp()
{
    goBack(0, 1);
}

// Records are netted against forward steps still waiting, so that a quick
// step and step back leave the engine where it was without going through
// the stream.
void ReplayEngine::goBack(std::size_t records, std::size_t timestamps)
{
    control([this, records, timestamps] {
        settled_ = false;
        const std::size_t undone = std::min(records, stepRecords_);
        stepRecords_ -= undone;
        stepBackRecords_ += records - undone;
        stepBackTimestamps_ += timestamps;
        return state_ != ReplayState::Ready ? std::optional(ReplayState::Paused) : std::nullopt;
    });
}

void ReplayEngine::replayFrom(Timestamp start)
{
    {
        std::lock_guard lock(controlMutex_);
        replayStart_ = start;
    }
    restart();
}

void ReplayEngine::dropPendingSteps()
{
    stepRecords_ = stepTimestamps_ = stepBackRecords_ = stepBackTimestamps_ = 0;
}

void ReplayEngine::stop()
{
    control([this]() -> std::optional<ReplayState> {
        if (state_ == ReplayState::Finished || state_ == ReplayState::Stopped)
            return std::nullopt;
        dropPendingSteps();
        seekPending_ = false;
        stopPending_ = true;
        return ReplayState::Stopped;
    });
}

void ReplayEngine::restart()
{
    control([this] {
        settled_ = false;
        dropPendingSteps();
        seekPending_ = stopPending_ = false;
        rewindPending_ = true;
        return std::optional(ReplayState::Ready);
    });
}

void ReplayEngine::seek(Timestamp time)
{
    control([this, time] {
        startOverIfEnded();
        dropPendingSteps();
        seekPending_ = true;
        seekTarget_ = time;
        restartPacing();
        return state_ != ReplayState::Playing ? std::optional(ReplayState::Paused) : std::nullopt;
    });
}

void ReplayEngine::setPace(Pace pace)
{
    {
        std::lock_guard lock(controlMutex_);
        pace_ = pace;
        restartPacing();
    }
    wake_.notify_all();
}

Pace ReplayEngine::pace() const
{
    std::lock_guard lock(controlMutex_);
    return pace_;
}

void ReplayEngine::setModel(std::shared_ptr<const LogisticModel> model)
{
    {
        std::lock_guard lock(controlMutex_);
        pendingModel_ = std::move(model);
    }
    wake_.notify_all();
}

ReplayProgress ReplayEngine::progress() const
{
    return {state_.load(), processed_.load(), data_->recordCount(), time_.load(), activeSeconds_.load()};
}

ReplaySnapshot ReplayEngine::snapshot() const
{
    const auto lock = stateLock_.read();
    return snapshotOf(pipeline_, progress());
}

std::string ReplayEngine::stockName(std::size_t stock) const
{
    return data_->stock(stock).name;
}

bool ReplayEngine::waitUntilDone(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(controlMutex_);
    auto done = [this] { return settled_; };
    if (timeout == std::chrono::milliseconds::max()) {
        wake_.wait(lock, done);
        return true;
    }
    return wake_.wait_for(lock, timeout, done);
}

ReplayEngine::Job ReplayEngine::nextJob(std::unique_lock<std::mutex>& lock)
{
    using namespace std::chrono;
    for (;;) {
        if (quit_)
            return {Work::Quit};
        if (pendingModel_)
            return {Work::SetModel};
        if (std::exchange(rewindPending_, false)) {
            start_ = replayStart_;  // this thread's, like every job's state
            return {Work::Rewind};
        }
        if (std::exchange(stopPending_, false))
            return {Work::Stop};
        if (std::exchange(seekPending_, false))
            return {Work::Seek, 0, seekTarget_};
        if (stepBackRecords_ > 0)
            return {Work::StepBack, std::exchange(stepBackRecords_, 0)};
        if (stepBackTimestamps_ > 0) {
            --stepBackTimestamps_;
            return {Work::StepBackTimestamp};
        }
        if (stepRecords_ > 0)
            return {Work::Process, std::exchange(stepRecords_, 0)};
        if (stepTimestamps_ > 0) {
            --stepTimestamps_;
            return {Work::ProcessTimestamp};
        }
        if (state_ == ReplayState::Playing) {
            if (pace_.unlimited())
                return {Work::Process, kBatch};
            const double elapsed = duration<double>(steady_clock::now() - paceStart_).count();
            const double due = pace_.rate * elapsed - static_cast<double>(unitsSincePace_);
            if (due >= 1.0) {
                if (pace_.unit == Pace::Unit::Timestamps)
                    return {Work::ProcessTimestamp, 0, 0, true};
                return {Work::Process, static_cast<std::size_t>(std::min(due, static_cast<double>(kBatch))), 0, true};
            }
            const auto wakeAt = paceStart_ + duration_cast<steady_clock::duration>(duration<double>(
                                                 (static_cast<double>(unitsSincePace_) + 1.0) / pace_.rate));
            wake_.wait_until(lock, wakeAt);
            continue;
        }
        wake_.wait(lock);
    }
}

bool ReplayEngine::atEnd()
{
    Timestamp next;
    return !merger_->peekTime(next);
}

void ReplayEngine::endPass(bool complete)
{
    if (pipeline_.sinks().empty())
        return;
    const ReplaySnapshot figures = snapshotOf(pipeline_, {complete ? ReplayState::Finished : ReplayState::Stopped,
                                                          pipeline_.records(), data_->recordCount(), time_.load(),
                                                          activeSeconds_.load()});
    for (PredictionSink* sink : pipeline_.sinks())
        sink->onPassEnd(complete, figures);
}

void ReplayEngine::rewind()
{
    // A pass left before its end ends here, stopped.
    if (!sinksFinished_ && pipeline_.records() > warmed_)
        endPass(false);
    merger_->rewind();
    pipeline_.reset();
    time_ = 0;
    activeSeconds_ = 0;
    sinksFinished_ = false;
    for (PredictionSink* sink : pipeline_.sinks())
        sink->onRewind();
    const std::size_t history = merger_->timeline().recordsBefore(start_);
    Tick tick{};
    while (merger_->emitted() < history && merger_->next(tick)) {
        pipeline_.warm(tick);
        time_.store(tick.time, std::memory_order_relaxed);
    }
    pipeline_.startCalls();
    warmed_ = pipeline_.records();
    processed_ = warmed_;
}

ReplayEngine::Job ReplayEngine::rewindFor(const Job& stepBack)
{
    const std::size_t now = pipeline_.records();
    if (now == warmed_)
        return {Work::Process, 0};  // at the replay's start already
    if (stepBack.work == Work::StepBackTimestamp) {
        // Everything before the latest timestamp: the end of the one before,
        // or where the current one began when it is partly through.
        const Timestamp latest = time_.load();
        rewind();
        return {Work::Seek, 0, latest};
    }
    const std::size_t target = now - std::min(stepBack.records, now - warmed_);
    rewind();
    return {Work::Process, target - warmed_};
}

std::size_t ReplayEngine::execute(const Job& asked, bool& exhausted)
{
    const auto lock = stateLock_.hold();
    const bool back = asked.work == Work::StepBack || asked.work == Work::StepBackTimestamp;
    const Job job = back ? rewindFor(asked) : asked;
    std::size_t units = 0;
    Tick tick{};
    auto process = [&] {
        pipeline_.process(tick);
        time_.store(tick.time, std::memory_order_relaxed);
    };
    switch (job.work) {
    case Work::Process:
        while (units < job.records && merger_->next(tick)) {
            if (const auto upcoming = merger_->upcoming(kPrefetchDistance))
                pipeline_.prefetch(*upcoming);
            process();
            ++units;
        }
        break;
    case Work::ProcessTimestamp: {
        Timestamp first;
        if (merger_->peekTime(first)) {
            Timestamp next;
            while (merger_->peekTime(next) && next == first && merger_->next(tick))
                process();
            units = 1;
        }
        break;
    }
    case Work::Seek: {
        if (job.seekTo <= time_.load() && processed_.load() > 0)
            rewind();
        const std::size_t target = merger_->timeline().recordsBefore(job.seekTo);
        while (merger_->emitted() < target && merger_->next(tick)) {
            process();
            if ((pipeline_.records() & 0xFFFF) == 0)
                processed_ = pipeline_.records();
        }
        break;
    }
    case Work::Rewind:
        rewind();
        break;
    case Work::Stop:
        if (!sinksFinished_) {
            sinksFinished_ = true;
            for (PredictionSink* sink : pipeline_.sinks())
                sink->onFinish(false);
            endPass(false);
        }
        break;
    case Work::StepBack:           // made a rewind and a forward job above
    case Work::StepBackTimestamp:
    case Work::SetModel:
    case Work::Quit:
        break;
    }
    processed_ = pipeline_.records();
    // At the end, even if the sinks heard so already: the pass may have
    // ended while a seek was pending, and only this job may finish it.
    exhausted = job.work != Work::Rewind && job.work != Work::Stop && atEnd();
    if (exhausted && !sinksFinished_) {
        sinksFinished_ = true;
        pipeline_.finish();
        for (PredictionSink* sink : pipeline_.sinks())
            sink->onFinish(true);
        endPass(true);
    }
    return units;
}

void ReplayEngine::run()
{
    merger_.emplace(*data_);
    std::unique_lock lock(controlMutex_);
    for (;;) {
        const Job job = nextJob(lock);
        if (job.work == Work::Quit)
            return;
        if (job.work == Work::SetModel) {
            auto model = std::move(pendingModel_);
            lock.unlock();
            {
                const auto data = stateLock_.hold();
                pipeline_.setModel(std::move(model));
            }
            lock.lock();
            continue;
        }

        lock.unlock();
        const auto started = std::chrono::steady_clock::now();
        bool exhausted = false;
        const std::size_t units = execute(job, exhausted);
        stateLock_.letReadersIn();
        if (job.work != Work::Rewind && job.work != Work::Stop)
            activeSeconds_ = activeSeconds_.load()
                             + std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        lock.lock();

        if (job.paced)
            unitsSincePace_ += units;
        const auto now = std::chrono::steady_clock::now();
        if (units > 0 && now - lastProgress_ >= kProgressInterval) {
            lastProgress_ = now;
            lock.unlock();
            emit progressed(progress());
            lock.lock();
        }
        // A stop that a new pass overtook while it ran settles nothing; nor
        // does reaching the end when a restart or a seek came meanwhile: the
        // rewind waiting to run would leave the engine "finished" with
        // nothing processed. It finishes once that job has run.
        const bool stopped = job.work == Work::Stop && state_ == ReplayState::Stopped;
        const bool nowFinished = exhausted && !rewindPending_ && !seekPending_ && state_ != ReplayState::Stopped &&
                                 changeState(ReplayState::Finished);
        if (stopped || nowFinished) {
            settled_ = true;
            lock.unlock();
            if (nowFinished)
                emitState(ReplayState::Finished);
            wake_.notify_all();
            emit finished(nowFinished);
            lock.lock();
        }
    }
}

} // namespace ss
