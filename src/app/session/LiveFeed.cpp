#include "LiveFeed.h"

#if STOCKSTREAM_KAFKA
#include "core/kafka/KafkaSession.h"
#endif
#include "core/live/LiveSession.h"
#include "core/storage/LoggedRun.h"
#include "core/storage/PredictionLog.h"

#include <QDir>
#include <QFileInfo>

namespace ss {

namespace {

constexpr qint64 kRateWindowMs = 1000;

// The socket feeds: a producer dialled, dialled again with back-off when it
// goes away, or producers taken one after another on a listening socket.
std::unique_ptr<FeedSession> openSocket(const LiveFeedSettings& settings, std::shared_ptr<const LogisticModel> model,
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

#if STOCKSTREAM_KAFKA
// A Kafka topic, read as a member of the settings' group; the messages it
// holds from before the group's last commit come first.
std::unique_ptr<FeedSession> openKafka(const LiveFeedSettings& settings, std::shared_ptr<const LogisticModel> model,
                                        QString* error)
{
    QStringList brokers = settings.brokers.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& broker : brokers)
        broker = broker.trimmed();
    const QString url = QStringLiteral("kafka://%1/%2").arg(brokers.join(QLatin1Char(',')), settings.topic.trimmed());
    std::string why;
    auto endpoint = KafkaEndpoint::parse(url.toStdString(), &why);
    for (const QString& property : settings.properties)
        if (endpoint && !property.trimmed().isEmpty() && !endpoint->addProperty(property.trimmed().toStdString(), &why))
            endpoint.reset();
    auto source = endpoint ? KafkaSource::create(*endpoint, settings.group.trimmed().toStdString(), &why) : nullptr;
    if (!source) {
        *error = QString::fromStdString(why);
        return nullptr;
    }
    // A topic has no end: the feed runs until disconnected.
    return std::make_unique<KafkaSession>(std::move(source), std::move(model), std::chrono::milliseconds(0));
}
#endif

} // namespace

std::unique_ptr<LiveFeed> LiveFeed::open(const LiveFeedSettings& settings, std::shared_ptr<const LogisticModel> model,
                                         const QString& logPath, const StageFactory& learner, QString* error)
{
    if (settings.problems().any()) {
        *error = tr("The live feed's settings are incomplete: open File ▸ Connect to Live Feed… to correct them.");
        return nullptr;
    }
    std::unique_ptr<FeedSession> session;
    if (settings.kind == LiveFeedSettings::Kind::Kafka)
#if STOCKSTREAM_KAFKA
        session = openKafka(settings, model, error);
#else
        *error = tr("This build of StockStream reads no Kafka topics (it was configured without Kafka).");
#endif
    else
        session = openSocket(settings, model, error);
    if (!session)
        return nullptr;
    if (learner)
        session->plugStage(learner);
    std::unique_ptr<LiveFeed> feed(new LiveFeed(std::move(session), std::move(model)));
    if (!logPath.isEmpty() && !feed->startRun(logPath, error))
        return nullptr;
    feed->session_->start();
    return feed;
}

LiveFeed::LiveFeed(std::unique_ptr<FeedSession> session, std::shared_ptr<const LogisticModel> model)
    : model_(std::move(model)), session_(std::move(session))
{
    // The board only watches: a Kafka feed's offsets wait for the log alone.
    session_->addSink(&board_);
    rateClock_.start();
}

LiveFeed::~LiveFeed()
{
    // The run is recorded as the feed ended.
    session_->stop();
    session_->waitUntilDone(std::chrono::hours(1));
    finish();
}

bool LiveFeed::startRun(const QString& logPath, QString* error)
{
    QDir().mkpath(QFileInfo(logPath).path());
    log_ = PredictionLog::open(logPath, error);
    if (!log_)
        return false;
    // A Kafka feed commits its offsets only as far as the log stored the calls.
    run_ = LoggedRun::attach(*session_, *model_, {log_.get(), std::nullopt, {}, model_->sourcePath(), {}, {}}, error);
    return run_ != nullptr;
}

QString LiveFeed::describe() const
{
    return session_->describe();
}

std::shared_ptr<const StockRegistry> LiveFeed::stocks() const
{
    return session_->stocks();
}

qint64 LiveFeed::runId() const
{
    return run_ ? run_->runId() : 0;
}

LiveBoard::Frame LiveFeed::frame(std::optional<std::size_t> watched) const
{
    LiveBoard::Frame f{session_->snapshot(), watched ? board_.calls(*watched) : std::vector<ReportedCall>{}};
    // A feed's stocks appear with their first call, as a browsed run's do.
    while (!f.snapshot.stocks.empty() && !f.snapshot.stocks.back().hasCall)
        f.snapshot.stocks.pop_back();
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
    s.records = session_->records();
    s.messages = s.records + session_->rejected();
    const FeedSession::Link link = session_->link();
    s.connections = link.connections;
    switch (link.state) {
    case FeedSession::Link::State::Connecting: s.state = State::Connecting; break;
    case FeedSession::Link::State::Connected: s.state = State::Connected; break;
    case FeedSession::Link::State::Reconnecting: s.state = State::Reconnecting; break;
    case FeedSession::Link::State::Unreachable: s.state = State::Unreachable; break;
    }
    for (const auto& [what, why] : link.clientErrors)
        s.clientErrors.append({QString::fromStdString(what), QString::fromStdString(why)});
    if (stopRequested_)
        s.state = State::Disconnecting;
    if (ended_) {
        s.state = State::Ended;
        s.reason = reason_;
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
    reason_ = stopRequested_ ? tr("disconnected") : tr("the feed ended");
    if (const std::string problem = session_->endProblem(); !problem.empty())
        reason_ = tr("%1, %2").arg(reason_, QString::fromStdString(problem));
    if (!run_)
        return;
    QJsonObject summary;
    QString error;
    if (!run_->finish({}, summary, &error))
        emit logFailed(error);
}

} // namespace ss
