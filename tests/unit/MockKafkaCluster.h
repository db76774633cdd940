#pragma once

// librdkafka's mock cluster, started inside the test: real brokers on
// loopback ports that programs the test starts can reach, with topics,
// consumer groups and committed offsets held in this process.
#include "Patience.h"
#include "core/kafka/KafkaHandles.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <QByteArray>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <utility>

class MockKafkaCluster {
public:
    explicit MockKafkaCluster(int brokers = 1)
    {
        char why[512];
        handle_ = rd_kafka_new(RD_KAFKA_PRODUCER, rd_kafka_conf_new(), why, sizeof why);
        cluster_ = handle_ ? rd_kafka_mock_cluster_new(handle_, brokers) : nullptr;
    }
    ~MockKafkaCluster()
    {
        if (producer_) {
            rd_kafka_flush(producer_, kPatienceMs);
            rd_kafka_destroy(producer_);
        }
        if (cluster_)
            rd_kafka_mock_cluster_destroy(cluster_);
        if (handle_)
            rd_kafka_destroy(handle_);
    }
    MockKafkaCluster(const MockKafkaCluster&) = delete;
    MockKafkaCluster& operator=(const MockKafkaCluster&) = delete;

    bool ok() const { return cluster_ != nullptr; }
    QString bootstraps() const { return QString::fromLatin1(rd_kafka_mock_cluster_bootstraps(cluster_)); }
    QString url(const char* topic) const { return QStringLiteral("kafka://%1/%2").arg(bootstraps(), topic); }
    bool createTopic(const char* topic, int partitions)
    {
        return rd_kafka_mock_topic_create(cluster_, topic, partitions, 1) == RD_KAFKA_RESP_ERR_NO_ERROR;
    }
    void setBrokerUp(int broker, bool up)
    {
        up ? rd_kafka_mock_broker_set_up(cluster_, broker) : rd_kafka_mock_broker_set_down(cluster_, broker);
    }

    // Queues JSON lines as messages keyed by their "stock"; flush() waits for them.
    void produce(const char* topic, const QList<QByteArray>& lines)
    {
        if (!producer_)
            producer_ = client(RD_KAFKA_PRODUCER, {{"enable.idempotence", "true"}, {"reconnect.backoff.max.ms", "500"}});
        for (const QByteArray& line : lines) {
            const QByteArray key = QJsonDocument::fromJson(line).object().value("stock").toString().toUtf8();
            ss::produceCopy(producer_, topic, std::string_view(key.constData(), static_cast<std::size_t>(key.size())),
                        std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
            rd_kafka_poll(producer_, 0);
        }
    }
    bool flush() { return !producer_ || rd_kafka_flush(producer_, kPatienceMs) == RD_KAFKA_RESP_ERR_NO_ERROR; }

    // Every message of the topic's partitions, read from the start until
    // `count` came or patience ran out: (key, value) pairs.
    QList<std::pair<QByteArray, QByteArray>> read(const char* topic, int partitions, qsizetype count)
    {
        rd_kafka_t* consumer = client(RD_KAFKA_CONSUMER, {{"group.id", "test-reader"}});
        rd_kafka_topic_partition_list_t* all = rd_kafka_topic_partition_list_new(partitions);
        for (int p = 0; p < partitions; ++p)
            rd_kafka_topic_partition_list_add(all, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
        rd_kafka_assign(consumer, all);
        rd_kafka_topic_partition_list_destroy(all);
        QList<std::pair<QByteArray, QByteArray>> messages;
        QDeadlineTimer deadline(kPatienceMs);
        while (messages.size() < count && !deadline.hasExpired()) {
            rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, 100);
            if (m && !m->err)
                messages.append({QByteArray(static_cast<const char*>(m->key), static_cast<qsizetype>(m->key_len)),
                                 QByteArray(static_cast<const char*>(m->payload), static_cast<qsizetype>(m->len))});
            if (m)
                rd_kafka_message_destroy(m);
        }
        rd_kafka_consumer_close(consumer);
        rd_kafka_destroy(consumer);
        return messages;
    }

private:
    rd_kafka_t* client(rd_kafka_type_t type, std::initializer_list<std::pair<const char*, const char*>> properties)
    {
        char why[512];
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "bootstrap.servers", rd_kafka_mock_cluster_bootstraps(cluster_), why, sizeof why);
        for (const auto& [key, value] : properties)
            rd_kafka_conf_set(conf, key, value, why, sizeof why);
        rd_kafka_t* rk = rd_kafka_new(type, conf, why, sizeof why);
        if (type == RD_KAFKA_CONSUMER)
            rd_kafka_poll_set_consumer(rk);
        return rk;
    }

    rd_kafka_t* handle_ = nullptr;
    rd_kafka_mock_cluster_t* cluster_ = nullptr;
    rd_kafka_t* producer_ = nullptr;
};
