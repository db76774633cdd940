#pragma once

#include "KafkaSource.h"
#include "OffsetLedger.h"
#include "core/live/FeedSession.h"

#include <deque>
#include <vector>

namespace ss {

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
class KafkaSession : public FeedSession, private PredictionSink {
    Q_OBJECT
public:
    // idleTimeout: end once no message came for this long while the group
    // gave this member partitions; zero: never.
    KafkaSession(std::unique_ptr<KafkaSource> source, std::shared_ptr<const LogisticModel> model,
                 std::chrono::milliseconds idleTimeout);
    ~KafkaSession() override;
    KafkaSession(const KafkaSession&) = delete;
    KafkaSession& operator=(const KafkaSession&) = delete;

    KafkaSource& source() { return *source_; }
    const KafkaSource& source() const { return *source_; }

    // Before start(). A sink whose writes gate the commits; it runs on the
    // session's thread, which closes it once the stream ended, before the
    // last commit. Its owner's close() after waitUntilDone() says whether
    // every write succeeded.
    void addStoringSink(StoringSink* sink) override;
    // A sink added with addSink() only watches (a window's board): it hears
    // every call and outcome on the session's thread, but stores nothing
    // that must survive the consumer, so it takes no part in deciding which
    // offsets are committed: with watchers alone, a message counts as
    // stored once scored. It must be thread-safe towards its readers.
    void start() override;
    // From any thread: ends the stream; the sinks hear onFinish(false).
    void stop() override { source_->stop(); }
    // waitUntilDone(): true once the stream ended, its last commit was
    // made, the group was left and the thread is gone.

    // "kafka://BROKERS/TOPIC#GROUP", as a logged run records it.
    QString describe() const override;
    // source, group, messages, out_of_order, commits, stream_s and records_per_s.
    void addToSummary(QJsonObject& summary) const override;
    // Connected once the group shared out the partitions; reconnecting
    // while poll() reports errors and nothing has come since; unreachable
    // while the client's own errors stand, until a broker answers again.
    Link link() const override;
    // A last commit that failed: nothing is lost, but some messages come again.
    std::string endProblem() const override;
    // A topic has no end, so the stream is never complete (complete() is
    // false): a run of it can always be continued.

    // Any thread, while it runs.
    std::size_t messages() const { return messages_.load(std::memory_order_relaxed); }
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
    OffsetLedger ledger_;
    std::chrono::milliseconds idleTimeout_;
    std::size_t lines_ = 0;
    std::uint64_t events_ = 0;
    std::vector<StoringSink*> loggedSinks_;
    // One a logged sink: events it stored, counted on its writer thread.
    std::deque<std::atomic<std::uint64_t>> stored_;
    std::string commitError_;

    std::atomic<std::size_t> messages_{0};
    // The client's errors as of the last message or sharing out of partitions.
    std::atomic<std::size_t> errorsAtProgress_{0};
};

} // namespace ss
