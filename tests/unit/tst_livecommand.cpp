// The command line's live feeds end to end: `produce` into `replay` through
// a pipe, standard input and loopback TCP gives exactly the calls of a
// replay of the files, a file streamed with --live those of the file loaded (checked against calls this test derives from the
// files itself), and producers that die, peers that say nothing, huge or
// invalid lines and a SIGTERM lose or duplicate nothing.
#include "CliRun.h"
#include "ExpectedPredictions.h"
#include "LoopbackSocket.h"
#include "Patience.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <set>

namespace {

// `replay --listen 127.0.0.1:0 ARGS`, started, with the port it printed.
struct Listener : StartedCli {
    explicit Listener(const QStringList& args)
    {
        process.setReadChannel(QProcess::StandardError);
        start(QStringList{"replay", "--listen", "127.0.0.1:0"} + args);
        const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QDeadlineTimer deadline(kPatienceMs);
        while (port == 0 && !deadline.hasExpired() && process.waitForReadyRead(kPatienceMs)) {
            err += process.readAllStandardError();
            if (const auto match = listening.match(QString::fromUtf8(err)); match.hasMatch())
                port = static_cast<quint16>(match.captured(1).toUInt());
        }
    }
    QString address() const { return QStringLiteral("tcp://127.0.0.1:%1").arg(port); }

    quint16 port = 0;
};

// The figures every way of feeding the same ticks must agree on.
QJsonObject figures(const QJsonObject& s)
{
    QJsonObject f;
    for (const char* key : {"records", "stocks", "windows", "resolved", "correct", "accuracy", "baselines", "unresolved"})
        f.insert(key, s.value(key));
    return f;
}

} // namespace

class TestLiveCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyFeedGivesTheCallsOfAReplay();
    void everyFeedLearnsAsAReplayDoes();
    void producerKilledMidStream();
    void badLinesOnStandardInput();
    void silentPeerIsDropped();
    void sigtermCommitsTheLog();
    void filesStreamAsTheyLoad_data();
    void filesStreamAsTheyLoad();
    void failures_data();
    void failures();

private:
    QString path(const QString& name) const { return dir_.filePath(name); }
    QString dataDir() const { return dir_.filePath("data"); }

    QTemporaryDir dir_;
    QByteArray ticks_;      // `produce --to -` of the data
    QByteArray replayed_;   // `replay --jsonl` of the data files
    QJsonObject figures_;
};

// A few of the sample's stocks (with its empty file) keep every run short.
void TestLiveCommand::initTestCase()
{
    QVERIFY(dir_.isValid());
    QVERIFY(QDir().mkpath(dataDir()));
    for (const char* name : {"bolt.us.txt", "ibm.us.txt", "ko.us.txt", "msft.us.txt"})
        QVERIFY(QFile::copy(QStringLiteral(STOCKSTREAM_SAMPLE_DIR "/") + name, dataDir() + '/' + name));

    const CliRun produce = runCli({"produce", "--data", dataDir(), "--to", "-"});
    QCOMPARE(produce.exitCode, 0);
    ticks_ = produce.out;
    const CliRun replay = runCli({"replay", "--data", dataDir(), "--jsonl", path("replay.jsonl")});
    QCOMPARE(replay.exitCode, 0);
    replayed_ = readFile(path("replay.jsonl"));
    figures_ = figures(summaryOf(replay.out));

    // The replay itself against calls derived here from the files.
    const QJsonObject model = readJsonFile(QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-relative-w5.json"));
    const ExpectedCalls expected = expectedCalls(dataDir(), model);
    std::set<QString> seen;
    for (const QByteArray& line : replayed_.trimmed().split('\n')) {
        const QString wrong = checkRecord(QJsonDocument::fromJson(line).object(), expected, seen);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong + ": " + line));
    }
    QCOMPARE(seen.size(), expected.size());
    qint64 records = 0;
    for (const auto& [stock, series] : readTickerFolder(dataDir()))
        records += qint64(series.closes.size());
    QCOMPARE(ticks_.count('\n'), records);
    QCOMPARE(figures_.value("records").toInteger(), records);
}

