#include "KafkaSource.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace ss {

namespace {

constexpr int kQueryTimeoutMs = 2000;

std::vector<std::pair<std::string, std::string>> consumerDefaults(const std::string& group)
{
    return {{"group.id", group},
            // Offsets are committed by commit() alone, once the logs hold what came before them.
            {"enable.auto.commit", "false"},
            {"enable.auto.offset.store", "false"},
            {"auto.offset.reset", "earliest"},
            KafkaClientErrors::statisticsDefault()};
}

} // namespace

std::unique_ptr<KafkaSource> KafkaSource::create(const KafkaEndpoint& endpoint, const std::string& group,
                                                 std::string* error)
{
    std::unique_ptr<KafkaSource> source(new KafkaSource(endpoint, group));
    KafkaConf conf = endpoint.configure(consumerDefaults(group), error);
    if (!conf)
        return nullptr;
    rd_kafka_conf_set_rebalance_cb(conf.get(), &KafkaSource::onRebalance);
    KafkaClientErrors::collect<KafkaSource, &KafkaSource::clientErrors_>(conf.get());
    rd_kafka_conf_set_opaque(conf.get(), source.get());
    std::array<char, 512> why{};
    source->handle_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), why.data(), why.size()));
    if (!source->handle_) {
        *error = std::string("cannot create a Kafka consumer: ") + why.data();
        return nullptr;
    }
    conf.release();  // owned by the handle now
    rd_kafka_poll_set_consumer(source->handle_.get());
    KafkaPartitions topics(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(topics.get(), endpoint.topic.c_str(), RD_KAFKA_PARTITION_UA);
    if (const rd_kafka_resp_err_t err = rd_kafka_subscribe(source->handle_.get(), topics.get())) {
        *error = "cannot subscribe to " + endpoint.url() + ": " + rd_kafka_err2str(err);
        return nullptr;
    }
    return source;
}

KafkaSource::~KafkaSource()
{
    close();
    // rd_kafka_destroy() would try to leave the group again, as long again.
    if (leftUnfinished_)
        rd_kafka_destroy_flags(handle_.release(), RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
}

// Closed through a queue of its own, rather than rd_kafka_consumer_close(),
// which cannot be given a limit. Serving the queue runs the rebalance
// callback that gives the partitions back.
void KafkaSource::close()
{
    if (!handle_ || closed_)
        return;
    closed_ = true;
    const KafkaQueue queue(rd_kafka_queue_new(handle_.get()));
    if (rd_kafka_error_t* error = rd_kafka_consumer_close_queue(handle_.get(), queue.get())) {
        rd_kafka_error_destroy(error);
        leftUnfinished_ = true;
        return;
    }
    const auto deadline = std::chrono::steady_clock::now() + kLeaveLimit;
    while (!rd_kafka_consumer_closed(handle_.get())) {
        if (std::chrono::steady_clock::now() >= deadline) {
            leftUnfinished_ = true;
            return;
        }
        rd_kafka_queue_poll_callback(queue.get(), 100);
    }
}

// Runs inside poll(). Says on standard error what this member holds, so
// that people (and tests) see the group share out the partitions.
void KafkaSource::onRebalance(rd_kafka_t* handle, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions,
                              void* opaque)
{
    auto* self = static_cast<KafkaSource*>(opaque);
    const bool cooperative = std::string_view(rd_kafka_rebalance_protocol(handle)) == "COOPERATIVE";
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        if (cooperative)
            rd_kafka_error_destroy(rd_kafka_incremental_assign(handle, partitions));
        else
            rd_kafka_assign(handle, partitions);
    } else if (cooperative) {
        rd_kafka_error_destroy(rd_kafka_incremental_unassign(handle, partitions));
    } else {
        rd_kafka_assign(handle, nullptr);
    }
    KafkaPartitions held;
    rd_kafka_topic_partition_list_t* list = nullptr;
    if (rd_kafka_assignment(handle, &list) == RD_KAFKA_RESP_ERR_NO_ERROR)
        held.reset(list);
    self->assigned_ = held ? static_cast<std::size_t>(held->cnt) : 0;
    ++self->rebalances_;
    // Partitions come from the group's coordinator: a broker answered. (A
    // message does not say so: it may have been fetched before the broker
    // went; nor does a revocation, which the client makes alone once the
    // group's session timed out.)
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS)
        self->clientErrors_.brokersAnswered();
    std::fprintf(stderr, "kafka: group %s, %zu partition(s) of %s assigned\n", self->group_.c_str(),
                 self->assigned_.load(), self->endpoint_.topic.c_str());
    std::fflush(stderr);
}

KafkaMessage KafkaSource::poll(std::chrono::milliseconds wait)
{
    KafkaMessage message(rd_kafka_consumer_poll(handle_.get(), static_cast<int>(wait.count())));
    if (!message || message->err == RD_KAFKA_RESP_ERR_NO_ERROR)
        return message;
    if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        ++errors_;
        std::fprintf(stderr, "kafka: %s\n", rd_kafka_message_errstr(message.get()));
    }
    return nullptr;
}

bool KafkaSource::caughtUp()
{
    rd_kafka_topic_partition_list_t* list = nullptr;
    if (rd_kafka_assignment(handle_.get(), &list) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return false;
    const KafkaPartitions held(list);
    // Where this member is: the next offset it reads, or for a partition it
    // read nothing of, where the group left it.
    KafkaPartitions committed(rd_kafka_topic_partition_list_copy(held.get()));
    if (rd_kafka_position(handle_.get(), held.get()) != RD_KAFKA_RESP_ERR_NO_ERROR
        || rd_kafka_committed(handle_.get(), committed.get(), kQueryTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return false;
    for (int i = 0; i < held->cnt; ++i) {
        const rd_kafka_topic_partition_t& p = held->elems[i];
        std::int64_t low = 0;
        std::int64_t high = 0;
        if (rd_kafka_query_watermark_offsets(handle_.get(), p.topic, p.partition, &low, &high, kQueryTimeoutMs)
            != RD_KAFKA_RESP_ERR_NO_ERROR)
            return false;
        const std::int64_t at = p.offset >= 0 ? p.offset : std::max(committed->elems[i].offset, low);
        if (at < high)
            return false;
    }
    return true;
}

bool KafkaSource::commit(const std::vector<std::pair<std::int32_t, std::int64_t>>& offsets, bool wait,
                         std::string* error)
{
    rd_kafka_topic_partition_list_t* list = nullptr;
    if (offsets.empty() || rd_kafka_assignment(handle_.get(), &list) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return true;
    const KafkaPartitions held(list);
    // A partition handed to another member is its to commit now.
    KafkaPartitions commit(rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size())));
    for (const auto& [partition, offset] : offsets)
        if (rd_kafka_topic_partition_list_find(held.get(), endpoint_.topic.c_str(), partition))
            rd_kafka_topic_partition_list_add(commit.get(), endpoint_.topic.c_str(), partition)->offset = offset;
    if (commit->cnt == 0)
        return true;
    const rd_kafka_resp_err_t err = rd_kafka_commit(handle_.get(), commit.get(), wait ? 0 : 1);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        *error = "cannot commit offsets of " + endpoint_.url() + ": " + rd_kafka_err2str(err);
        return false;
    }
    ++commits_;
    return true;
}

} // namespace ss
