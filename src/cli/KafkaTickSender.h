#pragma once

#include "TickSender.h"
#include "core/kafka/KafkaEndpoint.h"
#include "core/kafka/KafkaProducer.h"

#include <memory>
#include <string>

namespace ss::cli {

// Ticks produced to a Kafka topic, a message a tick keyed by its stock, so
// a stock's ticks share a partition, in order. Sent means acknowledged by
// the brokers; what is not by the end is given up and counted.
class KafkaTickSender : public TickSender {
public:
    // Null, with *error, when the producer cannot be made.
    static std::unique_ptr<KafkaTickSender> create(const KafkaEndpoint& endpoint, std::string* error);

    bool send(std::string_view stock, Timestamp time, double close) override;
    // The client took each tick as it came: only its news are due.
    bool flush() override;
    bool finish() override;
    std::size_t sent() const override;
    QString failure(const QString& destination) const override;
    // "undelivered": the ticks the brokers never acknowledged.
    void addToSummary(QJsonObject& summary) const override;

private:
    KafkaTickSender(KafkaEndpoint endpoint, std::unique_ptr<KafkaProducer> producer);
    void warnOfClientErrors();

    KafkaEndpoint endpoint_;
    std::unique_ptr<KafkaProducer> producer_;
    KafkaClientErrors::Warnings warnings_;
    std::string line_;
    std::size_t sent_ = 0;
    bool finished_ = false;
    std::string error_;
};

} // namespace ss::cli
