#include "StreamThread.h"

namespace ss {

StreamThread::~StreamThread()
{
    if (thread_.joinable())
        thread_.join();
}

void StreamThread::start(std::function<void()> work)
{
    started_ = true;
    thread_ = std::thread([this, work = std::move(work)] {
        work();
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        doneChanged_.notify_all();
    });
}

bool StreamThread::waitUntilDone(std::chrono::milliseconds timeout)
{
    if (!started_)
        return true;
    {
        std::unique_lock lock(mutex_);
        const auto done = [this] { return done_; };
        // A wait "for ever" as a plain wait: converted to a deadline, the
        // largest timeout would overflow the clock.
        if (timeout == std::chrono::milliseconds::max())
            doneChanged_.wait(lock, done);
        else if (!doneChanged_.wait_for(lock, timeout, done))
            return false;
    }
    if (thread_.joinable())
        thread_.join();
    return true;
}

} // namespace ss
