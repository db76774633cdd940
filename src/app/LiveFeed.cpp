#include "LiveFeed.h"

#include "core/data/MarketData.h"
#include "core/kafka/KafkaSession.h"
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

// A Kafka topic, read as a member of the settings' group; the messages it
// holds from before the group's last commit come first.
std::unique_ptr<KafkaSession> openKafka(const LiveFeedSettings& settings, std::shared_ptr<const LogisticModel> model,
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

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
// Clang 14 (the sanitizer builds) does not deduce an aggregate's arguments by itself.
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

} // namespace

std::unique_ptr<LiveFeed> LiveFeed::open(const LiveFeedSettings& settings, std::shared_ptr<const LogisticModel> model,
                                         const QString& logPath, QString* error)
{
    if (settings.problems().any()) {
        *error = tr("The live feed's settings are incomplete: open File ▸ Connect to Live Feed… to correct them.");
        return nullptr;
    }
    std::unique_ptr<LiveFeed> feed;
    if (settings.kind == LiveFeedSettings::Kind::Kafka) {
        auto session = openKafka(settings, model, error);
        if (!session)
            return nullptr;
        QString description = QString::fromStdString(session->source().describe() + "#" + session->source().group());
        feed.reset(new LiveFeed(std::move(session), std::move(description), model));
    } else {
        auto session = openSocket(settings, model, error);
        if (!session)
            return nullptr;
        QString description = QString::fromStdString(session->source().describe());
        feed.reset(new LiveFeed(std::move(session), std::move(description), model));
    }
    if (!logPath.isEmpty() && !feed->startRun(logPath, model->sourcePath(), error))
        return nullptr;
    feed->withSession([](auto& session) { session.start(); });
    return feed;
}

LiveFeed::LiveFeed(Session session, QString description, std::shared_ptr<const LogisticModel> model)
    : model_(std::move(model)), board_(model_), session_(std::move(session)), description_(std::move(description))
{
    // The board only watches: a Kafka feed's offsets wait for the log alone.
    std::visit(Overloaded{[this](const std::unique_ptr<LiveSession>& s) { s->addSink(&board_); },
                          [this](const std::unique_ptr<KafkaSession>& s) { s->addWatcher(&board_); }},
               session_);
    rateClock_.start();
}

LiveFeed::~LiveFeed()
{
    // Destroying the session stops it and joins its thread; the run is
    // then recorded as it ended.
    withSession([](auto& session) {
        session.stop();
        session.waitUntilDone(std::chrono::hours(1));
    });
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
    const StockNames names = [stocks = stocks()](std::size_t stock) { return stocks->name(stock); };
    recorder_ = RunRecorder::start(*log_, std::move(*run), names, error);
    if (!recorder_)
        return false;
    // A Kafka feed commits its offsets only as far as the log stored the calls.
    std::visit(Overloaded{[this](const std::unique_ptr<LiveSession>& s) { s->addSink(&recorder_->sink()); },
                          [this](const std::unique_ptr<KafkaSession>& s) { s->addLoggedSink(&recorder_->sink()); }},
               session_);
    return true;
}

std::shared_ptr<const StockRegistry> LiveFeed::stocks() const
{
    return withSession([](auto& session) { return session.stocks(); });
}

qint64 LiveFeed::runId() const
{
    return recorder_ ? recorder_->runId() : 0;
}

LiveBoard::Frame LiveFeed::frame(std::optional<std::size_t> watched) const
{
    LiveBoard::Frame f = board_.frame(watched);
    const std::size_t records = withSession([](auto& session) { return session.records(); });
    f.snapshot.progress = {ended_ ? ReplayState::Stopped : ReplayState::Playing, records, records, 0, 0};
    for (const StockStatus& s : f.snapshot.stocks)
        f.snapshot.progress.time = std::max(f.snapshot.progress.time, s.lastTime);
    return f;
}

void LiveFeed::stop()
{
    stopRequested_ = true;
    withSession([](auto& session) { session.stop(); });
}

LiveFeed::Status LiveFeed::poll()
{
    if (!ended_ && withSession([](auto& session) { return session.waitUntilDone(std::chrono::milliseconds(0)); })) {
        finish();
        emit ended();
    }
    Status s;
    withSession([&s](auto& session) {
        s.records = session.records();
        s.messages = s.records + session.rejected();
    });
    std::visit(Overloaded{[&s](const std::unique_ptr<LiveSession>& session) {
                              const LiveSource& source = session->source();
                              s.connections = source.connections();
                              s.state = source.connected()   ? State::Connected
                                        : s.connections == 0 ? State::Connecting
                                                             : State::Reconnecting;
                          },
                          // Connected once the group shared out the partitions;
                          // reconnecting while poll() reports errors and nothing
                          // has come since; unreachable while the client's own
                          // errors stand, until a broker answers again.
                          [&s, this](const std::unique_ptr<KafkaSession>& session) {
                              const KafkaSource& source = session->source();
                              s.connections = source.rebalances();
                              if (s.messages != messagesSeen_ || s.connections != kafkaSharesSeen_) {
                                  kafkaSharesSeen_ = s.connections;
                                  kafkaErrorsSeen_ = source.errors();
                              }
                              s.state = s.connections == 0                      ? State::Connecting
                                        : source.errors() > kafkaErrorsSeen_ ? State::Reconnecting
                                                                               : State::Connected;
                              for (const KafkaSource::ClientError& e : source.clientErrors())
                                  s.clientErrors.append({QString::fromUtf8(rd_kafka_err2str(e.code)),
                                                         QString::fromStdString(e.reason)});
                              if (!s.clientErrors.isEmpty())
                                  s.state = State::Unreachable;
                          }},
               session_);
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
    QString error;
    // A Kafka session closed it already, before its last commit; closing it
    // again tells whether every write succeeded.
    if (recorder_)
        recorder_->sink().close(&error);
    QJsonObject summary;
    std::visit(Overloaded{[&](const std::unique_ptr<LiveSession>& session) {
                              if (const std::string why = session->source().error(); !why.empty())
                                  reason_ = QString::fromStdString(why);
                              summary.insert("connections", static_cast<qint64>(session->source().connections()));
                          },
                          [&](const std::unique_ptr<KafkaSession>& session) {
                              // A commit that failed only means some messages come again.
                              if (const std::string& why = session->commitError(); !why.empty())
                                  reason_ = tr("%1, %2; the messages after the last commit will be read again")
                                                .arg(reason_, QString::fromStdString(why));
                              summary.insert("group", QString::fromStdString(session->source().group()));
                              summary.insert("messages", static_cast<qint64>(session->messages()));
                              summary.insert("commits", static_cast<qint64>(session->source().commits()));
                          }},
               session_);
    if (!recorder_)
        return;
    withSession([&](auto& session) {
        const QJsonObject figures = replaySummary(session.snapshot(), session.report());
        for (auto it = figures.begin(); it != figures.end(); ++it)
            summary.insert(it.key(), it.value());
        summary.insert("out_of_order", static_cast<qint64>(session.outOfOrder()));
    });
    summary.insert("source", description_);
    summary.insert("run", recorder_->runId());
    if (!recorder_->finish(withSession([](auto& session) { return session.complete(); }), summary, &error))
        emit logFailed(error);
}

} // namespace ss
