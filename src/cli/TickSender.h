#pragma once

#include "core/data/Timestamp.h"

#include <QJsonObject>
#include <QString>

#include <cstddef>
#include <string_view>

namespace ss::cli {

// Where `produce` sends its ticks, one JSON line each: standard output or
// a TCP receiver (FdTickSender), or a Kafka topic (KafkaTickSender).
class TickSender {
public:
    virtual ~TickSender() = default;

    // One tick; false once sending failed.
    virtual bool send(std::string_view stock, Timestamp time, double close) = 0;
    // Sends what send() held back: at a set speed, at least every few milliseconds.
    virtual bool flush() = 0;
    // After the last tick: sends what is left and waits for what is in flight.
    virtual bool finish() { return flush(); }
    // Ticks the receiver has.
    virtual std::size_t sent() const = 0;
    // Once sending failed: why, as one line naming `destination`.
    virtual QString failure(const QString& destination) const = 0;
    // The sender's own figures in the summary.
    virtual void addToSummary(QJsonObject& summary) const { (void)summary; }
    // The reader of standard output stopped reading (produce | head): the
    // stream ends the way any line-oriented tool's does, quietly and
    // successfully.
    virtual bool readerLeft() const { return false; }
};

} // namespace ss::cli
