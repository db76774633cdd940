// The command line on Kafka, against librdkafka's mock cluster started in
// this process: `produce --to kafka://` into `replay --data kafka://` gives
// the calls of a replay of the files (derived here from the files
// themselves); a broker that goes down and comes back, a consumer killed
// and restarted, and a topic read again in full lose or repeat no row of
// the log; two consumers of one group split the partitions and together
// score every stock once; bad addresses, options and messages are refused
// or counted; brokers that cannot be reached are warned of once, and
// produce gives up on them, counting what it could not deliver.
#include "CliRun.h"
#include "ExpectedPredictions.h"
#include "LoopbackSocket.h"
#include "MockKafkaCluster.h"
#include "SqliteProbe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <set>

namespace {

constexpr int kPartitions = 4;

std::set<QString> stocksOf(const QByteArray& jsonl)
{
    std::set<QString> stocks;
    for (const QByteArray& line : sortedLines(jsonl))
        stocks.insert(QJsonDocument::fromJson(line).object().value("stock").toString());
    return stocks;
}

// A command line left running, with what it says of the partitions it holds.
struct Running : StartedCli {
    explicit Running(const QStringList& args) : StartedCli(args) {}
    // The partitions the group gave it last, as it said on standard error.
    int assigned()
    {
        err += process.readAllStandardError();
        static const QRegularExpression said(QStringLiteral("(\\d+) partition\\(s\\) of \\S+ assigned"));
        int last = -1;
        for (auto it = said.globalMatch(QString::fromUtf8(err)); it.hasNext();)
            last = it.next().captured(1).toInt();
        return last;
    }
};

template <typename Condition>
bool waitFor(Condition condition)
{
    QDeadlineTimer deadline(kPatienceMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(50);
    }
    return true;
}

// What is wrong with the command's warnings of `client`'s errors, or
// nothing: one line for each kind of error ("warning: CLIENT (KIND):
// REASON; retrying"), at least one, and none of librdkafka's own log lines
// (%LEVEL|TIME|FACILITY|CLIENT| ...), which it repeats at every retry.
QByteArray wrongWarnings(const QByteArray& err, const QString& client)
{
    const QByteArray prefix = "warning: " + client.toUtf8() + " (";
    QSet<QByteArray> kinds;
    for (const QByteArray& line : err.split('\n')) {
        if (line.startsWith('%'))
            return "librdkafka's log: " + line;
        if (!line.startsWith(prefix))
            continue;
        const QByteArray kind = line.mid(prefix.size(), line.indexOf(')') - prefix.size());
        if (!line.endsWith("; retrying") || kinds.contains(kind))
            return line;
        kinds.insert(kind);
    }
    return kinds.isEmpty() ? "no warning of " + client.toUtf8() + ":\n" + err : QByteArray();
}

qint64 rowsIn(const QString& db)
{
    if (!QFile::exists(db))
        return 0;
    return SqliteProbe(db, SQLITE_OPEN_READONLY).text("SELECT count(*) FROM predictions").toLongLong();
}

} // namespace

class TestKafkaCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void produceIntoReplayGivesTheCallsOfAReplay();
    void onlineLearningAsInAReplay();
    void brokerDownAndUpMidStream();
    void restartsAddNoDuplicateRows();
    void twoConsumersSplitThePartitions();
    void badMessagesAreCountedAndSkipped();
    void unreachableBrokersAreWarnedOfOnce();
    void produceGivesUpOnUnreachableBrokers();
    void refused_data();
    void refused();

private:
    QString path(const QString& name) const { return dir_.filePath(name); }
    QString dataDir() const { return dir_.filePath("data"); }
    // The log's calls of one run, sorted, as `export` writes them.
    QList<QByteArray> exported(const QString& db, const QString& name);
    QStringList consume(const char* topic, const QString& group, const QString& name) const;

    QTemporaryDir dir_;
    MockKafkaCluster kafka_;
    QList<QByteArray> ticks_;     // `produce --to -` of the data
    QList<QByteArray> replayed_;  // `replay --jsonl` of the files, sorted
    QJsonObject figures_;
};

