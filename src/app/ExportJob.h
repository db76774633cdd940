#pragma once

#include "core/storage/PredictionExporter.h"

#include <QObject>

#include <atomic>
#include <thread>

namespace ss {

// One export of logged predictions on a thread of its own, through a
// connection of its own, so the window stays live and a replay may keep
// logging meanwhile. Poll fraction(); finished() arrives queued.
class ExportJob : public QObject {
    Q_OBJECT
public:
    ExportJob(QString logPath, PredictionLog::Query query, ExportFormat format, QString outPath,
              QObject* parent = nullptr);
    // Cancels an export still running and waits for its thread.
    ~ExportJob() override;

    void start();
    void cancel() { cancel_ = true; }
    double fraction() const { return fraction_.load(); }
    std::int64_t records() const { return records_.load(); }
    // Valid once finished() was emitted: records written, or nothing with error().
    const std::optional<std::int64_t>& written() const { return written_; }
    const QString& error() const { return error_; }
    bool cancelled() const { return cancel_.load(); }

signals:
    void finished();

private:
    void run();

    QString logPath_;
    PredictionLog::Query query_;
    ExportFormat format_;
    QString outPath_;
    std::atomic<bool> cancel_{false};
    std::atomic<double> fraction_{0};
    std::atomic<std::int64_t> records_{0};
    std::optional<std::int64_t> written_;
    QString error_;
    std::jthread thread_;
};

} // namespace ss
