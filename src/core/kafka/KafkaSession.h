#pragma once

#include "KafkaSource.h"
#include "OffsetLedger.h"
#include "core/data/LoadReport.h"
#include "core/live/LiveRecordScorer.h"
#include "core/live/StreamThread.h"
#include "core/stream/ReplaySnapshot.h"

#include <deque>
#include <vector>

namespace ss {

class PredictionLogSink;

// Scores a Kafka topic as it arrives, on a thread of its own: each
// message's value is one or more JSON lines (the thesis's `test` ticks or
// `test_agg` windows), scored by a LiveRecordScorer exactly as a socket's.
// The input is acknowledged only once it is stored: offsets are committed
// (about once a second, and at the end) only as far as every logged sink
// has written the calls and outcomes of the messages before them (see
// OffsetLedger), so a consumer that dies loses nothing; on its restart, the
// messages after the last commit come again. The end (closing the logged
// sinks, the last commit, leaving the group) is on the session's thread
// too: with a broker away it can take as long as the group's session
// timeout, which its owner (a window) must not wait for.
//
// The session is a sink of its own pipeline only to count its events.
class KafkaSession : private PredictionSink {
public:
    // idleTimeout: end once no message came for this long while the group
    // gave this member partitions; zero: never.
    KafkaSession(std::unique_ptr<KafkaSource> source, std::shared_ptr<const LogisticModel> model,
                 std::chrono::milliseconds idleTimeout);
    ~KafkaSession() override;
    KafkaSession(const KafkaSession&) = delete;
    KafkaSession& operator=(const KafkaSession&) = delete;

    std::shared_ptr<const StockRegistry> stocks() const { return scorer_.stocks(); }
    KafkaSource& source() { return *source_; }

    // Before start(). A sink whose writes gate the commits; it runs on the
    // session's thread, which closes it once the stream ended, before the
    // last commit. Its owner's close() after waitUntilDone() says whether
    // every write succeeded.
    void addLoggedSink(PredictionLogSink* sink);
    // Before start(). A sink that only watches (a window's board): it hears
    // every call and outcome on the session's thread, but stores nothing
    // that must survive the consumer, so it takes no part in deciding which
    // offsets are committed: with watchers alone, a message counts as
    // stored once scored. It must be thread-safe towards its readers.
    void addWatcher(PredictionSink* sink) { scorer_.pipeline().addSink(sink); }
    void start();
    // From any thread: ends the stream; the sinks hear onFinish(false).
    void stop() { source_->stop(); }
    // True once the stream ended, its last commit was made, the group was
    // left and the thread is gone; false on timeout.
    bool waitUntilDone(std::chrono::milliseconds timeout) { return thread_.waitUntilDone(timeout); }

    // Any thread, while it runs.
    std::size_t records() const { return scorer_.records(); }
    std::size_t rejected() const { return rejected_.load(std::memory_order_relaxed); }
    std::size_t outOfOrder() const { return scorer_.outOfOrder(); }
    std::size_t messages() const { return messages_.load(std::memory_order_relaxed); }

    // Only after waitUntilDone() returned true. A topic has no end, so the
    // stream is never complete: a run of it can always be continued.
    bool complete() const { return false; }
    ReplaySnapshot snapshot() const;
    const LoadReport& report() const { return report_; }
    // Why the last commit failed; empty when it succeeded. Nothing is lost
    // by it: the messages after the last commit that succeeded are
    // delivered again.
    const std::string& commitError() const { return commitError_; }

private:
    void onPrediction(const Prediction&) override { ++events_; }
    void onResolution(const Resolution&) override { ++events_; }
    void run();
    void take(const rd_kafka_message_t& message, FileReport& file);
    std::uint64_t stored() const;
    void commitStored(bool wait);
    void finish();

    std::unique_ptr<KafkaSource> source_;
    LiveRecordScorer scorer_;
    OffsetLedger ledger_;
    std::chrono::milliseconds idleTimeout_;
    LoadReport report_;
    double activeSeconds_ = 0;  // from the first message to the end
    std::size_t lines_ = 0;
    std::uint64_t events_ = 0;
    std::vector<PredictionLogSink*> loggedSinks_;
    // One a logged sink: events it stored, counted on its writer thread.
    std::deque<std::atomic<std::uint64_t>> stored_;
    std::string commitError_;

    std::atomic<std::size_t> rejected_{0};
    std::atomic<std::size_t> messages_{0};
    StreamThread thread_;  // last: joined before the rest goes
};

} // namespace ss
