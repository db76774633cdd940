#include "KafkaProducer.h"

#include <array>

namespace ss {

namespace {

constexpr int kPollMs = 100;

std::vector<std::pair<std::string, std::string>> producerDefaults(std::chrono::milliseconds deliveryTimeout)
{
    return {{"enable.idempotence", "true"},
            // Many small ticks: gather them into large batches.
            {"linger.ms", "20"},
            {"compression.type", "lz4"},
            {"message.timeout.ms", std::to_string(deliveryTimeout.count())},
            KafkaClientErrors::statisticsDefault()};
}

} // namespace

std::unique_ptr<KafkaProducer> KafkaProducer::create(const KafkaEndpoint& endpoint, std::string* error,
                                                     std::chrono::milliseconds deliveryTimeout)
{
    KafkaConf conf = endpoint.configure(producerDefaults(deliveryTimeout), error);
    if (!conf)
        return nullptr;
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &KafkaProducer::onDelivery);
    KafkaClientErrors::collect<KafkaProducer, &KafkaProducer::clientErrors_>(conf.get());
    std::unique_ptr<KafkaProducer> producer(new KafkaProducer(nullptr));
    rd_kafka_conf_set_opaque(conf.get(), producer.get());
    std::array<char, 512> why{};
    // rd_kafka_new owns the configuration once it succeeds.
    producer->handle_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), why.data(), why.size()));
    if (!producer->handle_) {
        *error = std::string("cannot create a Kafka producer: ") + why.data();
        return nullptr;
    }
    conf.release();
    return producer;
}

KafkaProducer::~KafkaProducer()
{
    // What is still queued is given up: flush() is where delivery is awaited.
    if (handle_)
        rd_kafka_purge(handle_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
}

void KafkaProducer::onDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque)
{
    auto* self = static_cast<KafkaProducer*>(opaque);
    self->reported_.fetch_add(1, std::memory_order_relaxed);
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        self->delivered_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    std::lock_guard lock(self->errorMutex_);
    if (self->firstError_.empty())
        self->firstError_ = std::string("Kafka delivery failed: ") + rd_kafka_err2str(message->err);
}

bool KafkaProducer::failure(std::string* error) const
{
    std::lock_guard lock(errorMutex_);
    if (firstError_.empty())
        return false;
    *error = firstError_;
    return true;
}

void KafkaProducer::waited()
{
    if (whileWaiting_)
        whileWaiting_();
}

bool KafkaProducer::send(const std::string& topic, std::string_view key, std::string_view value, std::string* error)
{
    for (;;) {
        if (failure(error))
            return false;
        if (stopped_) {
            *error = "Kafka producer stopped";
            return false;
        }
        const rd_kafka_resp_err_t err = produceCopy(handle_.get(), topic.c_str(), key, value);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            ++accepted_;
            rd_kafka_poll(handle_.get(), 0);  // serve delivery reports as they come
            return true;
        }
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            *error = "cannot send to Kafka topic " + topic + ": " + rd_kafka_err2str(err);
            return false;
        }
        rd_kafka_poll(handle_.get(), kPollMs);
        waited();
    }
}

bool KafkaProducer::flush(std::string* error)
{
    // Messages, not the client's whole queue: that holds its errors and
    // statistics too, which stay there when no one polls.
    auto unfinished = [this] { return reported_.load(std::memory_order_relaxed) < accepted_; };
    std::string why;
    while (unfinished() && !stopped_ && !failure(&why)) {
        rd_kafka_flush(handle_.get(), kPollMs);
        waited();
    }
    if (!failure(&why) && unfinished())
        why = "Kafka producer stopped before every message was delivered";
    if (unfinished()) {
        // The rest would fail alike, each one delivery timeout after it was
        // sent: given up now, as their delivery reports (served here) say.
        rd_kafka_purge(handle_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_flush(handle_.get(), kPollMs);
    }
    if (why.empty())
        return true;
    *error = std::move(why);
    return false;
}

} // namespace ss
