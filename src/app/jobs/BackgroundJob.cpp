#include "BackgroundJob.h"

namespace ss {

void BackgroundJob::start()
{
    thread_ = std::jthread([this] {
        run();
        // Posted by name: no functor made on this thread is read on the
        // owner's. Dropped if the job is destroyed first.
        QMetaObject::invokeMethod(this, "settle", Qt::QueuedConnection);
    });
}

void BackgroundJob::waitForThread()
{
    if (thread_.joinable())
        thread_.join();
}

void BackgroundJob::settle()
{
    waitForThread();
    emit finished();
}

} // namespace ss
