#pragma once

#include "KafkaClientErrors.h"
#include "KafkaEndpoint.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ss {

// Sends keyed messages to Kafka topics. Idempotent by default: a broker
// that goes away and comes back neither loses, repeats nor reorders a
// partition's messages, which matters because a stock's ticks must arrive
// in time order (a consumer rejects one that does not).
//
// One thread sends and flushes; stop(), poll(), the counters and
// clientErrors() may be used from any other. The callbacks run inside
// send(), flush() and poll().
class KafkaProducer {
public:
    // `deliveryTimeout`: how long a message may wait for the brokers before
    // it fails (librdkafka's message.timeout.ms, whose own default is 5
    // minutes), unless the endpoint's properties set it.
    static std::unique_ptr<KafkaProducer> create(const KafkaEndpoint& endpoint, std::string* error,
                                                 std::chrono::milliseconds deliveryTimeout = std::chrono::minutes(5));
    ~KafkaProducer();
    KafkaProducer(const KafkaProducer&) = delete;
    KafkaProducer& operator=(const KafkaProducer&) = delete;

    // Queues one message; while librdkafka's queue is full it waits for
    // deliveries. False, with *error, when it cannot (stopped, refused, or
    // a message failed).
    bool send(const std::string& topic, std::string_view key, std::string_view value, std::string* error);
    // Waits until every queued message is delivered, or one failed (a
    // broker that stays away fails them after the delivery timeout) or
    // stop() was called: then what is still queued or in flight is given
    // up, false, with the first failure in *error. Either way delivered()
    // is final for what was sent so far.
    bool flush(std::string* error);
    // From any thread: ends waits in send() and flush(), which then fail
    // unless everything sent was delivered.
    void stop() { stopped_ = true; }
    // Called on the sending thread, at least every 100 ms, while send() or
    // flush() wait for the brokers.
    void whileWaiting(std::function<void()> callback) { whileWaiting_ = std::move(callback); }
    // From any thread: serves what waits in the client's queue (its errors,
    // statistics, delivery reports), as send() and flush() do: for a
    // producer that has had nothing to send for a while.
    void poll() { rd_kafka_poll(handle_.get(), 0); }

    std::size_t delivered() const { return delivered_.load(std::memory_order_relaxed); }
    // The client's errors since a broker last answered (see
    // KafkaClientErrors); librdkafka logs none of them itself.
    std::vector<KafkaClientErrors::Error> clientErrors() const { return clientErrors_.current(); }

private:
    explicit KafkaProducer(KafkaHandle handle) : handle_(std::move(handle)) {}
    static void onDelivery(rd_kafka_t* handle, const rd_kafka_message_t* message, void* opaque);
    bool failure(std::string* error) const;
    void waited();

    KafkaHandle handle_;
    std::atomic<bool> stopped_{false};
    // Messages queued (by the sending thread), and told of by a delivery
    // report (by whichever thread polled).
    std::size_t accepted_ = 0;
    std::atomic<std::size_t> reported_{0};
    std::atomic<std::size_t> delivered_{0};
    std::function<void()> whileWaiting_;
    mutable std::mutex errorMutex_;
    std::string firstError_;
    KafkaClientErrors clientErrors_;
};

} // namespace ss
