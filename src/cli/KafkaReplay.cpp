#include "KafkaReplay.h"

#include "CliOutput.h"
#include "core/data/MarketData.h"
#include "core/storage/PredictionLog.h"
#include "core/kafka/KafkaSession.h"
#include "core/kafka/KafkaSink.h"
#include "core/storage/JsonLinesPredictionWriter.h"
#include "core/storage/RunRecorder.h"
#include "core/stream/ReplaySummary.h"
#include "core/system/TerminationRequest.h"

#include <QElapsedTimer>

#include <algorithm>

namespace ss::cli {

KafkaReplay::KafkaReplay()
    : group_("group", "kafka:// feeds: the consumer group; instances in one group split the topic's partitions "
                      "(default stockstream).", "GROUP", "stockstream"),
      property_("kafka-option", "kafka:// feeds: a librdkafka property passed through, such as "
                                "security.protocol=SASL_SSL or sasl.username=NAME; repeatable.", "KEY=VALUE"),
      outputTopic_("output-topic", "kafka:// feeds: produce every prediction record, as --jsonl writes it, to this "
                                   "topic of the same brokers, keyed by stock.", "TOPIC")
{
}

void KafkaReplay::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({group_, property_, outputTopic_});
}

int KafkaReplay::run(const QCommandLineParser& parser, const QString& data, LogisticModel model,
                     const QString& modelPath, const Outputs& outputs, std::chrono::milliseconds idleTimeout) const
{
    std::string error;
    auto endpoint = KafkaEndpoint::parse(data.toStdString(), &error);
    for (const QString& property : parser.values(property_))
        if (endpoint && !endpoint->addProperty(property.toStdString(), &error))
            endpoint.reset();
    const std::string outputTopic = parser.value(outputTopic_).toStdString();
    if (endpoint && parser.isSet(outputTopic_) && !KafkaEndpoint::validTopic(outputTopic))
        error = "--output-topic takes a Kafka topic name, not '" + outputTopic + "'";
    const std::string group = parser.value(group_).toStdString();
    if (endpoint && group.empty())
        error = "--group takes a group name";
    if (!endpoint || !error.empty()) {
        printError(QString::fromStdString(error));
        return Usage;
    }

    const TerminationRequest termination;
    auto source = KafkaSource::create(*endpoint, group, &error);
    std::unique_ptr<KafkaProducer> producer;
    if (source && parser.isSet(outputTopic_))
        producer = KafkaProducer::create(*endpoint, &error);
    if (!source || (parser.isSet(outputTopic_) && !producer)) {
        printError(QString::fromStdString(error));
        return Failure;
    }

    const auto scorer = std::make_shared<const LogisticModel>(std::move(model));
    KafkaSession session(std::move(source), scorer, idleTimeout);
    const StockNames names = [stocks = session.stocks()](std::size_t stock) { return stocks->name(stock); };
    QString logError;
    std::unique_ptr<RunRecorder> recorder;
    if (outputs.log) {
        auto run = PredictionLog::describeRun(QStringLiteral("-"), modelPath, *scorer, MarketData(), &logError);
        if (run) {
            run->source = QString::fromStdString(endpoint->url() + "#" + group);
            recorder = RunRecorder::start(*outputs.log, std::move(*run), names, outputs.resume, &logError);
        }
        if (!recorder) {
            printError(logError);
            return Failure;
        }
    }
    std::vector<std::unique_ptr<PredictionLogSink>> records;
    if (!outputs.jsonl.isEmpty()) {
        auto writer = JsonLinesPredictionWriter::create(outputs.jsonl, names, scorer->transform(), &logError);
        if (!writer) {
            printError(logError);
            return Failure;
        }
        records.push_back(std::make_unique<PredictionLogSink>(std::move(writer)));
    }
    KafkaSink* output = nullptr;
    if (producer) {
        auto sink = std::make_unique<KafkaSink>(std::move(producer), outputTopic);
        output = sink.get();
        records.push_back(std::make_unique<PredictionLogSink>(
            JsonLinesPredictionWriter::create(std::move(sink), names, scorer->transform())));
    }
    if (recorder)
        session.addLoggedSink(&recorder->sink());
    for (const auto& sink : records)
        session.addLoggedSink(sink.get());
    auto sinkFailed = [&] {
        return (recorder && recorder->sink().failed())
               || std::any_of(records.begin(), records.end(), [](const auto& sink) { return sink->failed(); });
    };

    QElapsedTimer clock;
    clock.start();
    ProgressLine progressLine;
    // The clients' errors (brokers they cannot reach): one warning line when
    // a kind of them starts, not librdkafka's at every retry.
    KafkaClientErrors::Warnings sourceWarnings;
    KafkaClientErrors::Warnings outputWarnings;
    auto warnOf = [&progressLine](KafkaClientErrors::Warnings& warnings, const std::string& client,
                                  const std::vector<KafkaClientErrors::Error>& errors) {
        for (const std::string& warning : warnings.fresh(client, errors)) {
            progressLine.clear();
            printWarning(QString::fromStdString(warning));
        }
    };
    KafkaEndpoint outputEndpoint = *endpoint;
    outputEndpoint.topic = outputTopic;
    session.start();
    while (!session.waitUntilDone(std::chrono::milliseconds(200))) {
        if (TerminationRequest::pending() || sinkFailed()) {
            session.stop();
            if (output)
                output->stop();  // a broker that is away must not hold up the end
        }
        warnOf(sourceWarnings, endpoint->url(), session.source().clientErrors());
        if (output)
            warnOf(outputWarnings, outputEndpoint.url(), output->clientErrors());
        progressLine.show(QStringLiteral("%1 records, %2 rejected, %3 partition(s)")
                              .arg(session.records())
                              .arg(session.rejected())
                              .arg(session.source().assigned()));
    }
    progressLine.clear();
    // The session closed the sinks before its last commit; closing them
    // again tells whether every write succeeded.
    QString writeError;
    for (const auto& sink : records)
        if (QString why; !sink->close(&why) && writeError.isEmpty())
            writeError = why;
    if (recorder && !recorder->sink().close(&logError) && writeError.isEmpty())
        writeError = logError;
    const double elapsed = clock.nsecsElapsed() / 1e9;

    printLoadReport(session.report());
    const ReplaySnapshot snapshot = session.snapshot();
    QJsonObject summary = replaySummary(snapshot, session.report());
    summary.insert("source", QString::fromStdString(endpoint->url()));
    summary.insert("group", QString::fromStdString(group));
    summary.insert("messages", static_cast<qint64>(session.messages()));
    summary.insert("out_of_order", static_cast<qint64>(session.outOfOrder()));
    summary.insert("commits", static_cast<qint64>(session.source().commits()));
    if (output)
        summary.insert("produced", static_cast<qint64>(output->delivered()));
    summary.insert("elapsed_s", elapsed);
    // The stream's own rate: from its first message to its last.
    const double streamed = snapshot.progress.activeSeconds;
    summary.insert("stream_s", streamed);
    summary.insert("records_per_s", streamed > 0 ? snapshot.progress.processed / streamed : 0.0);
    if (recorder) {
        summary.insert("run", recorder->runId());
        if (!recorder->finish(session.complete(), summary, &logError) && writeError.isEmpty())
            writeError = logError;
    }
    if (!writeError.isEmpty()) {
        printError(writeError);
        return Failure;
    }
    // The calls are stored: a commit that failed (the group sharing out
    // partitions at that moment) only means some messages come again.
    if (!session.commitError().empty())
        printWarning(QStringLiteral("%1; the messages after the last commit will be read again")
                         .arg(QString::fromStdString(session.commitError())));
    printJsonLine(summary);
    return Ok;
}

} // namespace ss::cli