void TestLiveCommand::everyFeedGivesTheCallsOfAReplay()
{
    const CliRun whole = runCli({"replay", "--data", "-", "--jsonl", path("whole.jsonl")}, ticks_);
    const CliRun live = runCli({"replay", "--data", "-", "--live", "--jsonl", path("stdin.jsonl")}, ticks_);
    Listener tcp({"--jsonl", path("tcp.jsonl"), "--db", path("tcp.sqlite")});
    QVERIFY(tcp.port != 0);
    const CliRun produce = runCli({"produce", "--data", dataDir(), "--to", tcp.address()});
    const CliRun received = tcp.finish();
    for (const CliRun* run : {&whole, &live, &produce, &received})
        QVERIFY2(run->exitCode == 0, run->err.constData());

    QCOMPARE(figures(summaryOf(whole.out)), figures_);
    QCOMPARE(figures(summaryOf(live.out)), figures_);
    QCOMPARE(figures(summaryOf(received.out)), figures_);
    QCOMPARE(summaryOf(received.out).value("connections").toInteger(), 1);
    QCOMPARE(readFile(path("whole.jsonl")), replayed_);
    QCOMPARE(readFile(path("stdin.jsonl")), replayed_);
    QCOMPARE(readFile(path("tcp.jsonl")), replayed_);

    // The log holds the same calls, each once.
    const CliRun exported = runCli({"export", "--db", path("tcp.sqlite"), "--format", "jsonl", "--out", path("tcp-log.jsonl")});
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(sortedLines(readFile(path("tcp-log.jsonl"))), sortedLines(replayed_));
}

// Clusters, per-cluster regression and the online scorer learn from a
// feed's ticks as from a replay of the same files: the same calls with the
// same online fields, and the same figures.
void TestLiveCommand::everyFeedLearnsAsAReplayDoes()
{
    const QStringList learning{"--clusters", "4", "--online"};
    const CliRun replay = runCli(QStringList{"replay", "--data", dataDir(), "--jsonl", path("learnt.jsonl")} + learning);
    const CliRun live = runCli(QStringList{"replay", "--data", "-", "--live", "--jsonl", path("learnt-stdin.jsonl")} + learning,
                               ticks_);
    Listener tcp(QStringList{"--jsonl", path("learnt-tcp.jsonl")} + learning);
    QVERIFY(tcp.port != 0);
    const CliRun produce = runCli({"produce", "--data", dataDir(), "--to", tcp.address()});
    const CliRun received = tcp.finish();
    for (const CliRun* run : {&replay, &live, &produce, &received})
        QVERIFY2(run->exitCode == 0, run->err.constData());

    const QByteArray calls = readFile(path("learnt.jsonl"));
    QVERIFY(calls.contains("\"onlineProbability\": 0.") && calls.contains("\"cluster\": 3"));
    QCOMPARE(readFile(path("learnt-stdin.jsonl")), calls);
    QCOMPARE(readFile(path("learnt-tcp.jsonl")), calls);
    const QJsonObject replayed = summaryOf(replay.out);
    for (const CliRun* run : {&live, &received}) {
        const QJsonObject fed = summaryOf(run->out);
        QCOMPARE(figures(fed), figures_);
        for (const char* block : {"clusters", "regression", "online"}) {
            QVERIFY2(replayed.value(block).isObject(), block);
            QCOMPARE(fed.value(block), replayed.value(block));
        }
    }
}

void TestLiveCommand::producerKilledMidStream()
{
    Listener tcp({"--jsonl", path("killed.jsonl"), "--db", path("killed.sqlite")});
    QVERIFY(tcp.port != 0);
    QProcess producer;
    producer.start(QStringLiteral(STOCKSTREAM_CLI),
                   {"produce", "--data", dataDir(), "--to", tcp.address(), "--speed", "20000"});
    QVERIFY(producer.waitForStarted());
    QTest::qWait(500);
    producer.kill();  // SIGKILL: possibly mid-line
    QVERIFY(producer.waitForFinished(kPatienceMs));
    const CliRun received = tcp.finish();
    QCOMPARE(received.exitCode, 0);
    const QJsonObject s = summaryOf(received.out);
    const qint64 records = s.value("records").toInteger();
    QVERIFY(records > 0);
    QVERIFY(records < figures_.value("records").toInteger());
    QVERIFY(s.value("rejected").toInteger() <= 1);  // a line cut short

    // Exactly the calls of a replay of the ticks that arrived.
    QByteArray prefix;
    for (qsizetype at = 0, line = 0; line < records; ++line) {
        const qsizetype end = ticks_.indexOf('\n', at) + 1;
        prefix += ticks_.mid(at, end - at);
        at = end;
    }
    const CliRun replay = runCli({"replay", "--data", "-", "--jsonl", path("prefix.jsonl")}, prefix);
    QCOMPARE(replay.exitCode, 0);
    const QByteArray calls = readFile(path("prefix.jsonl"));
    QCOMPARE(readFile(path("killed.jsonl")), calls);
    const CliRun exported = runCli({"export", "--db", path("killed.sqlite"), "--format", "jsonl", "--out", path("killed-log.jsonl")});
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(sortedLines(readFile(path("killed-log.jsonl"))), sortedLines(calls));
}

