#include "KafkaTickSender.h"

#include "CliOutput.h"
#include "core/live/TickLine.h"

namespace ss::cli {

namespace {

// How long a tick may wait for the Kafka brokers: people wait for this
// command, so brokers that cannot be reached end it well before
// librdkafka's own 5 minutes.
constexpr auto kDeliveryTimeout = std::chrono::seconds(30);

} // namespace

std::unique_ptr<KafkaTickSender> KafkaTickSender::create(const KafkaEndpoint& endpoint, std::string* error)
{
    auto producer = KafkaProducer::create(endpoint, error, kDeliveryTimeout);
    if (!producer)
        return nullptr;
    return std::unique_ptr<KafkaTickSender>(new KafkaTickSender(endpoint, std::move(producer)));
}

KafkaTickSender::KafkaTickSender(KafkaEndpoint endpoint, std::unique_ptr<KafkaProducer> producer)
    : endpoint_(std::move(endpoint)), producer_(std::move(producer))
{
    // The client's errors (brokers it cannot reach): one warning line when
    // a kind of them starts, not librdkafka's at every retry.
    producer_->whileWaiting([this] { warnOfClientErrors(); });
}

void KafkaTickSender::warnOfClientErrors()
{
    for (const std::string& warning : warnings_.fresh(endpoint_.url(), producer_->clientErrors()))
        printWarning(QString::fromStdString(warning));
}

bool KafkaTickSender::send(std::string_view stock, Timestamp time, double close)
{
    line_.clear();
    appendTickLine(line_, stock, time, close);
    line_.pop_back();  // a message holds one line, without its newline
    if (!producer_->send(endpoint_.topic, stock, line_, &error_))
        return false;
    ++sent_;
    return true;
}

bool KafkaTickSender::flush()
{
    warnOfClientErrors();
    return error_.empty();
}

bool KafkaTickSender::finish()
{
    finished_ = true;
    std::string flushError;
    if (!producer_->flush(&flushError) && error_.empty())
        error_ = flushError;
    warnOfClientErrors();
    return error_.empty();
}

std::size_t KafkaTickSender::sent() const
{
    return finished_ ? producer_->delivered() : sent_;
}

QString KafkaTickSender::failure(const QString& destination) const
{
    return QStringLiteral("cannot deliver to %1: %2").arg(destination, QString::fromStdString(error_));
}

void KafkaTickSender::addToSummary(QJsonObject& summary) const
{
    summary.insert("undelivered", static_cast<qint64>(sent_ - producer_->delivered()));
}

} // namespace ss::cli
