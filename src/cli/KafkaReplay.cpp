#include "KafkaReplay.h"

#include "CliOutput.h"
#include "core/kafka/KafkaSession.h"
#include "core/kafka/KafkaSink.h"
#include "core/online/OnlineLearningStage.h"
#include "core/storage/LoggedRun.h"
#include "core/system/TerminationRequest.h"

#include <QElapsedTimer>


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
                     const QString& modelPath, const FeedOutputs& outputs, std::chrono::milliseconds idleTimeout) const
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
    if (outputs.online.enabled())
        session.plugStage(onlineLearning(outputs.online));
    outputs.backtest.plugInto(session);
    LoggedRun::Outputs logged{outputs.log, outputs.resume, {}, modelPath, outputs.jsonl, {}};
    KafkaSink* output = nullptr;
    if (producer) {
        auto sink = std::make_unique<KafkaSink>(std::move(producer), outputTopic);
        output = sink.get();
        logged.recordOutputs.push_back(std::move(sink));
    }
    QString logError;
    auto run = LoggedRun::attach(session, *scorer, std::move(logged), &logError);
    if (!run) {
        printError(logError);
        return Failure;
    }

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
    run->drive({.stopWanted = [] { return TerminationRequest::pending(); },
                .onPoll =
                    [&] {
                        warnOf(sourceWarnings, endpoint->url(), session.source().clientErrors());
                        if (output)
                            warnOf(outputWarnings, outputEndpoint.url(), output->clientErrors());
                        progressLine.show(QStringLiteral("%1 records, %2 rejected, %3 partition(s)")
                                              .arg(session.records())
                                              .arg(session.rejected())
                                              .arg(session.source().assigned()));
                    },
                // A broker that is away must not hold up the end.
                .onStop =
                    [output] {
                        if (output)
                            output->stop();
                    }});
    progressLine.clear();
    // The session closed the sinks before its last commit; closing them
    // again tells whether every write succeeded.
    run->close(&logError);
    const double elapsed = clock.nsecsElapsed() / 1e9;

    printLoadReport(session.report());
    QJsonObject extra{{"elapsed_s", elapsed}};
    if (output)
        extra.insert("produced", static_cast<qint64>(output->delivered()));
    QJsonObject summary;
    if (!run->finish(extra, summary, &logError)) {
        printError(logError);
        return Failure;
    }
    // The calls are stored: a commit that failed (the group sharing out
    // partitions at that moment) only means some messages come again.
    if (const std::string problem = session.endProblem(); !problem.empty())
        printWarning(QString::fromStdString(problem));
    printJsonLine(summary);
    if (!outputs.backtest.writeCsv(session, &logError)) {
        printError(logError);
        return Failure;
    }
    return Ok;
}

} // namespace ss::cli
