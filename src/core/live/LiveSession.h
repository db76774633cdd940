#pragma once

#include "LiveRecordScorer.h"
#include "LiveSource.h"
#include "StreamThread.h"
#include "core/data/LoadReport.h"
#include "core/stream/ReplaySnapshot.h"


namespace ss {

class LineReader;

// Scores a live feed as it arrives: reads JSON lines from a LiveSource on a
// thread of its own and hands them to a LiveRecordScorer (which says what
// the records mean).
//
// Bad input is counted and skipped, per connection, with the first
// offending line: a line longer than LineReader::kMaxLineLength, a line
// that is not a record, a tick not after its stock's previous one, and a
// window record that does not continue its stock's closes.
class LiveSession {
public:
    LiveSession(std::unique_ptr<LiveSource> source, std::shared_ptr<const LogisticModel> model);
    ~LiveSession();
    LiveSession(const LiveSession&) = delete;
    LiveSession& operator=(const LiveSession&) = delete;

    // The stream's stocks, numbered as the sinks see them.
    std::shared_ptr<const StockRegistry> stocks() const { return scorer_.stocks(); }
    LiveSource& source() { return *source_; }

    // Sinks run on the session's thread; add them before start().
    void addSink(PredictionSink* sink) { scorer_.pipeline().addSink(sink); }
    void start();
    // From any thread: ends the stream; the sinks hear onFinish(false).
    void stop() { source_->stop(); }
    // True once the stream ended and its thread is gone; false on timeout.
    bool waitUntilDone(std::chrono::milliseconds timeout) { return thread_.waitUntilDone(timeout); }

    // Any thread, while it runs.
    std::size_t records() const { return scorer_.records(); }
    std::size_t rejected() const { return rejected_.load(std::memory_order_relaxed); }
    std::size_t outOfOrder() const { return scorer_.outOfOrder(); }

    // Only after waitUntilDone() returned true.
    // The stream ended by itself (its input closed) rather than by stop().
    bool complete() const { return complete_; }
    ReplaySnapshot snapshot() const;
    // One entry a connection.
    const LoadReport& report() const { return report_; }

private:
    void run();
    void read(LineReader& reader, FileReport& file);

    std::unique_ptr<LiveSource> source_;
    LiveRecordScorer scorer_;
    LoadReport report_;
    bool complete_ = false;
    double activeSeconds_ = 0;  // from the first connection to the end

    std::atomic<std::size_t> rejected_{0};
    StreamThread thread_;  // last: joined before the rest goes
};

} // namespace ss
