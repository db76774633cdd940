#pragma once

#include "core/data/DataLoader.h"
#include "core/stream/ReplaySnapshot.h"

#include <QJsonObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace ss {
class LogisticModel;
}

namespace ss::api {

// One replay started through the API: loads its source, streams it through
// a ReplayEngine and logs every call as a new run of the prediction log, on
// a thread of its own with a connection of its own to the log, exactly as
// `stockstream-cli replay --db` would. status() and stop() may be called
// from any thread while it works.
class ReplayJob {
public:
    struct Request {
        QString source;     // anything DataLoader reads from a path
        QString modelPath;  // recorded with the run
        std::shared_ptr<const LogisticModel> model;
        Pace pace;
    };

    enum class Phase { Loading, Playing, Finished, Stopped, Failed };

    // Starts at once; the log at `logPath` must exist.
    ReplayJob(QString logPath, Request request);
    // Stops the replay and waits until its run is committed.
    ~ReplayJob();
    ReplayJob(const ReplayJob&) = delete;
    ReplayJob& operator=(const ReplayJob&) = delete;

    // Stops loading or replaying, and returns once the run is committed.
    void stop();
    // Still loading or playing.
    bool active() const;
    // The run's id once loading succeeded, else 0.
    qint64 runId() const;
    // {"state", "run", "source", "model", "processed", "total"} and, once
    // it ended, "summary" (as `replay` prints it) or "error".
    QJsonObject status() const;

private:
    void run();
    void replay();
    void settle(Phase phase, const QString& error, const QJsonObject& summary);

    const QString logPath_;
    const Request request_;

    // Guards what status() reads.
    mutable std::mutex mutex_;
    Phase phase_ = Phase::Loading;
    qint64 runId_ = 0;
    ReplayProgress progress_;
    QString error_;
    QJsonObject summary_;

    std::atomic<bool> stopRequested_{false};
    LoadProgress loadProgress_;
    std::thread thread_;
};

} // namespace ss::api