void TestLiveCommand::badLinesOnStandardInput()
{
    QList<QByteArray> lines = ticks_.trimmed().split('\n');
    const qsizetype n = lines.size();
    lines.insert(n / 2, QByteArray(10 * 1024 * 1024, '{'));
    lines.insert(n / 3, "{\"stock\": \"\xff\xfe\", \"price\": 1, \"date\": \"1990-01-02\"}");
    lines.insert(n / 4, "\xc3\x28\x00\xff garbage");
    lines.insert(n / 5, lines.at(n / 5 - 2));  // a repeated tick
    const CliRun live = runCli({"replay", "--data", "-", "--live", "--jsonl", path("bad.jsonl")}, lines.join('\n') + '\n');
    QCOMPARE(live.exitCode, 0);
    const QJsonObject s = summaryOf(live.out);
    QCOMPARE(figures(s), figures_);
    QCOMPARE(s.value("rejected").toInteger(), 4);
    QCOMPARE(s.value("out_of_order").toInteger(), 1);
    QCOMPARE(readFile(path("bad.jsonl")), replayed_);
    QVERIFY2(live.err.contains("line too long") || live.err.contains("rejected"), live.err.constData());
}

// Without --reconnect the feed is its first peer: one that says nothing is
// dropped after --idle-timeout, and the run ends with an empty log.
void TestLiveCommand::silentPeerIsDropped()
{
    Listener tcp({"--idle-timeout", "0.2", "--db", path("silent.sqlite")});
    QVERIFY(tcp.port != 0);
    const int peer = loopback::dial(tcp.port);
    QVERIFY(peer >= 0);
    const CliRun received = tcp.finish();
    ::close(peer);
    QCOMPARE(received.exitCode, 0);
    const QJsonObject s = summaryOf(received.out);
    QCOMPARE(s.value("records").toInteger(), 0);
    QCOMPARE(s.value("idle_drops").toInteger(), 1);
    QCOMPARE(s.value("state").toString(), QStringLiteral("finished"));
}

// A live feed usually ends with SIGTERM: the log holds exactly the calls
// the summary counts, and its run is marked stopped.
void TestLiveCommand::sigtermCommitsTheLog()
{
    Listener tcp({"--reconnect", "--db", path("term.sqlite"), "--jsonl", path("term.jsonl")});
    QVERIFY(tcp.port != 0);
    const CliRun produce = runCli({"produce", "--data", dataDir(), "--to", tcp.address()});
    QCOMPARE(produce.exitCode, 0);
    const int silent = loopback::dial(tcp.port);  // still connected when the signal comes
    tcp.process.terminate();
    const CliRun received = tcp.finish();
    ::close(silent);
    QCOMPARE(received.exitCode, 0);
    const QJsonObject s = summaryOf(received.out);
    QCOMPARE(s.value("state").toString(), QStringLiteral("stopped"));
    const CliRun runs = runCli({"export", "--db", path("term.sqlite"), "--format", "jsonl", "--out", path("term-log.jsonl")});
    QCOMPARE(runs.exitCode, 0);
    const QByteArray logged = readFile(path("term-log.jsonl"));
    QCOMPARE(qint64(logged.count('\n')), s.value("windows").toInteger());
    QCOMPARE(sortedLines(logged), sortedLines(readFile(path("term.jsonl"))));
}

void TestLiveCommand::filesStreamAsTheyLoad_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("timeOrdered");  // else the calls come in another order

    const QByteArray ibm = readFile(dataDir() + "/ibm.us.txt");
    QTest::newRow("ticker file") << "ibm.us.txt" << ibm << true;
    QTest::newRow("ticker file, BOM and LF") << "ibm.us.txt" << "\xEF\xBB\xBF" + QByteArray(ibm).replace("\r\n", "\n")
                                            << true;

    QList<QByteArray> rows = ibm.split('\n');
    rows.insert(300, QByteArray(rows.at(300)).replace(",", ",-"));  // negative prices
    rows.insert(200, rows.at(199));                     // a repeated day
    rows.insert(100, "garbage");
    QTest::newRow("ticker file with bad rows") << "ibm.us.txt" << rows.join('\n') << true;

    // The thesis's data.csv: every stock's rows, one stock after another.
    QByteArray unified = "Date,Open,High,Low,Close,Volume,OpenInt,Stock\n";
    for (const char* stock : {"ko.us", "ibm.us", "msft.us"}) {
        const QList<QByteArray> lines = readFile(dataDir() + '/' + stock + ".txt").trimmed().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i)
            unified += lines.at(i).trimmed() + ',' + stock + '\n';
    }
    QTest::newRow("data.csv") << "data.csv" << unified << false;

    QTest::newRow("JSON lines") << "ticks.jsonl" << ticks_ << true;
}

