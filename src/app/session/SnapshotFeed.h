#pragma once

#include "core/stream/ReplaySnapshot.h"

#include <QObject>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace ss {

class ReplayEngine;

// Takes the engine's snapshots on a thread of its own and hands them over
// on the owner's thread. At full speed the engine holds its lock nearly all
// the time, so waiting for a snapshot on the GUI thread could freeze the
// window; here only this thread waits.
class SnapshotFeed : public QObject {
    Q_OBJECT
public:
    explicit SnapshotFeed(const ReplayEngine& engine, QObject* parent = nullptr);
    ~SnapshotFeed() override;

    // Asks for a fresh snapshot, unless one is already on its way.
    void request();

signals:
    void ready(const ss::ReplaySnapshot& snapshot);

private slots:
    void deliver();

private:
    void run(std::stop_token stop);

    const ReplayEngine& engine_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    bool wanted_ = false;
    std::optional<ReplaySnapshot> taken_;  // guarded by mutex_
    bool inFlight_ = false;  // owner's thread only
    std::jthread thread_;
};

} // namespace ss
