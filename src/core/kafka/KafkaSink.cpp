#include "KafkaSink.h"

namespace ss {

KafkaSink::KafkaSink(std::unique_ptr<KafkaProducer> producer, std::string topic)
    : producer_(std::move(producer)), topic_(std::move(topic))
{
}

void KafkaSink::add(const PredictionRecord& record)
{
    if (!error_.empty())
        return;
    value_.clear();
    record.appendJson(value_);
    producer_->send(topic_, record.stock, value_, &error_);
}

bool KafkaSink::flush(QString* error)
{
    if (error_.empty())
        producer_->flush(&error_);
    if (error_.empty())
        return true;
    *error = QString::fromStdString(error_);
    return false;
}

} // namespace ss
