#pragma once

#include "app/session/LiveFeed.h"
#include "core/data/LoadReport.h"
#include "core/online/OnlineOptions.h"
#include "core/stream/ReplayEngine.h"

#include <QObject>

#include <memory>

namespace ss {

class LoggedPasses;
class SnapshotFeed;

// The stream the window shows, one at a time: a replay of opened data (the
// engine on its own thread, its snapshots taken off the GUI thread, each
// pass logged when asked) or a live feed. Starting one ends the other; a
// pass left mid-way is logged as stopped.
class StreamController : public QObject {
    Q_OBJECT
public:
    // What a stream is scored and traded with.
    struct Scoring {
        std::shared_ptr<const LogisticModel> model;
        OnlineOptions online;
        double tradingCostBps = 0;
    };

    explicit StreamController(QObject* parent = nullptr);
    ~StreamController() override;

    // Replays `data` read from `source`, logged to `logPath` unless it is
    // empty. A log that cannot be opened leaves the replay unlogged, and
    // *logError says why.
    void replay(std::shared_ptr<const MarketData> data, const LoadReport& report, const QString& source,
                const Scoring& scoring, const QString& logPath, QString* logError);
    // Scores a live feed instead. False, with *error, when it cannot start:
    // the stream before it goes on.
    bool connectLive(const LiveFeedSettings& settings, const Scoring& scoring, const QString& logPath, QString* error);
    void close();

    ReplayEngine* engine() const { return engine_.get(); }
    // While a live feed is on screen, running or ended.
    LiveFeed* live() const { return live_.get(); }
    // The log the stream writes to, or empty.
    QString loggingTo() const;
    // The logged run being recorded, 0 when none.
    qint64 activeRun() const { return activeRun_; }

    void setModel(std::shared_ptr<const LogisticModel> model);
    // Into the running replay or live feed, from the record it is at.
    void plugStage(const StageFactory& stage);
    // Asks for the replay's snapshot; snapshotReady() brings it.
    void requestSnapshot();

signals:
    void snapshotReady(const ss::ReplaySnapshot& snapshot);
    void stateChanged();
    // A logged run started or ended.
    void runsChanged();
    void logFailed(const QString& why);
    void liveEnded();

private:
    void followLog();

    std::unique_ptr<LoggedPasses> logger_;  // a sink of engine_: outlives it
    std::unique_ptr<ReplayEngine> engine_;
    std::unique_ptr<SnapshotFeed> feed_;  // reads engine_: goes first
    std::unique_ptr<LiveFeed> live_;
    qint64 activeRun_ = 0;
};

} // namespace ss