// A few of the sample's stocks keep every run short.
void TestKafkaCommand::initTestCase()
{
    QVERIFY(dir_.isValid());
    QVERIFY(kafka_.ok());
    QVERIFY(QDir().mkpath(dataDir()));
    for (const char* name : {"bolt.us.txt", "ibm.us.txt", "ko.us.txt", "msft.us.txt"})
        QVERIFY(QFile::copy(QStringLiteral(STOCKSTREAM_SAMPLE_DIR "/") + name, dataDir() + '/' + name));
    for (const char* topic : {"ticks", "predictions", "flaky", "restarted", "shared", "bad"})
        QVERIFY(kafka_.createTopic(topic, kPartitions));
    // One partition: the ticks come in the replay's order.
    QVERIFY(kafka_.createTopic("ordered", 1));

    const CliRun produce = runCli({"produce", "--data", dataDir(), "--to", "-"});
    QCOMPARE(produce.exitCode, 0);
    ticks_ = produce.out.trimmed().split('\n');
    const CliRun replay = runCli({"replay", "--data", dataDir(), "--jsonl", path("replay.jsonl")});
    QCOMPARE(replay.exitCode, 0);
    replayed_ = sortedLines(readFile(path("replay.jsonl")));

    // The replay itself against the calls derived here from the files.
    const ExpectedCalls expected = expectedCalls(
        dataDir(), readJsonFile(QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-relative-w5.json")));
    std::set<QString> seen;
    for (const QByteArray& line : replayed_) {
        const QString wrong = checkRecord(QJsonDocument::fromJson(line).object(), expected, seen);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong + ": " + line));
    }
    QCOMPARE(seen.size(), expected.size());
    const QJsonObject s = summaryOf(replay.out);
    for (const char* key : {"records", "windows", "resolved", "correct", "accuracy"})
        figures_.insert(key, s.value(key));
}

QList<QByteArray> TestKafkaCommand::exported(const QString& db, const QString& name)
{
    const CliRun run = runCli({"export", "--db", db, "--format", "jsonl", "--out", path(name)});
    return run.exitCode == 0 ? sortedLines(readFile(path(name))) : QList<QByteArray>{};
}

QStringList TestKafkaCommand::consume(const char* topic, const QString& group, const QString& name) const
{
    // The group rebalances within seconds of a member going away (the
    // broker's least session timeout) instead of 45.
    return {"replay", "--data", kafka_.url(topic), "--group", group, "--idle-timeout", "3", "--db",
            path(name + ".sqlite"), "--jsonl", path(name + ".jsonl"), "--kafka-option", "session.timeout.ms=6000",
            "--kafka-option", "heartbeat.interval.ms=500"};
}

void TestKafkaCommand::produceIntoReplayGivesTheCallsOfAReplay()
{
    const CliRun produce = runCli({"produce", "--data", dataDir(), "--to", kafka_.url("ticks")});
    QVERIFY2(produce.exitCode == 0, produce.err.constData());
    QCOMPARE(summaryOf(produce.out).value("records").toInteger(), ticks_.size());
    QCOMPARE(summaryOf(produce.out).value("undelivered").toInteger(-1), 0);

    const CliRun replay = runCli(consume("ticks", "equal", "equal") + QStringList{"--output-topic", "predictions"});
    QVERIFY2(replay.exitCode == 0, replay.err.constData());
    const QJsonObject s = summaryOf(replay.out);
    for (const QString& key : figures_.keys())
        QCOMPARE(s.value(key), figures_.value(key));
    QCOMPARE(s.value("rejected").toInteger(), 0);
    QCOMPARE(s.value("produced").toInteger(), replayed_.size());
    QCOMPARE(sortedLines(readFile(path("equal.jsonl"))), replayed_);
    QCOMPARE(exported(path("equal.sqlite"), "equal-log.jsonl"), replayed_);

    // The output topic: the same records, each keyed by its stock.
    QList<QByteArray> records;
    for (const auto& [key, value] : kafka_.read("predictions", kPartitions, replayed_.size())) {
        QCOMPARE(QString::fromUtf8(key), QJsonDocument::fromJson(value).object().value("stock").toString());
        records.append(value);
    }
    std::sort(records.begin(), records.end());
    QCOMPARE(records, replayed_);
}

