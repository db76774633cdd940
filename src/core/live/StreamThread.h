#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace ss {

// The thread a live session reads its stream on, and how others wait for
// its end: the wait is a condition variable with a timeout (a command line
// polls it to show progress and notice Ctrl-C), then a join, so whatever
// the thread left behind is visible to the waiter.
class StreamThread {
public:
    StreamThread() = default;
    // Joins: the owner has told the work to stop first.
    ~StreamThread();
    StreamThread(const StreamThread&) = delete;
    StreamThread& operator=(const StreamThread&) = delete;

    void start(std::function<void()> work);
    // True once the work returned and the thread is gone (or was never
    // started); false on timeout.
    bool waitUntilDone(std::chrono::milliseconds timeout);

private:
    std::mutex mutex_;
    std::condition_variable doneChanged_;
    bool started_ = false;  // by the owner's thread, before any wait
    bool done_ = false;
    std::thread thread_;
};

} // namespace ss
