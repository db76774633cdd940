#pragma once

#include "core/data/DataLoader.h"

#include <QObject>
#include <QString>

#include <thread>

namespace ss {

// One DataLoader::load on a thread of its own, so the window stays live while
// thousands of files are read. Poll progress() on a timer; finished() arrives
// queued on the owner's thread.
class DataLoadJob : public QObject {
    Q_OBJECT
public:
    explicit DataLoadJob(QString path, QObject* parent = nullptr);
    // Cancels a load still running and waits for its thread.
    ~DataLoadJob() override;

    void start();
    void cancel() { progress_.cancel = true; }
    const QString& path() const { return path_; }
    const LoadProgress& progress() const { return progress_; }
    // Valid once finished() was emitted.
    LoadResult& result() { return result_; }

signals:
    void finished();

private:
    QString path_;
    LoadProgress progress_;
    LoadResult result_;
    std::jthread thread_;
};

} // namespace ss
