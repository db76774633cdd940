#pragma once

#include "BackgroundJob.h"
#include "core/storage/PredictionRecord.h"

#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace ss {

// Reads one stock's calls of a logged run in the background, through a
// connection of its own: a long run's history is a walk over every one of
// its timestamps.
class LoggedHistoryJob : public BackgroundJob {
    Q_OBJECT
public:
    LoggedHistoryJob(QString logPath, qint64 run, std::string stock, QObject* parent = nullptr);
    ~LoggedHistoryJob() override;

    const std::string& stock() const { return stock_; }
    // Valid once finished() was emitted: the calls, or nothing with error().
    const std::optional<std::vector<PredictionRecord>>& calls() const { return calls_; }
    const QString& error() const { return error_; }

private:
    void run() override;

    QString logPath_;
    qint64 run_;
    std::string stock_;
    std::optional<std::vector<PredictionRecord>> calls_;
    QString error_;
};

} // namespace ss
