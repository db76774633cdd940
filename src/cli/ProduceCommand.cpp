#include "ProduceCommand.h"

#include "CliOutput.h"
#include "core/data/DataLoader.h"
#include "core/kafka/KafkaProducer.h"
#include "core/live/LiveSource.h"
#include "core/live/TickLine.h"
#include "core/stream/ReplayRate.h"
#include "core/stream/TickMerger.h"
#include "core/system/TerminationRequest.h"

#include <QElapsedTimer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>
#include <utility>
#include <unistd.h>

namespace ss::cli {

namespace {

// Lines gathered before a write: large enough that system calls cost
// little at full speed, small enough to stay in cache.
constexpr std::size_t kFlushBytes = 256 * 1024;
// At a set speed, lines go out at least this often.
constexpr auto kPacedFlush = std::chrono::milliseconds(10);
// How long a tick may wait for the Kafka brokers: people wait for this
// command, so brokers that cannot be reached end it well before
// librdkafka's own 5 minutes.
constexpr auto kKafkaDeliveryTimeout = std::chrono::seconds(30);

// Writes all of `bytes`; false with errno set when the receiver is gone.
bool writeAll(int fd, std::string& bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    bytes.clear();
    return true;
}

} // namespace

int ProduceCommand::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption data("data", "Folder of ticker files, one ticker file, data.csv or JSON lines.", "PATH");
    const QCommandLineOption to("to", "Where the ticks go: - (standard output), tcp://HOST:PORT (a listening "
                                      "replay) or kafka://BROKERS/TOPIC (one message a tick, keyed by stock).",
                                "DEST", "-");
    const QCommandLineOption kafkaOption("kafka-option", "kafka:// destinations: a librdkafka property passed "
                                                         "through (security.protocol=SSL, sasl.*...); repeatable.",
                                         "KEY=VALUE");
    const QCommandLineOption speed("speed", "Ticks per second, or max (default).", "max|N", "max");
    const QCommandLineOption retryFor("retry-for", "Seconds to keep dialling a tcp:// receiver that is not up "
                                                   "yet (default 30).", "SECONDS", "30");
    parser.addOptions({data, to, speed, retryFor, kafkaOption});
    if (const auto exit = parseCommandLine(parser, arguments,
                                           "Send price history, in stream order, as JSON-line ticks "
                                           "{\"stock\", \"price\", \"date\"}."))
        return *exit;
    if (!parser.isSet(data)) {
        printError("produce needs --data PATH");
        return Usage;
    }
    const QString destination = parser.value(to);
    LiveSourceOptions peer;
    peer.mode = LiveSourceOptions::Mode::Connect;
    std::string error;
    std::optional<KafkaEndpoint> kafka;
    if (destination.startsWith(QLatin1String("kafka://"))) {
        kafka = KafkaEndpoint::parse(destination.toStdString(), &error);
        for (const QString& property : parser.values(kafkaOption))
            if (kafka && !kafka->addProperty(property.toStdString(), &error))
                kafka.reset();
        if (!kafka) {
            printError(QString::fromStdString(error));
            return Usage;
        }
    }
    const bool toStdout = destination == QLatin1String("-");
    if (!toStdout && !kafka) {
        const auto address = destination.startsWith(QLatin1String("tcp://"))
                                 ? parseHostPort(destination.mid(6).toStdString(), {})
                                 : std::nullopt;
        if (!address || address->first.empty() || address->second == 0) {
            printError(QStringLiteral("--to takes - or tcp://HOST:PORT, not '%1'").arg(destination));
            return Usage;
        }
        std::tie(peer.host, peer.port) = *address;
    }
    const auto rate = ReplayRate::parse(parser.value(speed));
    if (!rate) {
        printError(QStringLiteral("--speed takes %1, not '%2'").arg(ReplayRate::rule("ticks"), parser.value(speed)));
        return Usage;
    }
    bool retryOk = false;
    const double retrySeconds = parser.value(retryFor).toDouble(&retryOk);
    if (!retryOk || !(retrySeconds >= 0) || retrySeconds > 86400) {
        printError("--retry-for takes a number of seconds");
        return Usage;
    }
    peer.retryFor = std::chrono::milliseconds(static_cast<qint64>(retrySeconds * 1000));

    const TerminationRequest termination;
    // A receiver that goes away is seen as a write error, not a silent
    // death: an error for a tcp:// receiver, the end for a standard
    // output reader.
    std::signal(SIGPIPE, SIG_IGN);
    QElapsedTimer clock;
    clock.start();
    const LoadResult loaded = DataLoader::load(parser.value(data).toStdString());
    printLoadReport(loaded.report);
    if (!loaded.data) {
        printError(QString::fromStdString(loaded.error));
        return Failure;
    }

