#pragma once

#include "KafkaProducer.h"
#include "core/storage/PredictionRecordOutput.h"

#include <memory>
#include <string>
#include <vector>

namespace ss {

// Sends prediction records to a Kafka topic (the thesis's `testoutput`),
// one message a record keyed by its stock, so a stock's records stay in one
// partition and in order. A batch counts as stored once the brokers have
// acknowledged all of it, which is what lets the source commit its offsets.
class KafkaSink : public PredictionRecordOutput {
public:
    KafkaSink(std::unique_ptr<KafkaProducer> producer, std::string topic);

    void add(const PredictionRecord& record) override;
    bool flush(QString* error) override;
    // From any thread: gives up waiting for a broker that does not answer.
    void stop() { producer_->stop(); }
    std::size_t delivered() const { return producer_->delivered(); }
    // From any thread: the producer's client errors, once it served what
    // waits in its queue (it polls only as it sends).
    std::vector<KafkaClientErrors::Error> clientErrors()
    {
        producer_->poll();
        return producer_->clientErrors();
    }

private:
    std::unique_ptr<KafkaProducer> producer_;
    std::string topic_;
    std::string value_;
    std::string error_;  // the first send that failed
};

} // namespace ss
