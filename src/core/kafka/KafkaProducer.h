#pragma once

#include "KafkaEndpoint.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace ss {

// Sends keyed messages to Kafka topics. Idempotent by default: a broker
// that goes away and comes back neither loses, repeats nor reorders a
// partition's messages, which matters because a stock's ticks must arrive
// in time order (a consumer rejects one that does not).
class KafkaProducer {
public:
    static std::unique_ptr<KafkaProducer> create(const KafkaEndpoint& endpoint, std::string* error);
    ~KafkaProducer();
    KafkaProducer(const KafkaProducer&) = delete;
    KafkaProducer& operator=(const KafkaProducer&) = delete;

    // Queues one message; while librdkafka's queue is full it waits for
    // deliveries. False, with *error, when it cannot (stopped, or refused).
    bool send(const std::string& topic, std::string_view key, std::string_view value, std::string* error);
    // Waits until every queued message is delivered or has failed (a broker
    // that stays away fails them after message.timeout.ms); false, with the
    // first failure in *error, when any failed or stop() was called.
    bool flush(std::string* error);
    // From any thread: ends waits in send() and flush(), which then fail.
    void stop() { stopped_ = true; }

    std::size_t delivered() const { return delivered_.load(std::memory_order_relaxed); }

private:
    explicit KafkaProducer(KafkaHandle handle) : handle_(std::move(handle)) {}
    static void onDelivery(rd_kafka_t* handle, const rd_kafka_message_t* message, void* opaque);
    bool failure(std::string* error) const;

    KafkaHandle handle_;
    std::atomic<bool> stopped_{false};
    std::atomic<std::size_t> delivered_{0};
    mutable std::mutex errorMutex_;
    std::string firstError_;
};

} // namespace ss
