#pragma once

#include "LiveSource.h"
#include "LiveTickValidator.h"
#include "StockRegistry.h"
#include "core/data/LoadReport.h"
#include "core/data/TickRecord.h"
#include "core/stream/PredictionPipeline.h"
#include "core/stream/ReplaySnapshot.h"

#include <condition_variable>
#include <thread>

namespace ss {

class LineReader;

// Scores a live feed as it arrives: reads JSON lines (the thesis's topic
// `test` ticks, or its `test_agg` window records) from a LiveSource on a
// thread of its own, keeps each stock in time order, and drives a
// PredictionPipeline and its sinks exactly as a replay does, so the same
// ticks give the same calls whichever way they come.
//
// Bad input is counted and skipped, per connection, with the first
// offending line: a line longer than LineReader::kMaxLineLength, a line
// that is not a record, a tick not after its stock's previous one, and a
// window record that does not continue its stock's closes.
//
// A window record {"stock", "prices": [p1 .. pk], "date"} is the stock's
// last k closes, pk at `date`. pk is the stock's tick at `date` (it judges
// the stock's open call, then its window is scored); p1 .. pk-1 must be the
// stock's latest closes, as in the collector's sliding windows. For a stock
// with no closes yet they are taken as its history instead: they fill its
// window at once, so a single window record gives a call, but being undated
// they are neither scored nor judged.
class LiveSession {
public:
    LiveSession(std::unique_ptr<LiveSource> source, std::shared_ptr<const LogisticModel> model);
    ~LiveSession();
    LiveSession(const LiveSession&) = delete;
    LiveSession& operator=(const LiveSession&) = delete;

    // The stream's stocks, numbered as the sinks see them.
    std::shared_ptr<const StockRegistry> stocks() const { return registry_; }
    LiveSource& source() { return *source_; }

    // Sinks run on the session's thread; add them before start().
    void addSink(PredictionSink* sink) { pipeline_.addSink(sink); }
    void start();
    // From any thread: ends the stream; the sinks hear onFinish(false).
    void stop() { source_->stop(); }
    // True once the stream ended and its thread is gone; false on timeout.
    bool waitUntilDone(std::chrono::milliseconds timeout);

    // Any thread, while it runs.
    std::size_t records() const { return records_.load(std::memory_order_relaxed); }
    std::size_t rejected() const { return rejected_.load(std::memory_order_relaxed); }
    std::size_t outOfOrder() const { return outOfOrder_.load(std::memory_order_relaxed); }

    // Only after waitUntilDone() returned true.
    // The stream ended by itself (its input closed) rather than by stop().
    bool complete() const { return complete_; }
    ReplaySnapshot snapshot() const;
    // One entry a connection.
    const LoadReport& report() const { return report_; }

private:
    void run();
    void read(LineReader& reader, FileReport& file);
    bool take(const TickRecord& record, const std::vector<double>& window, FileReport& file, const char*& why);
    bool continuesWindow(std::size_t stock, const std::vector<double>& window) const;

    std::unique_ptr<LiveSource> source_;
    std::shared_ptr<StockRegistry> registry_;
    LiveTickValidator validator_;
    PredictionPipeline pipeline_;
    LoadReport report_;
    bool complete_ = false;
    Timestamp lastTime_ = 0;
    double activeSeconds_ = 0;  // from the first connection to the end

    std::atomic<std::size_t> records_{0};
    std::atomic<std::size_t> rejected_{0};
    std::atomic<std::size_t> outOfOrder_{0};
    std::mutex doneMutex_;
    std::condition_variable doneChanged_;
    bool done_ = false;
    std::thread thread_;
};

} // namespace ss