// A file streamed with --live, read in one pass with flat memory, gives
// the calls, figures and notes of the same file loaded whole.
void TestLiveCommand::filesStreamAsTheyLoad()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(bool, timeOrdered);
    QTemporaryDir dir;
    const QString file = dir.filePath(name);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    QCOMPARE(out.write(bytes), bytes.size());
    out.close();

    const CliRun loaded = runCli({"replay", "--data", file, "--jsonl", dir.filePath("loaded.jsonl")});
    const CliRun streamed = runCli({"replay", "--data", file, "--live", "--jsonl", dir.filePath("streamed.jsonl")});
    QCOMPARE(loaded.exitCode, 0);
    QCOMPARE(streamed.exitCode, 0);
    const QJsonObject loadedSummary = summaryOf(loaded.out);
    const QJsonObject streamedSummary = summaryOf(streamed.out);
    QVERIFY(loadedSummary.value("windows").toInteger() > 0);
    QCOMPARE(figures(streamedSummary), figures(loadedSummary));
    QCOMPARE(streamedSummary.value("rejected"), loadedSummary.value("rejected"));
    QCOMPARE(streamedSummary.value("source").toString(), file);
    // Rejected lines are named alike: the file, how many, the first one.
    auto notes = [](const QByteArray& err) {
        QList<QByteArray> lines;
        for (const QByteArray& line : err.split('\n'))
            if (line.contains("rejected, first at line"))
                lines.append(line);
        return lines;
    };
    QCOMPARE(notes(streamed.err), notes(loaded.err));
    const QByteArray loadedCalls = readFile(dir.filePath("loaded.jsonl"));
    const QByteArray streamedCalls = readFile(dir.filePath("streamed.jsonl"));
    if (timeOrdered)
        QCOMPARE(streamedCalls, loadedCalls);
    else
        QCOMPARE(sortedLines(streamedCalls), sortedLines(loadedCalls));
}

void TestLiveCommand::failures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString sample = QStringLiteral(STOCKSTREAM_SAMPLE_DIR);
    const QString closed = QStringLiteral("tcp://127.0.0.1:%1").arg(loopback::freePort());
    QTest::newRow("produce without data") << QStringList{"produce"} << 2 << "--data";
    QTest::newRow("produce to a file") << QStringList{"produce", "--data", sample, "--to", "out.jsonl"} << 2 << "--to";
    QTest::newRow("produce to no host") << QStringList{"produce", "--data", sample, "--to", "tcp://9000"} << 2 << "--to";
    QTest::newRow("replay from no host") << QStringList{"replay", "--data", "tcp://9000"} << 2 << "--data";
    QTest::newRow("produce bad speed") << QStringList{"produce", "--data", sample, "--speed", "0"} << 2 << "--speed";
    QTest::newRow("produce to nobody") << QStringList{"produce", "--data", sample, "--to", closed, "--retry-for", "0.2"}
                                       << 1 << "cannot connect";
    QTest::newRow("bad listen") << QStringList{"replay", "--listen", "localhost:http"} << 2 << "--listen";
    QTest::newRow("listen and data") << QStringList{"replay", "--listen", "0", "--data", sample} << 2 << "--listen";
    QTest::newRow("paced live feed") << QStringList{"replay", "--listen", "0", "--speed", "10"} << 2 << "--speed";
    QTest::newRow("paced streamed file") << QStringList{"replay", "--data", sample + "/ibm.us.txt", "--live", "--speed", "10"}
                                         << 2 << "produce";
    QTest::newRow("live from a folder") << QStringList{"replay", "--data", sample, "--live"} << 1 << "folder";
    QTest::newRow("live from a missing file") << QStringList{"replay", "--data", "/nonexistent/ibm.us.txt", "--live"}
                                              << 1 << "cannot open /nonexistent/ibm.us.txt";
    QTest::newRow("live from no data") << QStringList{"replay", "--live"} << 2 << "--live";
    QTest::newRow("live from another scheme") << QStringList{"replay", "--data", "udp://127.0.0.1:9", "--live"} << 2
                                              << "--data";
    QTest::newRow("bad idle timeout") << QStringList{"replay", "--listen", "0", "--idle-timeout", "-1"} << 2
                                      << "--idle-timeout";
}

void TestLiveCommand::failures()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const CliRun run = runCli(args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    if (exitCode == 2) {
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.trimmed().split('\n').size(), 1);  // one clear line
    }
}

QTEST_MAIN(TestLiveCommand)
#include "tst_livecommand.moc"
