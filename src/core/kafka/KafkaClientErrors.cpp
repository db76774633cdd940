#include "KafkaClientErrors.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <string_view>

namespace ss {

namespace {

bool hasCode(const std::vector<KafkaClientErrors::Error>& errors, rd_kafka_resp_err_t code)
{
    return std::any_of(errors.begin(), errors.end(), [code](const auto& e) { return e.code == code; });
}

} // namespace

std::vector<std::string> KafkaClientErrors::Warnings::fresh(const std::string& client,
                                                             const std::vector<Error>& errors)
{
    // A kind gone (the brokers answered) is told of anew when it comes back.
    std::erase_if(told_, [&errors](rd_kafka_resp_err_t code) { return !hasCode(errors, code); });
    std::vector<std::string> lines;
    for (const Error& e : errors) {
        if (std::find(told_.begin(), told_.end(), e.code) != told_.end())
            continue;
        told_.push_back(e.code);
        lines.push_back(client + " (" + rd_kafka_err2str(e.code) + "): " + e.reason + "; retrying");
    }
    return lines;
}

// Runs inside the client's poll. A broker that stays away is reported again
// as the client retries: its kind is kept once, with the latest reason.
void KafkaClientErrors::add(rd_kafka_resp_err_t code, const char* reason)
{
    const std::lock_guard lock(mutex_);
    const auto known = std::find_if(errors_.begin(), errors_.end(), [code](const Error& e) { return e.code == code; });
    if (known != errors_.end())
        known->reason = reason;
    else
        errors_.push_back({code, reason});
}

// Runs inside the client's poll, every statistics.interval.ms. No callback
// says that a broker is back; its connection state in the statistics does.
void KafkaClientErrors::readStatistics(const char* json, std::size_t length)
{
    const QJsonObject brokers = QJsonDocument::fromJson(QByteArray::fromRawData(json, static_cast<qsizetype>(length)))
                                    .object()
                                    .value(QLatin1String("brokers"))
                                    .toObject();
    // The client's internal broker is always up; it talks to no one.
    if (std::any_of(brokers.begin(), brokers.end(), [](const QJsonValue& broker) {
            const QJsonObject b = broker.toObject();
            return b.value(QLatin1String("state")).toString() == QLatin1String("UP")
                   && b.value(QLatin1String("source")).toString() != QLatin1String("internal");
        }))
        brokersAnswered();
}

// librdkafka's own threads. A broker connection that fails is logged and
// reported to the error callback alike: only the report is kept.
void KafkaClientErrors::onLog(const rd_kafka_t* handle, int level, const char* facility, const char* message)
{
    if (std::string_view(facility) != "FAIL")
        rd_kafka_log_print(handle, level, facility, message);
}

void KafkaClientErrors::brokersAnswered()
{
    const std::lock_guard lock(mutex_);
    errors_.clear();
}

std::vector<KafkaClientErrors::Error> KafkaClientErrors::current() const
{
    const std::lock_guard lock(mutex_);
    return errors_;
}

} // namespace ss
