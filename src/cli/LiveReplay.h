#pragma once

#include "FeedOutputs.h"
#if STOCKSTREAM_KAFKA
#include "KafkaReplay.h"
#endif

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace ss {
class LogisticModel;
}

namespace ss::cli {

// `replay` on a live feed: ticks scored as they arrive from standard input
// (--data - --live), a producer it dials (--data tcp://HOST:PORT) or
// producers that dial it (--listen [HOST:]PORT, loopback unless a host is
// named), or a Kafka topic (--data kafka://BROKERS/TOPIC, see KafkaReplay),
// instead of a source loaded whole and replayed.
class LiveReplay {
public:
    LiveReplay();
    void addTo(QCommandLineParser& parser) const;
    // Whether the command line asks for a live feed.
    bool requested(const QCommandLineParser& parser, const QString& data) const;

    int run(const QCommandLineParser& parser, const QString& data, LogisticModel model, const QString& modelPath,
            const FeedOutputs& outputs) const;

private:
    QCommandLineOption listen_;
    QCommandLineOption live_;
    QCommandLineOption reconnect_;
    QCommandLineOption retryFor_;
    QCommandLineOption idleTimeout_;
#if STOCKSTREAM_KAFKA
    KafkaReplay kafka_;
#endif
};

} // namespace ss::cli
