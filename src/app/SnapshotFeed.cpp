#include "SnapshotFeed.h"

#include "core/stream/ReplayEngine.h"

namespace ss {

SnapshotFeed::SnapshotFeed(const ReplayEngine& engine, QObject* parent) : QObject(parent), engine_(engine)
{
    thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

SnapshotFeed::~SnapshotFeed()
{
    thread_.request_stop();
    thread_.join();
}

void SnapshotFeed::request()
{
    if (inFlight_)
        return;
    inFlight_ = true;
    {
        std::lock_guard lock(mutex_);
        wanted_ = true;
    }
    wake_.notify_one();
}

void SnapshotFeed::run(std::stop_token stop)
{
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            if (!wake_.wait(lock, stop, [this] { return wanted_; }))
                return;
            wanted_ = false;
        }
        auto snapshot = std::make_shared<const ReplaySnapshot>(engine_.snapshot());
        // Delivered on the owner's thread; dropped if the feed is gone by then.
        QMetaObject::invokeMethod(
            this,
            [this, snapshot] {
                inFlight_ = false;
                emit ready(*snapshot);
            },
            Qt::QueuedConnection);
    }
}

} // namespace ss
