#pragma once

#include "BackgroundJob.h"

#include <QString>

#include <optional>

namespace ss {

// Deletes runs from the prediction log and gives their space back, on a
// connection of its own in the background: reclaiming rewrites pages of a
// file that may hold gigabytes.
class LogMaintenanceJob : public BackgroundJob {
    Q_OBJECT
public:
    // One run.
    static LogMaintenanceJob* deleteRun(QString logPath, qint64 run, QObject* parent = nullptr);
    // All but the `keep` newest.
    static LogMaintenanceJob* keepLatest(QString logPath, int keep, QObject* parent = nullptr);
    ~LogMaintenanceJob() override;

    // Valid once finished() was emitted: runs deleted, and why it failed
    // (empty when it did not).
    int deleted() const { return deleted_; }
    const QString& error() const { return error_; }

private:
    LogMaintenanceJob(QString logPath, std::optional<qint64> run, int keep, QObject* parent);
    void run() override;

    QString logPath_;
    std::optional<qint64> run_;
    int keep_;
    int deleted_ = 0;
    QString error_;
};

} // namespace ss
