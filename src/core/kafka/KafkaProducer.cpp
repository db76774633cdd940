#include "KafkaProducer.h"

#include <array>

namespace ss {

namespace {

constexpr int kPollMs = 100;

const std::vector<std::pair<std::string, std::string>> kProducerDefaults = {
    {"enable.idempotence", "true"},
    // Many small ticks: gather them into large batches.
    {"linger.ms", "20"},
    {"compression.type", "lz4"},
};

} // namespace

std::unique_ptr<KafkaProducer> KafkaProducer::create(const KafkaEndpoint& endpoint, std::string* error)
{
    KafkaConf conf = endpoint.configure(kProducerDefaults, error);
    if (!conf)
        return nullptr;
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &KafkaProducer::onDelivery);
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
            rd_kafka_poll(handle_.get(), 0);  // serve delivery reports as they come
            return true;
        }
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            *error = "cannot send to Kafka topic " + topic + ": " + rd_kafka_err2str(err);
            return false;
        }
        rd_kafka_poll(handle_.get(), kPollMs);
    }
}

bool KafkaProducer::flush(std::string* error)
{
    while (rd_kafka_outq_len(handle_.get()) > 0 && !stopped_)
        rd_kafka_flush(handle_.get(), kPollMs);
    if (failure(error))
        return false;
    if (rd_kafka_outq_len(handle_.get()) > 0) {
        *error = "Kafka producer stopped before every message was delivered";
        return false;
    }
    return true;
}

} // namespace ss
