#pragma once

#include "PredictionPipeline.h"
#include "ReplaySnapshot.h"
#include "StreamSession.h"
#include "StreamStateLock.h"
#include "TickMerger.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace ss {

// The replay of loaded data: the session that has every control. It runs
// the stream on a thread of its own. Every control below may be called from
// any thread and returns at once; the engine acts on it between two batches
// of records, so a control takes effect within a millisecond even at full
// speed. Signals are emitted from the engine's thread (so connections to
// GUI objects are queued), progressed() at most every kProgressInterval;
// views poll progress() or take a snapshot() at their own frame rate
// instead of hearing about every record.
class ReplayEngine : public StreamSession {
    Q_OBJECT
public:
    // `report`: what loading the data read and refused, for the summary.
    ReplayEngine(std::shared_ptr<const MarketData> data, std::shared_ptr<const LogisticModel> model,
                 LoadReport report = {}, QObject* parent = nullptr);
    ~ReplayEngine() override;

    Capabilities capabilities() const override { return {true, true, true, true, true, true}; }
    // Sinks run on the engine's thread; add them before the first play().
    void addSink(PredictionSink* sink) override;
    // Plugged in mid-replay, a stage learns from the next record on, and
    // over the whole stream from the next restart.
    void plugStage(const StageFactory& factory) override;

    void start() override { play(); }
    void play();
    void pause() override;
    void step(std::size_t records = 1) override;
    // Every record of the next timestamp (one trading day of daily data).
    void stepTimestamp() override;
    void stop() override;
    // Back to the start, paused there.
    void restart() override;
    // Processes everything before `time` (rewinding first if it lies behind)
    // and pauses with the first record at or after `time` next.
    void seek(Timestamp time) override;
    // Steps back by rewinding to the replay's start and processing again
    // up to the earlier point: exact whatever the sinks and stages keep,
    // at the cost of going through the stream once more. Each step back
    // is a new pass for the sinks, as a seek backwards is.
    void stepBack(std::size_t records = 1) override;
    void stepBackTimestamp() override;
    void replayFrom(Timestamp start) override;
    void setPace(Pace pace) override;
    void setModel(std::shared_ptr<const LogisticModel> model) override;

    ReplayState state() const { return state_.load(); }
    Pace pace() const;
    ReplayProgress progress() const override;
    ReplaySnapshot snapshot() const override;
    std::string stockName(std::size_t stock) const override;
    std::shared_ptr<const MarketData> data() const override { return data_; }
    QString describe() const override { return {}; }
    const LoadReport& report() const override { return report_; }
    bool complete() const override { return state_.load() == ReplayState::Finished; }
    // Blocks until the replay finished or was stopped; false on timeout.
    bool waitUntilDone(std::chrono::milliseconds timeout = std::chrono::milliseconds::max()) override;

private:
    static constexpr std::chrono::milliseconds kProgressInterval{100};

    enum class Work { Process, ProcessTimestamp, Seek, StepBack, StepBackTimestamp, Rewind, Stop, SetModel, Quit };
    struct Job {
        Work work = Work::Quit;
        std::size_t records = 0;
        Timestamp seekTo = 0;
        bool paced = false;  // counts against the pace (play, not a step)
    };

    void run();
    Job nextJob(std::unique_lock<std::mutex>& lock);
    // Runs one job on the stream; returns how many pace units it used.
    std::size_t execute(const Job& job, bool& exhausted);
    void restartPacing();
    // With controlMutex_ held.
    template <typename Edit>
    void control(Edit edit);
    void dropPendingSteps();
    void goBack(std::size_t records, std::size_t timestamps);
    // With controlMutex_ held, by every control that moves the stream on.
    void startOverIfEnded();
    // Changes the state; returns whether it changed (to emit once unlocked).
    bool changeState(ReplayState state);
    void emitState(ReplayState state);
    bool atEnd();
    // Tells the sinks a pass ended, with its figures.
    void endPass(bool complete);
    // Back to the replay's start, its earlier records warming the windows.
    void rewind();
    // A step back as a rewind and the forward job that reaches the earlier point.
    Job rewindFor(const Job& stepBack);

    const std::shared_ptr<const MarketData> data_;
    const LoadReport report_;

    // Guards the controls below and state changes.
    mutable std::mutex controlMutex_;
    mutable std::condition_variable wake_;
    std::atomic<ReplayState> state_{ReplayState::Ready};
    Pace pace_;
    std::size_t stepRecords_ = 0;
    std::size_t stepTimestamps_ = 0;
    std::size_t stepBackRecords_ = 0;
    std::size_t stepBackTimestamps_ = 0;
    // As asked for; start_ once a rewind took it. The data may begin before 1970.
    Timestamp replayStart_ = std::numeric_limits<Timestamp>::min();
    bool seekPending_ = false;
    Timestamp seekTarget_ = 0;
    bool rewindPending_ = false;
    bool stopPending_ = false;
    bool quit_ = false;
    bool settled_ = false;  // finished or stopped, and the sinks told
    std::shared_ptr<const LogisticModel> pendingModel_;
    std::chrono::steady_clock::time_point paceStart_;
    std::size_t unitsSincePace_ = 0;

    // Guards the stream's state, held by the engine's thread while it works
    // a batch and by snapshot() while it copies.
    StreamStateLock stateLock_;
    // Made on the engine's thread: laying out the stream's timeline reads
    // every record, work for no thread that drives a window.
    std::optional<TickMerger> merger_;
    PredictionPipeline pipeline_;
    bool sinksFinished_ = false;
    Timestamp start_ = std::numeric_limits<Timestamp>::min();
    std::size_t warmed_ = 0;  // records before start_, processed by the rewind

    std::atomic<std::size_t> processed_{0};
    std::atomic<Timestamp> time_{0};
    std::atomic<double> activeSeconds_{0};
    std::chrono::steady_clock::time_point lastProgress_;
    std::jthread thread_;
};

} // namespace ss
