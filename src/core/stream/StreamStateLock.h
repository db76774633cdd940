#pragma once

#include <atomic>
#include <mutex>
#include <thread>

namespace ss {

// Guards a stream's state between the thread that works on it and the
// threads that read it (snapshots, stages plugged in). The working thread
// takes it back at once, batch after batch, and a plain mutex re-taken at
// once could keep a reader waiting for hundreds of milliseconds; so readers
// say they are waiting, and the working thread lets them in first.
class StreamStateLock {
public:
    // Any thread but the working one.
    std::unique_lock<std::mutex> read() const
    {
        waiting_.fetch_add(1);
        std::unique_lock lock(mutex_);
        waiting_.fetch_sub(1);
        return lock;
    }
    // The working thread.
    std::unique_lock<std::mutex> hold() const { return std::unique_lock(mutex_); }
    // The working thread, with the state let go: waits until the readers
    // waiting for it had their turn.
    void letReadersIn() const
    {
        while (waiting_.load() > 0)
            std::this_thread::yield();
    }

private:
    mutable std::mutex mutex_;
    mutable std::atomic<int> waiting_{0};
};

} // namespace ss
