#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>

namespace ss {

// Owners of librdkafka's C objects. The C API rather than rdkafka++ (which
// Debian ships too): the mock cluster the tests start (rdkafka_mock.h) is
// C only, and a few deleters are all the C++ the project needs over it.
struct KafkaDeleter {
    void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
    void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
    void operator()(rd_kafka_message_t* message) const { rd_kafka_message_destroy(message); }
    void operator()(rd_kafka_topic_partition_list_t* list) const { rd_kafka_topic_partition_list_destroy(list); }
};

using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;
using KafkaConf = std::unique_ptr<rd_kafka_conf_t, KafkaDeleter>;
using KafkaMessage = std::unique_ptr<rd_kafka_message_t, KafkaDeleter>;
using KafkaPartitions = std::unique_ptr<rd_kafka_topic_partition_list_t, KafkaDeleter>;

} // namespace ss
