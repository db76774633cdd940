#include "KafkaEndpoint.h"

#include "core/live/LiveSource.h"

#include <algorithm>
#include <array>

namespace ss {

namespace {

constexpr std::string_view kScheme = "kafka://";
constexpr std::size_t kMaxTopicLength = 249;  // Kafka's own limit

bool validBrokers(const std::string& brokers)
{
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = brokers.find(',', start);
        const auto address = parseHostPort(brokers.substr(start, comma - start), {});
        if (!address || address->first.empty() || address->second == 0)
            return false;
        if (comma == std::string::npos)
            return true;
        start = comma + 1;
    }
}

bool set(rd_kafka_conf_t* conf, const std::string& key, const std::string& value, std::string* error)
{
    std::array<char, 512> why{};
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), why.data(), why.size()) == RD_KAFKA_CONF_OK)
        return true;
    *error = "Kafka property " + key + ": " + why.data();
    return false;
}

} // namespace

std::optional<KafkaEndpoint> KafkaEndpoint::parse(const std::string& url, std::string* error)
{
    const std::size_t slash = url.find('/', kScheme.size());
    KafkaEndpoint endpoint;
    if (url.starts_with(kScheme) && slash != std::string::npos) {
        endpoint.brokers = url.substr(kScheme.size(), slash - kScheme.size());
        endpoint.topic = url.substr(slash + 1);
    }
    if (!validBrokers(endpoint.brokers) || !validTopic(endpoint.topic)) {
        *error = "a Kafka stream is kafka://HOST:PORT[,HOST:PORT...]/TOPIC, not '" + url + "'";
        return std::nullopt;
    }
    return endpoint;
}

bool KafkaEndpoint::validTopic(const std::string& topic)
{
    return !topic.empty() && topic.size() <= kMaxTopicLength && topic != "." && topic != ".."
           && std::all_of(topic.begin(), topic.end(), [](char c) {
                  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                         || c == '_' || c == '-';
              });
}

bool KafkaEndpoint::addProperty(const std::string& property, std::string* error)
{
    const std::size_t equals = property.find('=');
    if (equals == 0 || equals == std::string::npos) {
        *error = "a Kafka property is KEY=VALUE, not '" + property + "'";
        return false;
    }
    properties.emplace_back(property.substr(0, equals), property.substr(equals + 1));
    return true;
}

KafkaConf KafkaEndpoint::configure(const std::vector<std::pair<std::string, std::string>>& defaults,
                                   std::string* error) const
{
    KafkaConf conf(rd_kafka_conf_new());
    if (!set(conf.get(), "bootstrap.servers", brokers, error))
        return nullptr;
    for (const auto* list : {&defaults, &properties})
        for (const auto& [key, value] : *list)
            if (!set(conf.get(), key, value, error))
                return nullptr;
    return conf;
}

} // namespace ss
