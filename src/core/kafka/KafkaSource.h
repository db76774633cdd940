#pragma once

#include "KafkaClientErrors.h"
#include "KafkaEndpoint.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ss {

// Reads a Kafka topic as a member of a consumer group: the brokers share
// the topic's partitions among the group's members, so instances started
// with the same group split the stocks (a producer keys each tick by its
// stock, so a stock lives in one partition). Offsets are committed only
// when commit() is told to; a group seen for the first time reads its
// partitions from the beginning.
//
// One thread polls and commits; stop() and the counters may be used from
// any other.
class KafkaSource {
public:
    using ClientError = KafkaClientErrors::Error;

    static std::unique_ptr<KafkaSource> create(const KafkaEndpoint& endpoint, const std::string& group,
                                               std::string* error);
    ~KafkaSource();
    KafkaSource(const KafkaSource&) = delete;
    KafkaSource& operator=(const KafkaSource&) = delete;

    // The next message, waiting up to `wait`; null when none came. Errors
    // the client recovers from by itself (a broker away) are not returned:
    // a message's on standard error, the client's in clientErrors().
    KafkaMessage poll(std::chrono::milliseconds wait);
    // Commits the next offsets to read, per partition, for the partitions
    // this member still holds. `wait`: synchronously, for the last commit.
    bool commit(const std::vector<std::pair<std::int32_t, std::int64_t>>& offsets, bool wait, std::string* error);
    // Whether this member read all its partitions hold, as far as the
    // brokers say now; false when they cannot be asked (one is away).
    bool caughtUp();
    // Leaves the group (its partitions go to the other members at once),
    // waiting for the group's coordinator at most kLeaveLimit: with the
    // brokers away, leaving would wait as long as they stay away. A member
    // that could not leave is dropped by the group after its session
    // timeout, as one that died.
    void close();
    static constexpr std::chrono::milliseconds kLeaveLimit{5000};

    void stop() { stopped_ = true; }
    bool stopped() const { return stopped_.load(); }
    std::string describe() const { return endpoint_.url(); }
    const std::string& group() const { return group_; }
    std::size_t assigned() const { return assigned_.load(); }
    std::size_t commits() const { return commits_.load(); }
    // How many times the group shared out the partitions.
    std::size_t rebalances() const { return rebalances_.load(); }
    // How many errors poll() reported (the client retries by itself).
    std::size_t errors() const { return errors_.load(); }
    // The client's errors since a broker last answered (see
    // KafkaClientErrors); librdkafka logs none of them itself.
    std::vector<ClientError> clientErrors() const { return clientErrors_.current(); }

private:
    KafkaSource(KafkaEndpoint endpoint, std::string group) : endpoint_(std::move(endpoint)), group_(std::move(group)) {}
    static void onRebalance(rd_kafka_t* handle, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions,
                            void* opaque);

    KafkaEndpoint endpoint_;
    std::string group_;
    KafkaHandle handle_;
    bool closed_ = false;
    bool leftUnfinished_ = false;  // close() gave up: the handle goes without leaving
    std::atomic<bool> stopped_{false};
    std::atomic<std::size_t> assigned_{0};
    std::atomic<std::size_t> commits_{0};
    std::atomic<std::size_t> rebalances_{0};
    std::atomic<std::size_t> errors_{0};
    // Written on the polling thread (the callbacks run inside poll()), read
    // by whoever shows the feed's state.
    KafkaClientErrors clientErrors_;
};

} // namespace ss