// Clusters, per-cluster regression and the online scorer learn from a topic
// read in stream order as from a replay of the files: the same calls with
// the same online fields, and the same figures once the topic went quiet.
void TestKafkaCommand::onlineLearningAsInAReplay()
{
    const QStringList learning{"--clusters", "4", "--online"};
    const CliRun replay = runCli(QStringList{"replay", "--data", dataDir(), "--jsonl", path("learnt.jsonl")} + learning);
    QVERIFY2(replay.exitCode == 0, replay.err.constData());
    const CliRun produce = runCli({"produce", "--data", dataDir(), "--to", kafka_.url("ordered")});
    QVERIFY2(produce.exitCode == 0, produce.err.constData());
    const CliRun fed = runCli(consume("ordered", "learning", "learning") + learning);
    QVERIFY2(fed.exitCode == 0, fed.err.constData());

    const QByteArray calls = readFile(path("learnt.jsonl"));
    QVERIFY(calls.contains("\"onlineProbability\": 0.") && calls.contains("\"cluster\": 3"));
    QCOMPARE(readFile(path("learning.jsonl")), calls);
    const QJsonObject replayed = summaryOf(replay.out);
    const QJsonObject s = summaryOf(fed.out);
    for (const char* block : {"clusters", "regression", "online"}) {
        QVERIFY2(replayed.value(block).isObject(), block);
        QCOMPARE(s.value(block), replayed.value(block));
    }
}

void TestKafkaCommand::brokerDownAndUpMidStream()
{
    const qsizetype half = ticks_.size() / 2;
    kafka_.produce("flaky", ticks_.mid(0, half));
    QVERIFY(kafka_.flush());
    // Ended by SIGTERM once the log holds every call: how soon each client
    // notices the broker is back is up to librdkafka.
    Running replay(consume("flaky", "flaky", "flaky")
                   + QStringList{"--idle-timeout", "0", "--kafka-option", "reconnect.backoff.max.ms=500"});
    QVERIFY(waitFor([&] { return rowsIn(path("flaky.sqlite")) > 0; }));
    kafka_.setBrokerUp(1, false);
    kafka_.produce("flaky", ticks_.mid(half));  // waits in the producer's queue
    QTest::qWait(1500);
    kafka_.setBrokerUp(1, true);
    QVERIFY(kafka_.flush());
    QCOMPARE(kafka_.read("flaky", kPartitions, ticks_.size()).size(), ticks_.size());
    QVERIFY(waitFor([&] { return rowsIn(path("flaky.sqlite")) == replayed_.size(); }));
    replay.process.terminate();
    const CliRun done = replay.finish();
    QVERIFY2(done.exitCode == 0, done.err.constData());
    QCOMPARE(summaryOf(done.out).value("records").toInteger(), ticks_.size());
    QCOMPARE(sortedLines(readFile(path("flaky.jsonl"))), replayed_);
    QCOMPARE(exported(path("flaky.sqlite"), "flaky-log.jsonl"), replayed_);
}

// Killed mid-stream, the consumer comes back to the offsets it committed
// and continues its run; a new group reads the whole topic again into the
// same run. The log ends with every call exactly once.
void TestKafkaCommand::restartsAddNoDuplicateRows()
{
    kafka_.produce("restarted", ticks_);
    QVERIFY(kafka_.flush());
    const QString db = path("restarted.sqlite");
    {
        Running first(consume("restarted", "restarted", "first") + QStringList{"--db", db});
        QVERIFY(waitFor([&] { return rowsIn(db) > 0; }));
        first.process.kill();
        QVERIFY(first.process.waitForFinished(kPatienceMs));
    }
    const CliRun again = runCli(consume("restarted", "restarted", "again")
                                + QStringList{"--db", db, "--resume", "1"});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(exported(db, "again-log.jsonl"), replayed_);

    const CliRun everything = runCli(consume("restarted", "restarted-anew", "anew") + QStringList{"--db", db, "--resume", "1"});
    QVERIFY2(everything.exitCode == 0, everything.err.constData());
    QCOMPARE(summaryOf(everything.out).value("records").toInteger(), ticks_.size());
    QCOMPARE(exported(db, "anew-log.jsonl"), replayed_);
    QCOMPARE(SqliteProbe(db, SQLITE_OPEN_READONLY).text("SELECT count(*) FROM runs"), QStringLiteral("1"));
}

