#include "LogMaintenanceJob.h"

#include "core/storage/PredictionLog.h"

namespace ss {

LogMaintenanceJob::LogMaintenanceJob(QString logPath, std::optional<qint64> run, int keep, QObject* parent)
    : BackgroundJob(parent), logPath_(std::move(logPath)), run_(run), keep_(keep)
{
}

LogMaintenanceJob* LogMaintenanceJob::deleteRun(QString logPath, qint64 run, QObject* parent)
{
    return new LogMaintenanceJob(std::move(logPath), run, 0, parent);
}

LogMaintenanceJob* LogMaintenanceJob::keepLatest(QString logPath, int keep, QObject* parent)
{
    return new LogMaintenanceJob(std::move(logPath), std::nullopt, keep, parent);
}

LogMaintenanceJob::~LogMaintenanceJob()
{
    waitForThread();
}

void LogMaintenanceJob::run()
{
    const auto log = PredictionLog::open(logPath_, &error_);
    if (!log)
        return;
    if (run_) {
        if (!log->deleteRun(*run_, &error_))
            return;
        deleted_ = 1;
    } else {
        const auto deleted = log->keepLatest(keep_, &error_);
        if (!deleted)
            return;
        deleted_ = *deleted;
    }
    if (deleted_ > 0)
        log->reclaimSpace(&error_);
}

} // namespace ss
