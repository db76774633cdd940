#pragma once

#include "BackgroundJob.h"
#include "core/data/DataLoader.h"

#include <QString>

#include <optional>

namespace ss {

// One DataLoader::load in the background, so the window stays live while
// thousands of files are read. Poll progress() on a timer. Given a cache,
// unchanged data is taken from it and newly read data kept in it.
class DataLoadJob : public BackgroundJob {
    Q_OBJECT
public:
    explicit DataLoadJob(QString path, TableOptions options = {}, std::optional<MarketDataCache> cache = {},
                         QObject* parent = nullptr);
    // Cancels a load still running and waits for its thread.
    ~DataLoadJob() override;

    void cancel() { progress_.cancel = true; }
    const QString& path() const { return path_; }
    const LoadProgress& progress() const { return progress_; }
    // Valid once finished() was emitted.
    LoadResult& result() { return result_; }

private:
    void run() override;

    QString path_;
    TableOptions options_;
    std::optional<MarketDataCache> cache_;
    LoadProgress progress_;
    LoadResult result_;
};

} // namespace ss
