#include "PredictionLogSink.h"

#include <chrono>

namespace ss {

namespace {
// Hand-over cadence and sizes. 100 ms plus the time to write at most
// kMaxPending calls keeps every commit well inside a quarter of a second.
constexpr auto kHandOverInterval = std::chrono::milliseconds(100);
constexpr std::size_t kHandOverCalls = 65536;
constexpr std::size_t kMaxPending = 2 * kHandOverCalls;
} // namespace

PredictionLogSink::PredictionLogSink(std::unique_ptr<PredictionBatchWriter> writer) : writer_(std::move(writer))
{
    thread_ = std::thread([this] { run(); });
}

PredictionLogSink::~PredictionLogSink()
{
    QString ignored;
    close(&ignored);
}

void PredictionLogSink::waitForRoom(std::unique_lock<std::mutex>& lock)
{
    if (pending_.calls.size() < kMaxPending)
        return;
    wake_.notify_one();
    drained_.wait(lock, [this] { return pending_.calls.size() < kMaxPending || failed() || closing_; });
}

void PredictionLogSink::onPrediction(const Prediction& p)
{
    std::unique_lock lock(mutex_);
    waitForRoom(lock);
    if (failed() || closing_)
        return;
    if (p.stock >= open_.size())
        open_.resize(p.stock + 1);
    open_[p.stock] = {generation_, pending_.calls.size()};
    pending_.calls.push_back({p.stock, p.time, pending_.closes.size(), p.windowSize, p.margin, p.pUp, p.up, -1, 0, 0.0,
                              p.online != nullptr, p.online ? *p.online : OnlineCall{}, true});
    pending_.closes.insert(pending_.closes.end(), p.window, p.window + p.windowSize);
    if (pending_.calls.size() == kHandOverCalls)
        wake_.notify_one();
}

void PredictionLogSink::onResolution(const Resolution& r)
{
    std::lock_guard lock(mutex_);
    if (failed() || closing_)
        return;
    std::int64_t call = -1;
    if (r.stock < open_.size() && open_[r.stock].batch == generation_) {
        LoggedCall& c = pending_.calls[open_[r.stock].index];
        c.actual = r.actualUp ? 1 : 0;
        c.resolvedTime = r.time;
        c.nextClose = r.close;
        call = static_cast<std::int64_t>(open_[r.stock].index);
    }
    pending_.resolutions.push_back({r.stock, r.callTime, r.time, r.close, r.actualUp, call});
}

void PredictionLogSink::onFinish(bool complete)
{
    {
        std::lock_guard lock(mutex_);
        finishRequested_ = true;
        complete_ = complete;
    }
    wake_.notify_one();
}

bool PredictionLogSink::close(QString* error)
{
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    wake_.notify_one();
    drained_.notify_all();
    if (thread_.joinable())
        thread_.join();
    if (failed()) {
        *error = this->error();
        return false;
    }
    return true;
}

QString PredictionLogSink::error() const
{
    std::lock_guard lock(mutex_);
    return error_;
}

void PredictionLogSink::fail(const QString& error)
{
    std::lock_guard lock(mutex_);
    if (!failed()) {
        error_ = error;
        failed_ = true;
    }
    pending_.clear();
    drained_.notify_all();
}

void PredictionLogSink::run()
{
    PredictionBatch batch;
    bool finished = false;
    std::unique_lock lock(mutex_);
    while (!finished) {
        wake_.wait_for(lock, kHandOverInterval, [this] {
            return closing_ || finishRequested_ || pending_.calls.size() >= kHandOverCalls;
        });
        // Once asked to finish or close, this is the last batch: the engine
        // produces nothing more after telling the sink the stream ended.
        finished = closing_ || finishRequested_;
        const bool complete = complete_;
        std::swap(batch, pending_);
        ++generation_;
        lock.unlock();
        drained_.notify_all();

        QString error;
        if (!batch.empty() && !failed()) {
            if (!writer_->write(batch, &error))
                fail(error);
            else if (written_)
                written_(batch.calls.size() + batch.resolutions.size());
        }
        batch.clear();
        if (finished && !failed() && !writer_->finish(complete, &error))
            fail(error);
        lock.lock();
    }
    closing_ = true;
    drained_.notify_all();
}

} // namespace ss
