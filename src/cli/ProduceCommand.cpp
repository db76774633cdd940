#include "ProduceCommand.h"

#include "CliOutput.h"
#include "FdTickSender.h"
#include "TableFlags.h"
#if STOCKSTREAM_KAFKA
#include "KafkaTickSender.h"
#endif
#include "core/data/DataLoader.h"
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

// At a set speed, lines go out at least this often.
constexpr auto kPacedFlush = std::chrono::milliseconds(10);

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
    const TableFlags tableFlags;
    tableFlags.addTo(parser);
    if (const auto exit = parseCommandLine(parser, arguments,
                                           "Send price history, in stream order, as JSON-line ticks "
                                           "{\"stock\", \"price\", \"date\"}."))
        return *exit;
    if (!parser.isSet(data)) {
        printError("produce needs --data PATH");
        return Usage;
    }
    QString tableError;
    const auto table = tableFlags.read(parser, &tableError);
    if (!table) {
        printError(tableError);
        return Usage;
    }
    const QString destination = parser.value(to);
    LiveSourceOptions peer;
    peer.mode = LiveSourceOptions::Mode::Connect;
    std::string error;
    const bool toKafka = destination.startsWith(QLatin1String("kafka://"));
#if STOCKSTREAM_KAFKA
    std::optional<KafkaEndpoint> kafka;
    if (toKafka) {
        kafka = KafkaEndpoint::parse(destination.toStdString(), &error);
        for (const QString& property : parser.values(kafkaOption))
            if (kafka && !kafka->addProperty(property.toStdString(), &error))
                kafka.reset();
        if (!kafka) {
            printError(QString::fromStdString(error));
            return Usage;
        }
    }
#else
    if (toKafka) {
        printError(kNoKafka);
        return Usage;
    }
#endif
    const bool toStdout = destination == QLatin1String("-");
    if (!toStdout && !toKafka) {
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
    const LoadResult loaded = DataLoader::load(parser.value(data).toStdString(), nullptr, 0, *table);
    printLoadReport(loaded.report);
    if (!loaded.data) {
        printError(QString::fromStdString(loaded.error));
        return Failure;
    }

    std::unique_ptr<TickSender> sender;
#if STOCKSTREAM_KAFKA
    if (toKafka)
        sender = KafkaTickSender::create(*kafka, &error);
    else
#endif
        sender = toStdout ? FdTickSender::toStandardOutput() : FdTickSender::dial(peer, &error);
    if (!sender) {
        printError(QString::fromStdString(error));
        return Failure;
    }

    const MarketData& market = *loaded.data;
    TickMerger merger(market);
    Tick tick{};
    std::size_t produced = 0;
    bool written = true;
    const auto start = std::chrono::steady_clock::now();
    auto lastFlush = start;
    while (written && !TerminationRequest::pending() && merger.next(tick)) {
        written = sender->send(market.stock(tick.stock).name, tick.time, tick.close);
        ++produced;
        if (*rate > 0) {
            // Tick n is due n / rate seconds after the start.
            const auto due = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                         std::chrono::duration<double>(static_cast<double>(produced) / *rate));
            const auto now = std::chrono::steady_clock::now();
            if (due > now || now - lastFlush >= kPacedFlush) {
                written = written && sender->flush();
                lastFlush = now;
            }
            if (due > now)
                std::this_thread::sleep_until(due);
        }
    }
    written = sender->finish() && written;
    if (!written && sender->readerLeft())
        return Ok;
    const std::size_t sent = sender->sent();
    const double elapsed = clock.nsecsElapsed() / 1e9;

    QJsonObject summary{{"records", static_cast<qint64>(sent)},
                        {"rejected", static_cast<qint64>(loaded.report.rejected)},
                        {"stocks", static_cast<qint64>(market.stockCount())},
                        {"to", destination},
                        {"elapsed_s", elapsed},
                        {"records_per_s", elapsed > 0 ? static_cast<double>(sent) / elapsed : 0.0}};
    sender->addToSummary(summary);
    // The ticks own standard output when they go there.
    if (toStdout)
        printJsonLine(summary, stderr);
    else
        printJsonLine(summary);
    if (!written) {
        printError(sender->failure(destination));
        return Failure;
    }
    if (TerminationRequest::pending() && sent < market.recordCount()) {
        printError(QStringLiteral("produce interrupted after %1 ticks").arg(sent));
        return Interrupted;
    }
    return Ok;
}

} // namespace ss::cli