    std::unique_ptr<LiveSource> receiver;
    std::unique_ptr<KafkaProducer> producer;
    int fd = STDOUT_FILENO;
    if (kafka && !(producer = KafkaProducer::create(*kafka, &error, kKafkaDeliveryTimeout))) {
        printError(QString::fromStdString(error));
        return Failure;
    }
    // The client's errors (brokers it cannot reach): one warning line when
    // a kind of them starts, not librdkafka's at every retry.
    KafkaClientErrors::Warnings kafkaWarnings;
    auto warnOfClientErrors = [&] {
        for (const std::string& warning : kafkaWarnings.fresh(kafka->url(), producer->clientErrors()))
            printWarning(QString::fromStdString(warning));
    };
    if (producer)
        producer->whileWaiting(warnOfClientErrors);
    if (!toStdout && !kafka) {
        receiver = LiveSource::create(peer, &error);
        fd = receiver ? receiver->next() : -1;
        if (fd < 0) {
            printError(QString::fromStdString(receiver ? receiver->error() : error));
            return Failure;
        }
    }

    const MarketData& market = *loaded.data;
    TickMerger merger(market);
    Tick tick{};
    std::string lines;
    std::size_t queued = 0;  // ticks in `lines`
    std::size_t sent = 0;
    bool written = true;
    int writeErrno = 0;
    auto flush = [&] {
        // The Kafka client took each tick as it came: only its news are due.
        if (producer) {
            warnOfClientErrors();
            return;
        }
        written = writeAll(fd, lines);
        if (written)
            sent += std::exchange(queued, 0);
        else
            writeErrno = errno;
    };
    const auto start = std::chrono::steady_clock::now();
    auto lastFlush = start;
    while (written && !TerminationRequest::pending() && merger.next(tick)) {
        const std::string& stock = market.stock(tick.stock).name;
        appendTickLine(lines, stock, tick.time, tick.close);
        ++queued;
        if (producer) {
            // A message a tick, keyed by its stock: the stock's ticks share a partition, in order.
            written = producer->send(kafka->topic, stock, std::string_view(lines).substr(0, lines.size() - 1), &error);
            lines.clear();
            if (written)
                sent += std::exchange(queued, 0);
        }
        if (*rate > 0) {
            // Tick n is due n / rate seconds after the start.
            const auto due = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                         std::chrono::duration<double>(static_cast<double>(sent + queued) / *rate));
            const auto now = std::chrono::steady_clock::now();
            if (due > now || now - lastFlush >= kPacedFlush) {
                flush();
                lastFlush = now;
            }
            if (due > now)
                std::this_thread::sleep_until(due);
        } else if (lines.size() >= kFlushBytes) {
            flush();
        }
    }
    if (written)
        flush();
    // A reader that stops reading (produce | head) ends the stream the way
    // it ends any line-oriented tool's: quietly, and successfully.
    if (!written && toStdout && writeErrno == EPIPE)
        return Ok;
    // Sent to Kafka means acknowledged by the brokers; what is not by now
    // is given up, and counted.
    std::size_t undelivered = 0;
    if (producer) {
        std::string flushError;
        if (!producer->flush(&flushError) && written) {
            written = false;
            error = flushError;
        }
        warnOfClientErrors();
        undelivered = sent - producer->delivered();
        sent = producer->delivered();
    }
    const double elapsed = clock.nsecsElapsed() / 1e9;

    QJsonObject summary{{"records", static_cast<qint64>(sent)},
                        {"rejected", static_cast<qint64>(loaded.report.rejected)},
                        {"stocks", static_cast<qint64>(market.stockCount())},
                        {"to", destination},
                        {"elapsed_s", elapsed},
                        {"records_per_s", elapsed > 0 ? static_cast<double>(sent) / elapsed : 0.0}};
    if (producer)
        summary.insert("undelivered", static_cast<qint64>(undelivered));
    // The ticks own standard output when they go there.
    if (toStdout)
        printJsonLine(summary, stderr);
    else
        printJsonLine(summary);
    if (!written) {
        printError(producer ? QStringLiteral("cannot deliver to %1: %2").arg(destination, QString::fromStdString(error))
                            : QStringLiteral("cannot send to %1: %2")
                                  .arg(destination, QString::fromLocal8Bit(std::strerror(writeErrno))));
        return Failure;
    }
    if (TerminationRequest::pending() && sent < market.recordCount()) {
        printError(QStringLiteral("produce interrupted after %1 ticks").arg(sent));
        return Interrupted;
    }
    return Ok;
}

} // namespace ss::cli
