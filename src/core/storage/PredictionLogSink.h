#pragma once

#include "PredictionBatch.h"
#include "PredictionBatchWriter.h"
#include "core/stream/StoringSink.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace ss {

// Takes the engine's calls and outcomes off the replay's hot path: on the
// engine's thread it only appends them to an in-memory batch; a writer
// thread of its own hands the batch to a PredictionBatchWriter at least
// every 100 ms (sooner when it grows large), so with the database writer a
// transaction commits several times a second.
//
// An outcome whose call is still in the current batch is folded into that
// call, so nearly every call is written once, already resolved; only calls
// open across a hand-over (at most one a stock) are resolved by an update.
//
// When the writer falls behind, the engine waits for it rather than
// letting memory grow without bound: the log never drops a call. After the
// writer fails, the sink discards what follows and reports the error.
// A sink logs one pass of the stream: calls after the stream ended (a
// replay started over) belong in a new run with a new sink.
class PredictionLogSink : public StoringSink {
public:
    explicit PredictionLogSink(std::unique_ptr<PredictionBatchWriter> writer);
    ~PredictionLogSink() override;

    void onPrediction(const Prediction& prediction) override;
    void onResolution(const Resolution& resolution) override;
    void onFinish(bool complete) override;

    // Writes what is left, finishes the writer (as incomplete when the
    // stream never finished) and stops the thread. False, with *error, when
    // any write failed. Idempotent. Call it once the engine has stopped or
    // finished: calls that arrive after it are not logged.
    bool close(QString* error) override;
    // May be polled from any thread while the replay runs.
    bool failed() const override { return failed_.load(std::memory_order_relaxed); }
    QString error() const;

    // Told, on the writer thread, how many events (calls plus outcomes, in
    // the order the sink received them) each successful write stored: a
    // live source that acknowledges its input (Kafka offsets) does so only
    // for what is stored. Set it before the stream starts.
    void setWrittenListener(std::function<void(std::size_t events)> listener) override
    {
        written_ = std::move(listener);
    }

private:
    struct OpenCall {
        std::uint64_t batch = 0;  // generation of the batch holding it
        std::size_t index = 0;
    };

    void run();
    void fail(const QString& error);
    void waitForRoom(std::unique_lock<std::mutex>& lock);

    std::unique_ptr<PredictionBatchWriter> writer_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable drained_;
    PredictionBatch pending_;
    std::uint64_t generation_ = 1;
    std::vector<OpenCall> open_;
    bool finishRequested_ = false;
    bool complete_ = false;
    bool closing_ = false;
    std::atomic<bool> failed_{false};
    QString error_;
    std::function<void(std::size_t)> written_;
    std::thread thread_;
};

} // namespace ss