void TestKafkaCommand::twoConsumersSplitThePartitions()
{
    // Both end together once they logged every call: one that ended first
    // would hand its partitions to the other, which would read their last
    // messages again (as a restarted member does).
    const QStringList endless{"--idle-timeout", "0"};
    Running a(consume("shared", "shared", "a") + endless);
    Running b(consume("shared", "shared", "b") + endless);
    QVERIFY(waitFor([&] { return a.assigned() > 0 && b.assigned() > 0 && a.assigned() + b.assigned() == kPartitions; }));
    kafka_.produce("shared", ticks_);
    QVERIFY(kafka_.flush());
    QVERIFY(waitFor([&] { return rowsIn(path("a.sqlite")) + rowsIn(path("b.sqlite")) == replayed_.size(); }));
    a.process.terminate();
    b.process.terminate();
    const CliRun doneA = a.finish();
    const CliRun doneB = b.finish();
    QVERIFY2(doneA.exitCode == 0, doneA.err.constData());
    QVERIFY2(doneB.exitCode == 0, doneB.err.constData());

    const QByteArray callsA = readFile(path("a.jsonl"));
    const QByteArray callsB = readFile(path("b.jsonl"));
    std::set<QString> both;
    const std::set<QString> stocksA = stocksOf(callsA);
    const std::set<QString> stocksB = stocksOf(callsB);
    std::set_intersection(stocksA.begin(), stocksA.end(), stocksB.begin(), stocksB.end(),
                          std::inserter(both, both.begin()));
    QVERIFY(both.empty());
    QCOMPARE(sortedLines(callsA + callsB), replayed_);
    QCOMPARE(summaryOf(doneA.out).value("records").toInteger() + summaryOf(doneB.out).value("records").toInteger(),
             ticks_.size());
}

void TestKafkaCommand::badMessagesAreCountedAndSkipped()
{
    QList<QByteArray> ibm;
    for (const QByteArray& tick : ticks_)
        if (tick.contains("\"ibm.us\"") && ibm.size() < 10)
            ibm.append(tick);
    QList<QByteArray> messages{"not json", "{\"stock\": \"ibm.us\", \"price\": \"\xff\xfe\"}",
                               QByteArray(100 * 1024, 'x')};
    messages += ibm;
    messages.append(ibm.first());  // out of order
    kafka_.produce("bad", messages);
    QVERIFY(kafka_.flush());
    const CliRun replay = runCli({"replay", "--data", kafka_.url("bad"), "--group", "bad", "--idle-timeout", "3"});
    QVERIFY2(replay.exitCode == 0, replay.err.constData());
    const QJsonObject s = summaryOf(replay.out);
    QCOMPARE(s.value("records").toInteger(), ibm.size());
    QCOMPARE(s.value("rejected").toInteger(), 4);
    QCOMPARE(s.value("out_of_order").toInteger(), 1);
    QCOMPARE(s.value("windows").toInteger(), ibm.size() - 4);
}

// A broker nobody listens for: the clients (the consumer, and the producer
// of --output-topic) retry, and the command says so in one warning line
// for each kind of error and client, not in librdkafka's log line at every
// retry.
void TestKafkaCommand::unreachableBrokersAreWarnedOfOnce()
{
    const QString brokers = QStringLiteral("kafka://127.0.0.1:%1/").arg(loopback::freePort());
    const QString url = brokers + "ticks";
    Running replay({"replay", "--data", url, "--group", "nobody", "--output-topic", "predictions", "--kafka-option",
                    "reconnect.backoff.ms=100", "--kafka-option", "reconnect.backoff.max.ms=100"});
    QVERIFY(waitFor([&] {
        replay.err += replay.process.readAllStandardError();
        return replay.err.contains("Connection refused");
    }));
    // Long enough for the client to retry many times, and for librdkafka
    // to repeat what it logged (about once a second).
    QTest::qWait(2500);
    replay.process.terminate();
    const CliRun done = replay.finish();
    QVERIFY2(done.exitCode == 0, done.err.constData());
    QCOMPARE(summaryOf(done.out).value("records").toInteger(), 0);
    for (const QString& client : {url, brokers + "predictions"}) {
        const QByteArray wrong = wrongWarnings(done.err, client);
        QVERIFY2(wrong.isEmpty(), wrong.constData());
    }
}

