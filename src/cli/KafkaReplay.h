#pragma once

#include "FeedOutputs.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <chrono>
#include <optional>

namespace ss {
class LogisticModel;
}

namespace ss::cli {

// `replay --data kafka://BROKERS/TOPIC`: the ticks or windows of a Kafka
// topic scored as they arrive, as a member of a consumer group, with the
// prediction records produced to --output-topic keyed by stock and the
// topic's offsets committed once the logs hold what came before them.
class KafkaReplay {
public:
    KafkaReplay();
    void addTo(QCommandLineParser& parser) const;

    // idleTimeout: the --idle-timeout of live feeds.
    int run(const QCommandLineParser& parser, const QString& data, LogisticModel model, const QString& modelPath,
            const FeedOutputs& outputs, std::chrono::milliseconds idleTimeout) const;

private:
    QCommandLineOption group_;
    QCommandLineOption property_;
    QCommandLineOption outputTopic_;
};

} // namespace ss::cli
