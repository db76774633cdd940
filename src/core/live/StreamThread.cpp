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
        if (!doneChanged_.wait_for(lock, timeout, [this] { return done_; }))
            return false;
    }
    if (thread_.joinable())
        thread_.join();
    return true;
}

} // namespace ss
