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
        auto snapshot = engine_.snapshot();
        {
            std::lock_guard lock(mutex_);
            taken_ = std::move(snapshot);
        }
        // The snapshot crosses over through mutex_, and the call is posted by
        // name, so nothing but Qt's event queue is shared with the owner's
        // thread (and ThreadSanitizer sees every hand-off). A call still
        // queued when the feed is destroyed is dropped with it.
        QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
    }
}

void SnapshotFeed::deliver()
{
    std::optional<ReplaySnapshot> snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot.swap(taken_);
    }
    inFlight_ = false;
    if (snapshot)
        emit ready(*snapshot);
}

} // namespace ss