// No broker listens: produce warns once of each kind of error, gives up
// when the delivery timeout given to it has run out, and says that every
// tick it sent went undelivered, in its summary and in one error line.
void TestKafkaCommand::produceGivesUpOnUnreachableBrokers()
{
    const QString url = QStringLiteral("kafka://127.0.0.1:%1/ticks").arg(loopback::freePort());
    const CliRun produce = runCli({"produce", "--data", dataDir(), "--to", url, "--kafka-option",
                                   "message.timeout.ms=2000", "--kafka-option", "reconnect.backoff.ms=100",
                                   "--kafka-option", "reconnect.backoff.max.ms=100"});
    QVERIFY2(produce.exitCode == 1, produce.err.constData());
    const QJsonObject s = summaryOf(produce.out);
    QCOMPARE(s.value("records").toInteger(-1), 0);
    // The data's ticks are fewer than the client's queue holds: all were sent.
    QCOMPARE(s.value("undelivered").toInteger(), ticks_.size());

    const QByteArray wrong = wrongWarnings(produce.err, url);
    QVERIFY2(wrong.isEmpty(), wrong.constData());
    QCOMPARE(produce.err.count("Connection refused"), 1);
    QList<QByteArray> errors;
    for (const QByteArray& line : produce.err.split('\n'))
        if (line.startsWith("stockstream-cli: "))
            errors.append(line);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith("stockstream-cli: cannot deliver to " + url.toUtf8() + ": "),
             errors.first().constData());
}

void TestKafkaCommand::refused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString sample = QStringLiteral(STOCKSTREAM_SAMPLE_DIR);
    QTest::newRow("no topic") << QStringList{"replay", "--data", "kafka://127.0.0.1:9092"} << 2 << "kafka://HOST:PORT";
    QTest::newRow("empty topic") << QStringList{"replay", "--data", "kafka://127.0.0.1:9092/"} << 2 << "kafka://HOST:PORT";
    QTest::newRow("bad topic") << QStringList{"replay", "--data", "kafka://127.0.0.1:9092/a b"} << 2 << "kafka://HOST:PORT";
    QTest::newRow("no port") << QStringList{"replay", "--data", "kafka://broker/test"} << 2 << "kafka://HOST:PORT";
    QTest::newRow("bad output topic") << QStringList{"replay", "--data", "kafka://127.0.0.1:9092/t", "--output-topic", "a/b"}
                                      << 2 << "--output-topic";
    QTest::newRow("option without =") << QStringList{"replay", "--data", "kafka://127.0.0.1:9092/t", "--kafka-option", "acks"}
                                      << 2 << "KEY=VALUE";
    QTest::newRow("unknown option") << QStringList{"replay", "--data", "kafka://127.0.0.1:9092/t", "--kafka-option", "no.such=1"}
                                    << 1 << "no.such";
    QTest::newRow("produce, no topic") << QStringList{"produce", "--data", sample, "--to", "kafka://127.0.0.1:9092"}
                                       << 2 << "kafka://HOST:PORT";
    QTest::newRow("produce, bad option") << QStringList{"produce", "--data", sample, "--to", "kafka://127.0.0.1:9092/t",
                                                        "--kafka-option", "=1"} << 2 << "KEY=VALUE";
}

void TestKafkaCommand::refused()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const CliRun run = runCli(args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
}

QTEST_MAIN(TestKafkaCommand)
#include "tst_kafkacommand.moc"
