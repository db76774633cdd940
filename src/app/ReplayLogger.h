#pragma once

#include "core/model/LogisticModel.h"
#include "core/model/ProgressiveEvaluator.h"
#include "core/storage/PredictionLog.h"
#include "core/storage/RunRecorder.h"
#include "core/stream/PredictionSink.h"

#include <QObject>

#include <memory>
#include <mutex>

namespace ss {

// Logs every pass of a replay as one run of the prediction log. The engine
// keeps its sinks for its whole life, while a log sink serves one pass of
// the stream; so this sink stays and starts a run at a pass's first call,
// and ends it when the stream finishes (finished), starts over or is
// abandoned (stopped). Its callbacks run on the engine's thread.
class ReplayLogger : public QObject, public PredictionSink {
    Q_OBJECT
public:
    // Opens (or creates) the log; null with *error set when it cannot.
    static std::unique_ptr<ReplayLogger> open(const QString& logPath, const QString& source,
                                              std::shared_ptr<const MarketData> data, QString* error);
    // Ends a run still open as stopped. Destroy the engine first.
    ~ReplayLogger() override;

    // The model later runs record; the engine switches at the same time.
    void setModel(std::shared_ptr<const LogisticModel> model);
    const QString& path() const { return log_->path(); }

    void onPrediction(const Prediction& prediction) override;
    void onResolution(const Resolution& resolution) override;
    void onRewind() override;
    void onFinish(bool complete) override;

signals:
    // Emitted on the engine's thread; connect queued.
    void runStarted(qint64 id);
    void runEnded(qint64 id);
    void failed(const QString& error);

private:
    ReplayLogger(std::unique_ptr<PredictionLog> log, QString source, std::shared_ptr<const MarketData> data);
    void beginRun();
    void endRun(bool complete);

    std::unique_ptr<PredictionLog> log_;
    QString source_;
    std::shared_ptr<const MarketData> data_;
    std::mutex modelMutex_;
    std::shared_ptr<const LogisticModel> model_;
    std::unique_ptr<RunRecorder> recorder_;
    ProgressiveEvaluator evaluator_;  // the run's own figures, for its summary
    bool broken_ = false;  // a failure ends logging for this replay
};

} // namespace ss
