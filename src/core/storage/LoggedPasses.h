#pragma once

#include "PredictionLog.h"
#include "RunRecorder.h"
#include "core/stream/StreamSession.h"

#include <QObject>

#include <memory>
#include <mutex>

namespace ss {

// The logged-run sequence for a session that starts over (a replay in the
// window): every pass of the stream is a run of its own. A session keeps its
// sinks for its whole life, while a log sink serves one pass; so this sink
// stays, starts a run at a pass's first call, and ends it with the pass's
// figures when the pass ends (finished, stopped, or left by a restart). Its
// callbacks run on the session's thread, and so are its signals emitted.
class LoggedPasses : public QObject, public PredictionSink {
    Q_OBJECT
public:
    // Opens (or creates) the log and adds itself to `session`'s sinks;
    // null with *error set when the log cannot be opened. `source`: the
    // session's data, as its runs record it.
    static std::unique_ptr<LoggedPasses> attach(StreamSession& session, const QString& logPath, const QString& source,
                                                QString* error);
    // Ends a run still open as stopped. Destroy the session first.
    ~LoggedPasses() override;

    // The model later runs record; the session switches at the same time.
    void setModel(std::shared_ptr<const LogisticModel> model);
    const QString& path() const { return log_->path(); }

    void onPrediction(const Prediction& prediction) override;
    void onResolution(const Resolution& resolution) override;
    void onFinish(bool complete) override;
    void onPassEnd(bool complete, const ReplaySnapshot& figures) override;

signals:
    // Emitted on the session's thread; connect queued.
    void runStarted(qint64 id);
    void runEnded(qint64 id);
    void failed(const QString& error);

private:
    LoggedPasses(std::unique_ptr<PredictionLog> log, QString source, const StreamSession& session);
    void beginRun();
    void endRun(bool complete, const ReplaySnapshot* figures);

    std::unique_ptr<PredictionLog> log_;
    QString source_;
    const StreamSession& session_;
    std::mutex modelMutex_;
    std::shared_ptr<const LogisticModel> model_;
    std::unique_ptr<RunRecorder> recorder_;
    bool broken_ = false;  // a failure ends logging until the next pass
};

} // namespace ss
