#pragma once

#include "BackgroundJob.h"
#include "core/storage/PredictionExporter.h"

#include <atomic>

namespace ss {

// One export of logged predictions in the background, through a connection
// of its own, so the window stays live and a replay may keep logging
// meanwhile. It counts the records to export first, so that progress is
// records written of records to write: poll records() and total().
class ExportJob : public BackgroundJob {
    Q_OBJECT
public:
    ExportJob(QString logPath, PredictionLog::Query query, ExportFormat format, QString outPath,
              QObject* parent = nullptr);
    // Cancels an export still running and waits for its thread.
    ~ExportJob() override;

    void cancel() { cancel_ = true; }
    std::int64_t records() const { return records_.load(); }
    // The records the export writes; -1 while they are being counted.
    std::int64_t total() const { return total_.load(); }
    // Valid once finished() was emitted: records written, or nothing with error().
    const std::optional<std::int64_t>& written() const { return written_; }
    const QString& error() const { return error_; }
    bool cancelled() const { return cancel_.load(); }

private:
    void run() override;

    QString logPath_;
    PredictionLog::Query query_;
    ExportFormat format_;
    QString outPath_;
    std::atomic<bool> cancel_{false};
    std::atomic<std::int64_t> records_{0};
    std::atomic<std::int64_t> total_{-1};
    std::optional<std::int64_t> written_;
    QString error_;
};

} // namespace ss
