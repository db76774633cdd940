#include "StreamController.h"

#include "app/session/SnapshotFeed.h"
#include "core/backtest/BacktestStage.h"
#include "core/live/FeedSession.h"
#include "core/online/OnlineLearningStage.h"
#include "core/storage/LoggedPasses.h"

#include <QDir>
#include <QFileInfo>

namespace ss {

StreamController::StreamController(QObject* parent) : QObject(parent) {}

StreamController::~StreamController()
{
    close();
}

void StreamController::close()
{
    live_.reset();
    feed_.reset();
    if (engine_) {
        engine_->stop();
        engine_->waitUntilDone();
    }
    engine_.reset();
    logger_.reset();
    activeRun_ = 0;
}

void StreamController::replay(std::shared_ptr<const MarketData> data, const LoadReport& report, const QString& source,
                              const Scoring& scoring, const QString& logPath, QString* logError)
{
    close();
    engine_ = std::make_unique<ReplayEngine>(std::move(data), scoring.model, report);
    if (scoring.online.enabled())
        engine_->plugStage(onlineLearning(scoring.online));
    engine_->plugStage(backtest(scoring.tradingCostBps));
    if (!logPath.isEmpty()) {
        QDir().mkpath(QFileInfo(logPath).path());
        logger_ = LoggedPasses::attach(*engine_, logPath, source, logError);
        if (logger_) {
            logger_->setModel(scoring.model);
            followLog();
        }
    }
    connect(engine_.get(), &ReplayEngine::stateChanged, this, &StreamController::stateChanged, Qt::QueuedConnection);
    feed_ = std::make_unique<SnapshotFeed>(*engine_);
    connect(feed_.get(), &SnapshotFeed::ready, this, &StreamController::snapshotReady);
}

void StreamController::followLog()
{
    connect(
        logger_.get(), &LoggedPasses::runStarted, this,
        [this](qint64 id) {
            activeRun_ = id;
            emit runsChanged();
        },
        Qt::QueuedConnection);
    connect(
        logger_.get(), &LoggedPasses::runEnded, this,
        [this](qint64 id) {
            if (activeRun_ == id)
                activeRun_ = 0;
            emit runsChanged();
        },
        Qt::QueuedConnection);
    connect(logger_.get(), &LoggedPasses::failed, this, &StreamController::logFailed, Qt::QueuedConnection);
}

bool StreamController::connectLive(const LiveFeedSettings& settings, const Scoring& scoring, const QString& logPath,
                                   QString* error)
{
    // The feed first: when it cannot start, what is on screen stays.
    auto feed = LiveFeed::open(settings, scoring.model, logPath,
                               scoring.online.enabled() ? onlineLearning(scoring.online) : StageFactory{}, error);
    if (!feed)
        return false;
    close();
    live_ = std::move(feed);
    live_->session().plugStage(backtest(scoring.tradingCostBps));
    activeRun_ = live_->runId();
    connect(live_.get(), &LiveFeed::ended, this, [this] {
        activeRun_ = 0;
        emit liveEnded();
    });
    connect(live_.get(), &LiveFeed::logFailed, this, &StreamController::logFailed);
    return true;
}

QString StreamController::loggingTo() const
{
    return logger_ ? logger_->path() : QString();
}

void StreamController::setModel(std::shared_ptr<const LogisticModel> model)
{
    if (logger_)
        logger_->setModel(model);
    if (engine_)
        engine_->setModel(std::move(model));
}

void StreamController::plugStage(const StageFactory& stage)
{
    if (engine_)
        engine_->plugStage(stage);
    else if (live_)
        live_->session().plugStage(stage);
}

void StreamController::requestSnapshot()
{
    if (feed_)
        feed_->request();
}

} // namespace ss
