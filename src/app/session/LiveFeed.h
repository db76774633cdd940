#pragma once

#include "LiveBoard.h"
#include "LiveFeedSettings.h"
#include "core/stream/PipelineStage.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

namespace ss {

class FeedSession;
class LoggedRun;
class PredictionLog;
class StockRegistry;

// A live feed as the window runs it: a session scoring the feed (a socket's
// or a Kafka topic's) on a thread of its own with the model given, a
// LiveBoard the views read, and optionally a run of the prediction log
// recording every call, as a replay logs one. Lives on the window's thread.
//
// A Kafka topic is read as a member of the settings' consumer group, and
// its offsets are committed as the command line commits them: only as far
// as the run logged has stored the calls (all that is read when no run is
// logged; the board only watches).
class LiveFeed : public QObject {
    Q_OBJECT
public:
    // Unreachable: a Kafka client's brokers cannot be reached (it retries);
    // Disconnecting: asked to end, finishing (a Kafka feed's last commit).
    enum class State { Connecting, Connected, Reconnecting, Unreachable, Disconnecting, Ended };

    // Where the feed stands, for the connection indicator.
    struct Status {
        State state = State::Connecting;
        QString reason;             // why it ended, once it did
        std::size_t records = 0;    // ticks scored
        std::size_t messages = 0;   // lines received: ticks, and lines refused
        std::size_t connections = 0;
        double messagesPerSecond = 0;
        // Seconds since the window last saw a message arrive; negative
        // before the first one.
        double secondsSinceMessage = -1;
        // A Kafka feed: the client's errors since a broker last answered,
        // as (what the error is, librdkafka's reason), one of each kind.
        QList<std::pair<QString, QString>> clientErrors;
    };

    // Starts the feed. Null, with *error saying why, when it cannot start:
    // an address in use, a log that cannot be opened, a kind of feed this
    // build cannot read. `logPath` empty: no run is logged.
    // `learner`: a stage to plug in from the first tick (online learning), if any.
    static std::unique_ptr<LiveFeed> open(const LiveFeedSettings& settings, std::shared_ptr<const LogisticModel> model,
                                          const QString& logPath, const StageFactory& learner, QString* error);
    // Stops the feed (a run is recorded as stopped) and waits for its thread.
    ~LiveFeed() override;

    // "tcp://HOST:PORT", "listen://HOST:PORT" (with the port bound),
    // "kafka://BROKERS/TOPIC#GROUP".
    QString describe() const;
    std::shared_ptr<const StockRegistry> stocks() const;
    // The views' picture; its progress counts the ticks scored so far.
    LiveBoard::Frame frame(std::optional<std::size_t> watched) const;
    // Looks at the feed: once it has ended, its thread is joined, its run
    // recorded, and ended() emitted. Call it at the window's pace.
    Status poll();
    // Asks the feed to end; poll() tells when it did. Neither waits: a
    // Kafka feed's last commit, which a broker that is away holds up for
    // the group's session timeout, is made on the feed's own thread.
    void stop();
    bool hasEnded() const { return ended_; }
    // Once ended: why, and whether by a fault rather than on request.
    const QString& endReason() const { return reason_; }
    bool failed() const { return ended_ && !stopRequested_; }
    // The run of the prediction log being recorded; 0 when none.
    qint64 runId() const;
    // The session scoring the feed: its snapshot, and a learner plugged in.
    FeedSession& session() { return *session_; }

signals:
    void ended();
    // The log could not store what the feed gave it; the feed goes on.
    void logFailed(const QString& error);

private:
    LiveFeed(std::unique_ptr<FeedSession> session, std::shared_ptr<const LogisticModel> model);
    bool startRun(const QString& logPath, QString* error);
    void finish();

    std::shared_ptr<const LogisticModel> model_;
    LiveBoard board_;                       // a sink of session_: outlives it
    std::unique_ptr<PredictionLog> log_;    // run_ records into it
    std::unique_ptr<FeedSession> session_;
    std::unique_ptr<LoggedRun> run_;        // attached to session_: goes first
    bool stopRequested_ = false;
    bool ended_ = false;
    QString reason_;

    // Messages per second over the last second or so, and when the last
    // message was seen.
    QElapsedTimer rateClock_;
    std::size_t rateMessages_ = 0;
    double rate_ = 0;
    QElapsedTimer sinceMessage_;
    std::size_t messagesSeen_ = 0;
};

} // namespace ss
