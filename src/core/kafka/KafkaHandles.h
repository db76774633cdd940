#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>
#include <string_view>

namespace ss {

// Owners of librdkafka's C objects. The C API rather than rdkafka++ (which
// Debian ships too): the mock cluster the tests start (rdkafka_mock.h) is
// C only, and a few deleters are all the C++ the project needs over it.
struct KafkaDeleter {
    void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
    void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
    void operator()(rd_kafka_message_t* message) const { rd_kafka_message_destroy(message); }
    void operator()(rd_kafka_topic_partition_list_t* list) const { rd_kafka_topic_partition_list_destroy(list); }
    void operator()(rd_kafka_queue_t* queue) const { rd_kafka_queue_destroy(queue); }
};

using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;
using KafkaConf = std::unique_ptr<rd_kafka_conf_t, KafkaDeleter>;
using KafkaMessage = std::unique_ptr<rd_kafka_message_t, KafkaDeleter>;
using KafkaPartitions = std::unique_ptr<rd_kafka_topic_partition_list_t, KafkaDeleter>;
using KafkaQueue = std::unique_ptr<rd_kafka_queue_t, KafkaDeleter>;

// Queues one message, key and value copied. Through rd_kafka_produceva()
// rather than rd_kafka_producev(): the latter's RD_KAFKA_V_* macros are GNU
// statement expressions, which a pedantic build warns about.
inline rd_kafka_resp_err_t produceCopy(rd_kafka_t* handle, const char* topic, std::string_view key,
                                       std::string_view value)
{
    rd_kafka_vu_t fields[4];
    fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    fields[0].u.cstr = topic;
    fields[1].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    fields[1].u.i = RD_KAFKA_MSG_F_COPY;
    // With F_COPY librdkafka only reads the bytes; its API just lacks const.
    fields[2].vtype = RD_KAFKA_VTYPE_KEY;
    fields[2].u.mem = {const_cast<char*>(key.data()), key.size()};
    fields[3].vtype = RD_KAFKA_VTYPE_VALUE;
    fields[3].u.mem = {const_cast<char*>(value.data()), value.size()};
    rd_kafka_error_t* error = rd_kafka_produceva(handle, fields, 4);
    if (!error)
        return RD_KAFKA_RESP_ERR_NO_ERROR;
    const rd_kafka_resp_err_t code = rd_kafka_error_code(error);
    rd_kafka_error_destroy(error);
    return code;
}

} // namespace ss
