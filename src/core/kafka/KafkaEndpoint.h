#pragma once

#include "KafkaHandles.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ss {

// Where a Kafka stream is and how to reach it: kafka://BROKERS/TOPIC, with
// BROKERS a comma-separated list of HOST:PORT, and librdkafka properties
// passed through as they are (security.protocol, sasl.*, ssl.* ...).
struct KafkaEndpoint {
    std::string brokers;
    std::string topic;
    std::vector<std::pair<std::string, std::string>> properties;

    // nullopt, with the reason in *error, unless `url` is kafka://BROKERS/TOPIC.
    static std::optional<KafkaEndpoint> parse(const std::string& url, std::string* error);
    // false, with the reason in *error, unless `property` is KEY=VALUE.
    bool addProperty(const std::string& property, std::string* error);
    // Whether `topic` is a name Kafka accepts.
    static bool validTopic(const std::string& topic);

    std::string url() const { return "kafka://" + brokers + "/" + topic; }
    // A librdkafka configuration for these brokers and properties, applied
    // after `defaults` so that the user's settings win; null with *error
    // when librdkafka refuses one.
    KafkaConf configure(const std::vector<std::pair<std::string, std::string>>& defaults, std::string* error) const;
};

} // namespace ss
