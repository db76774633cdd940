#include "LiveFeed.h"

#include "core/data/MarketData.h"
#include "core/live/LiveSession.h"
#include "core/storage/PredictionLog.h"
#include "core/storage/RunRecorder.h"
#include "core/stream/ReplaySummary.h"

#include <QDir>
#include <QFileInfo>

namespace ss {

namespace {

constexpr qint64 kRateWindowMs = 1000;

// The socket feeds: a producer dialled, dialled again with back-off when it
// goes away, or producers taken one after another on a listening socket.
std::unique_ptr<LiveSession> openSocket(const LiveFeedSettings& settings, std::shared_ptr<const LogisticModel> model,
                                        QString* error)
{
    LiveSourceOptions options;
    options.reconnect = true;
    const bool listening = settings.kind == LiveFeedSettings::Kind::Listen;
    options.mode = listening ? LiveSourceOptions::Mode::Listen : LiveSourceOptions::Mode::Connect;
    const QString address = (listening ? settings.listenOn : settings.connectTo).trimmed();
    const auto hostPort = parseHostPort(address.toStdString(), listening ? options.host : std::string());
    if (!hostPort) {
        *error = QObject::tr("'%1' is not an address of the form HOST:PORT").arg(address);
        return nullptr;
    }
    std::tie(options.host, options.port) = *hostPort;
    options.retryFor = std::chrono::seconds(settings.retrySeconds);
    std::string why;
    auto source = LiveSource::create(options, &why);
    if (!source) {
        *error = QString::fromStdString(why);
        return nullptr;
    }
    return std::make_unique<LiveSession>(std::move(source), std::move(model));
}

} // namespace

std::unique_ptr<LiveFeed> LiveFeed::open(const LiveFeedSettings& settings, std::shared_ptr<const LogisticModel> model,
                                         const QString& logPath, QString* error)
{
    if (settings.problems().any()) {
        *error = tr("The live feed's settings are incomplete: open File ▸ Connect to Live Feed… to correct them.");
        return nullptr;
    }
    // Kafka topics are read by KafkaSession (src/core/kafka), which hands
    // its calls only to logged sinks, the ones that gate its offset
    // commits; once it also takes a sink that only watches (the board), a
    // Kafka feed starts here beside the socket ones, from the same settings,
    // and the rest of the window works unchanged.
    if (settings.kind == LiveFeedSettings::Kind::Kafka) {
        *error = tr("The window cannot read Kafka topics yet: score them with stockstream-cli replay --data "
                    "kafka://%1/%2, or connect to a producer over TCP.")
                     .arg(settings.brokers.trimmed(), settings.topic.trimmed());
        return nullptr;
    }
    auto session = openSocket(settings, model, error);
    if (!session)
        return nullptr;
    std::unique_ptr<LiveFeed> feed(new LiveFeed(std::move(session), model));
    if (!logPath.isEmpty() && !feed->startRun(logPath, model->sourcePath(), error))
        return nullptr;
    feed->session_->start();
    return feed;
}

LiveFeed::LiveFeed(std::unique_ptr<LiveSession> session, std::shared_ptr<const LogisticModel> model)
    : model_(std::move(model)), board_(model_), session_(std::move(session)),
      description_(QString::fromStdString(session_->source().describe()))
{
    session_->addSink(&board_);
    rateClock_.start();
}

LiveFeed::~LiveFeed()
{
    // Destroying the session stops it and joins its thread; the run is
    // then recorded as it ended.
    session_->stop();
    session_->waitUntilDone(std::chrono::hours(1));
    finish();
}

bool LiveFeed::startRun(const QString& logPath, const QString& modelPath, QString* error)
{
    QDir().mkpath(QFileInfo(logPath).path());
    log_ = PredictionLog::open(logPath, error);
    if (!log_)
        return false;
    // The run's span and record count are unknown up front; its summary holds them.
    auto run = PredictionLog::describeRun(description_, modelPath, *model_, MarketData(), error);
    if (!run)
        return false;
    const StockNames names = [stocks = session_->stocks()](std::size_t stock) { return stocks->name(stock); };
    recorder_ = RunRecorder::start(*log_, std::move(*run), names, error);
    if (!recorder_)
        return false;
    session_->addSink(&recorder_->sink());
    return true;
}

std::shared_ptr<const StockRegistry> LiveFeed::stocks() const
{
    return session_->stocks();
}

qint64 LiveFeed::runId() const
{
    return recorder_ ? recorder_->runId() : 0;
}

LiveBoard::Frame LiveFeed::frame(std::optional<std::size_t> watched) const
{
    LiveBoard::Frame f = board_.frame(watched);
    const std::size_t records = session_->records();
    f.snapshot.progress = {ended_ ? ReplayState::Stopped : ReplayState::Playing, records, records, 0, 0};
    for (const StockStatus& s : f.snapshot.stocks)
        f.snapshot.progress.time = std::max(f.snapshot.progress.time, s.lastTime);
    return f;
}

void LiveFeed::stop()
{
    stopRequested_ = true;
    session_->stop();
}

LiveFeed::Status LiveFeed::poll()
{
    if (!ended_ && session_->waitUntilDone(std::chrono::milliseconds(0))) {
        finish();
        emit ended();
    }
    Status s;
    const LiveSource& source = session_->source();
    s.records = session_->records();
    s.messages = s.records + session_->rejected();
    s.connections = source.connections();
    if (ended_) {
        s.state = State::Ended;
        s.reason = reason_;
    } else if (source.connected()) {
        s.state = State::Connected;
    } else {
        s.state = s.connections == 0 ? State::Connecting : State::Reconnecting;
    }

    if (s.messages != messagesSeen_) {
        messagesSeen_ = s.messages;
        sinceMessage_.start();
    }
    s.secondsSinceMessage = sinceMessage_.isValid() ? sinceMessage_.elapsed() / 1000.0 : -1;
    if (const qint64 elapsed = rateClock_.elapsed(); elapsed >= kRateWindowMs) {
        rate_ = static_cast<double>(s.messages - rateMessages_) * 1000.0 / static_cast<double>(elapsed);
        rateMessages_ = s.messages;
        rateClock_.restart();
    }
    s.messagesPerSecond = ended_ ? 0 : rate_;
    return s;
}


// Once the session's thread is gone (joined by waitUntilDone()).
void LiveFeed::finish()
{
    if (ended_)
        return;
    ended_ = true;
    if (const std::string why = session_->source().error(); !why.empty())
        reason_ = QString::fromStdString(why);
    else
        reason_ = stopRequested_ ? tr("disconnected") : tr("the feed ended");
    if (!recorder_)
        return;
    QString error;
    recorder_->sink().close(&error);
    const ReplaySnapshot snapshot = session_->snapshot();
    QJsonObject summary = replaySummary(snapshot, session_->report());
    summary.insert("source", description_);
    summary.insert("connections", static_cast<qint64>(session_->source().connections()));
    summary.insert("out_of_order", static_cast<qint64>(session_->outOfOrder()));
    summary.insert("run", recorder_->runId());
    if (!recorder_->finish(session_->complete(), summary, &error))
        emit logFailed(error);
}

} // namespace ss
