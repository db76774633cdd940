#include "LoggedHistoryJob.h"

#include "core/storage/PredictionLog.h"

namespace ss {

LoggedHistoryJob::LoggedHistoryJob(QString logPath, qint64 run, std::string stock, QObject* parent)
    : BackgroundJob(parent), logPath_(std::move(logPath)), run_(run), stock_(std::move(stock))
{
}

LoggedHistoryJob::~LoggedHistoryJob()
{
    waitForThread();
}

void LoggedHistoryJob::run()
{
    if (auto log = PredictionLog::open(logPath_, &error_))
        calls_ = log->stockHistory(run_, stock_, &error_);
}

} // namespace ss
