#pragma once

#include "LiveRecordScorer.h"
#include "StreamThread.h"
#include "core/stream/StreamSession.h"
#include "core/stream/StreamStateLock.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ss {

// What the sessions that score a feed as it arrives share (a line feed, a
// Kafka topic): a LiveRecordScorer driven on a thread of their own, and
// the stream's state guarded so that a snapshot can be taken at any time.
// That thread holds the state while it scores and lets go of it whenever it
// waits for input, which may be for any length of time; readers waiting
// for it are let in before it takes the state again.
class FeedSession : public StreamSession {
    Q_OBJECT
public:
    Capabilities capabilities() const override { return {}; }
    void addSink(PredictionSink* sink) override { scorer_.pipeline().addSink(sink); }
    void plugStage(const StageFactory& factory) override;
    bool waitUntilDone(std::chrono::milliseconds timeout) override { return thread_.waitUntilDone(timeout); }
    ReplayProgress progress() const override;
    ReplaySnapshot snapshot() const override;
    std::string stockName(std::size_t stock) const override { return scorer_.stocks()->name(stock); }
    const LoadReport& report() const override { return report_; }
    bool complete() const override { return complete_; }

    // How the feed's link stands, for a connection indicator. Any thread.
    struct Link {
        enum class State { Connecting, Connected, Reconnecting, Unreachable };
        State state = State::Connecting;
        // Connections made; for a Kafka feed, the group's sharings out of partitions.
        std::size_t connections = 0;
        // A Kafka client's errors since a broker last answered: (what, why).
        std::vector<std::pair<std::string, std::string>> clientErrors;
    };
    virtual Link link() const = 0;
    // Once done: what went wrong that its user should hear of (the source
    // gave up, a last commit failed); empty when nothing did.
    virtual std::string endProblem() const = 0;

    // The stream's stocks, numbered as the sinks see them.
    std::shared_ptr<const StockRegistry> stocks() const { return scorer_.stocks(); }
    // Any thread, while it runs.
    std::size_t records() const { return scorer_.records(); }
    std::size_t rejected() const { return rejected_.load(std::memory_order_relaxed); }
    std::size_t outOfOrder() const { return scorer_.outOfOrder(); }

protected:
    explicit FeedSession(std::shared_ptr<const LogisticModel> model);

    // Runs `work` on the session's thread.
    void startThread(std::function<void()> work);
    // For the derived class's destructor, once its input is told to stop:
    // the thread uses the derived class's members.
    void joinThread() { thread_.waitUntilDone(std::chrono::milliseconds::max()); }

    // The session's thread takes the stream's state to score ...
    std::unique_lock<std::mutex> holdState() { return stateLock_.hold(); }
    // ... and gives it up while it waits, letting waiting readers in first.
    void releaseState(std::unique_lock<std::mutex>& hold)
    {
        hold.unlock();
        stateLock_.letReadersIn();
    }
    // With the state held, between two chunks of input: progressed() now
    // and then. The first call starts the stream's clock.
    void noteProgress();
    // The session's thread, at the stream's end: a stream that ended by
    // itself (its input closed, or went quiet for good) completes its
    // stages' last batch; the sinks are told. `complete`: the input ended
    // and cannot be continued.
    void endStream(bool complete, bool endedByItself, double activeSeconds);

    LiveRecordScorer scorer_;
    LoadReport report_;
    std::atomic<std::size_t> rejected_{0};

private:
    ReplayProgress progressHeld() const;

    StreamStateLock stateLock_;
    std::atomic<ReplayState> state_{ReplayState::Ready};
    std::optional<std::chrono::steady_clock::time_point> started_;
    std::chrono::steady_clock::time_point lastProgress_;
    bool complete_ = false;
    double activeSeconds_ = 0;
    StreamThread thread_;
};

} // namespace ss
