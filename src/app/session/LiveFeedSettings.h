#pragma once

#include <QString>
#include <QStringList>

class QSettings;

namespace ss {

// Where File ▸ Connect to live feed… takes its ticks from: a producer it
// dials (tcp://HOST:PORT, dialled again with back-off when it goes away),
// producers that dial it ([HOST:]PORT, loopback unless a host is named),
// or a Kafka topic. Remembered between sessions.
struct LiveFeedSettings {
    enum class Kind { Connect, Listen, Kafka };
    Kind kind = Kind::Connect;
    QString connectTo = QStringLiteral("127.0.0.1:9999");
    // Connect: how long to keep dialling, at first and after the producer
    // left, before giving up.
    int retrySeconds = 30;
    QString listenOn = QStringLiteral("127.0.0.1:9999");
    QString brokers = QStringLiteral("localhost:9092");
    QString topic = QStringLiteral("test");
    QString group = QStringLiteral("stockstream");
    // librdkafka properties passed through (security.protocol, sasl.*,
    // ssl.* ...), one KEY=VALUE a line.
    QStringList properties;

    // What is wrong with each field of the kind in force, empty when
    // nothing is; one message a field, for the form to show beside it.
    struct Problems {
        QString connectTo;
        QString listenOn;
        QString brokers;
        QString topic;
        QString group;
        QString properties;
        bool operator==(const Problems&) const = default;
        bool any() const { return *this != Problems{}; }
    };
    Problems problems() const;

    // "tcp://HOST:PORT", "listen://HOST:PORT" or "kafka://BROKERS/TOPIC".
    QString describe() const;

    // The last session's settings; the defaults where none were saved.
    static LiveFeedSettings load(const QSettings& settings);
    void save(QSettings& settings) const;

    bool operator==(const LiveFeedSettings&) const = default;
};

} // namespace ss
