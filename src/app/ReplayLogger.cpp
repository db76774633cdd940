#include "ReplayLogger.h"

#include "core/data/MarketData.h"
#include "core/stream/ReplaySummary.h"

namespace ss {

std::unique_ptr<ReplayLogger> ReplayLogger::open(const QString& logPath, const QString& source,
                                                 std::shared_ptr<const MarketData> data, QString* error)
{
    auto log = PredictionLog::open(logPath, error);
    if (!log)
        return nullptr;
    return std::unique_ptr<ReplayLogger>(new ReplayLogger(std::move(log), source, std::move(data)));
}

ReplayLogger::ReplayLogger(std::unique_ptr<PredictionLog> log, QString source, std::shared_ptr<const MarketData> data)
    : log_(std::move(log)), source_(std::move(source)), data_(std::move(data)), evaluator_(data_->stockCount())
{
}

ReplayLogger::~ReplayLogger()
{
    endRun(false);
}

void ReplayLogger::setModel(std::shared_ptr<const LogisticModel> model)
{
    std::lock_guard lock(modelMutex_);
    model_ = std::move(model);
}

void ReplayLogger::beginRun()
{
    std::shared_ptr<const LogisticModel> model;
    {
        std::lock_guard lock(modelMutex_);
        model = model_;
    }
    QString error;
    auto run = PredictionLog::describeRun(source_, model->sourcePath(), *model, *data_, &error);
    if (run)
        recorder_ = RunRecorder::start(*log_, std::move(*run), *data_, std::nullopt, &error);
    if (!recorder_) {
        broken_ = true;
        emit failed(error);
        return;
    }
    evaluator_.reset(data_->stockCount());
    emit runStarted(recorder_->runId());
}

void ReplayLogger::endRun(bool complete)
{
    if (!recorder_)
        return;
    QJsonObject summary = tallyJson(evaluator_.overall());
    summary.insert("unresolved", static_cast<qint64>(evaluator_.openCalls()));
    QString error;
    const qint64 id = recorder_->runId();
    if (!recorder_->finish(complete, summary, &error)) {
        broken_ = true;
        emit failed(error);
    }
    recorder_.reset();
    emit runEnded(id);
}

void ReplayLogger::onPrediction(const Prediction& p)
{
    if (!recorder_ && !broken_)
        beginRun();
    if (!recorder_)
        return;
    evaluator_.call(p.stock, p.time, p.window[p.windowSize - 1], p.window[p.windowSize - 2], p.up);
    recorder_->sink().onPrediction(p);
}

void ReplayLogger::onResolution(const Resolution& r)
{
    if (!recorder_)
        return;
    evaluator_.resolve(r.stock, r.close);
    recorder_->sink().onResolution(r);
}

void ReplayLogger::onRewind()
{
    endRun(false);
    broken_ = false;
}

void ReplayLogger::onFinish(bool complete)
{
    if (recorder_)
        recorder_->sink().onFinish(complete);
    endRun(complete);
}

} // namespace ss
