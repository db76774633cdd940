#include "LiveReplay.h"

#include "CliOutput.h"
#include "core/live/LiveSession.h"
#include "core/online/OnlineLearningStage.h"
#include "core/storage/LoggedRun.h"
#include "core/system/TerminationRequest.h"

#include <QElapsedTimer>

#include <cmath>
#include <cstdio>

namespace ss::cli {

namespace {

constexpr auto kTcpScheme = "tcp://";

// Seconds as given on the command line; nullopt unless a number in [0, a day].
std::optional<std::chrono::milliseconds> seconds(const QString& text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !(value >= 0) || value > 86400)
        return std::nullopt;
    return std::chrono::milliseconds(std::llround(value * 1000));
}

} // namespace

LiveReplay::LiveReplay()
    : listen_("listen", "Score live ticks from producers that connect to [HOST:]PORT (HOST defaults to "
                        "127.0.0.1; port 0 picks a free one, printed on standard error).", "[HOST:]PORT"),
      live_("live", "With --data - or a file: score it line by line as it is read, in the order it comes, "
                    "instead of loading it whole first; memory stays flat however large it is."),
      reconnect_("reconnect", "Live feeds: when the producer goes away, dial it again (tcp://) or take the "
                              "next one (--listen), until interrupted."),
      retryFor_("retry-for", "Live tcp:// feeds: seconds to keep dialling, with back-off, before giving up "
                             "(default 30).", "SECONDS", "30"),
      idleTimeout_("idle-timeout", "Live feeds: drop a producer silent for this many seconds (default 0: "
                                   "wait forever).", "SECONDS", "0")
{
}

void LiveReplay::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({listen_, live_, reconnect_, retryFor_, idleTimeout_});
#if STOCKSTREAM_KAFKA
    kafka_.addTo(parser);
#endif
}

bool LiveReplay::requested(const QCommandLineParser& parser, const QString& data) const
{
    return parser.isSet(listen_) || parser.isSet(live_) || data.contains(QLatin1String("://"));
}

int LiveReplay::run(const QCommandLineParser& parser, const QString& data, LogisticModel model,
                    const QString& modelPath, const FeedOutputs& outputs) const
{
    LiveSourceOptions options;
    if (parser.isSet(QStringLiteral("speed"))) {
        printError("a live feed flows at its producer's pace and a file with --live as fast as it is read: to pace "
                   "one, give --speed to produce and pipe it into replay --data - --live");
        return Usage;
    }
    const auto retryFor = seconds(parser.value(retryFor_));
    const auto idleTimeout = seconds(parser.value(idleTimeout_));
    if (!retryFor || !idleTimeout) {
        printError("--retry-for and --idle-timeout take a number of seconds");
        return Usage;
    }
    if (data.startsWith(QLatin1String("kafka://"))) {
#if STOCKSTREAM_KAFKA
        return kafka_.run(parser, data, std::move(model), modelPath, outputs, *idleTimeout);
#else
        printError(kNoKafka);
        return Usage;
#endif
    }
    if (outputs.resume) {
        printError("--resume continues a replay of a file or a Kafka topic; this live feed cannot be replayed");
        return Usage;
    }
    if (parser.isSet(listen_)) {
        const auto address = parseHostPort(parser.value(listen_).toStdString(), options.host);
        if (!address || !data.isEmpty()) {
            printError(address ? QStringLiteral("--listen takes the place of --data")
                               : QStringLiteral("--listen takes [HOST:]PORT, not '%1'").arg(parser.value(listen_)));
            return Usage;
        }
        options.mode = LiveSourceOptions::Mode::Listen;
        std::tie(options.host, options.port) = *address;
    } else if (data.startsWith(QLatin1String(kTcpScheme))) {
        const auto address = parseHostPort(data.mid(6).toStdString(), {});
        if (!address || address->first.empty() || address->second == 0) {
            printError(QStringLiteral("--data takes tcp://HOST:PORT, not '%1'").arg(data));
            return Usage;
        }
        options.mode = LiveSourceOptions::Mode::Connect;
        std::tie(options.host, options.port) = *address;
    } else if (data.contains(QLatin1String("://"))) {
        printError(QStringLiteral("--data takes a file, -, tcp://HOST:PORT or kafka://BROKERS/TOPIC, not '%1'").arg(data));
        return Usage;
    } else if (data.isEmpty()) {
        printError("--live reads --data: - for standard input, or a file");
        return Usage;
    } else if (data != QLatin1String("-")) {
        options.mode = LiveSourceOptions::Mode::File;
        options.path = data.toStdString();
    }
    options.retryFor = *retryFor;
    options.idleTimeout = *idleTimeout;
    options.reconnect = parser.isSet(reconnect_);

    // Ctrl-C or SIGTERM is how a live feed usually ends: the logs commit and
    // close. Installed before anyone can learn the port and connect.
    const TerminationRequest termination;
    std::string sourceError;
    auto source = LiveSource::create(options, &sourceError);
    if (!source) {
        printError(QString::fromStdString(sourceError));
        return Failure;
    }
    if (options.mode == LiveSourceOptions::Mode::Listen) {
        // Scripts and tests that asked for port 0 learn the port here.
        std::fprintf(stderr, "listening on %s:%u\n", options.host.c_str(), static_cast<unsigned>(source->port()));
        std::fflush(stderr);
    }

    const auto scorer = std::make_shared<const LogisticModel>(std::move(model));
    LiveSession session(std::move(source), scorer);
    if (outputs.online.enabled())
        session.plugStage(onlineLearning(outputs.online));
    outputs.backtest.plugInto(session);
    QString error;
    auto run = LoggedRun::attach(session, *scorer, {outputs.log, std::nullopt, {}, modelPath, outputs.jsonl, {}}, &error);
    if (!run) {
        printError(error);
        // Ctrl-C or SIGTERM while a --jsonl FIFO waited for its reader.
        return TerminationRequest::pending() ? Interrupted : Failure;
    }

    QElapsedTimer clock;
    clock.start();
    ProgressLine progressLine;
    run->drive({.stopWanted = [] { return TerminationRequest::pending(); },
                .onPoll =
                    [&] {
                        progressLine.show(QStringLiteral("%1 records, %2 rejected, %3 connection(s)")
                                              .arg(session.records())
                                              .arg(session.rejected())
                                              .arg(session.source().connections()));
                    }});
    progressLine.clear();
    run->close(&error);
    const double elapsed = clock.nsecsElapsed() / 1e9;

    printLoadReport(session.report());
    QJsonObject summary;
    if (!run->finish({{"elapsed_s", elapsed}}, summary, &error)) {
        printError(error);
        return Failure;
    }
    printJsonLine(summary);
    if (!outputs.backtest.writeCsv(session, &error)) {
        printError(error);
        return Failure;
    }
    if (const std::string why = session.source().error(); !why.empty()) {
        printError(QString::fromStdString(why));
        return Failure;
    }
    // Standard input or a file that is not prices fails the run, as it does
    // when loaded; a connection that is not is one producer's mistake.
    const bool oneInput = options.mode == LiveSourceOptions::Mode::Stdin || options.mode == LiveSourceOptions::Mode::File;
    if (oneInput && session.report().unreadableFiles > 0) {
        const FileReport& input = session.report().notable.front();
        printError(QStringLiteral("cannot read %1: %2").arg(data, QString::fromStdString(input.error)));
        return Failure;
    }
    return Ok;
}

} // namespace ss::cli
