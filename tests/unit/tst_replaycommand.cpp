// End to end: the real command on the real sample, checked against figures
// this test derives on its own from the files and the model file, with
// nothing but Qt's text and JSON parsing.
#include "CliRun.h"
#include "ExpectedPredictions.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Expected {
    qint64 records = 0, stocks = 0, emptyFiles = 0, windows = 0, resolved = 0, correct = 0, up = 0, lastMove = 0;
};

Expected deriveFromFiles(const QString& folder, const QJsonObject& model)
{
    Expected e;
    for (const auto& [stock, series] : readTickerFolder(folder)) {
        e.records += qint64(series.closes.size());
        e.stocks += !series.closes.empty();
        e.emptyFiles += series.closes.empty();
    }
    for (const auto& [key, call] : expectedCalls(folder, model)) {
        ++e.windows;
        if (!call.actual)
            continue;  // the stock's last window stays open
        const std::size_t w = call.window.size();
        ++e.resolved;
        e.correct += call.up == *call.actual;
        e.up += *call.actual;
        e.lastMove += (call.window[w - 1] > call.window[w - 2]) == *call.actual;
    }
    return e;
}

} // namespace

class TestReplayCommand : public QObject {
    Q_OBJECT
private slots:
    void sampleFiguresMatchIndependentCount();
    void standardInput();
    void interruptStopsInOrder();
    void failures_data();
    void failures();
    void help();
};

void TestReplayCommand::sampleFiguresMatchIndependentCount()
{
    const QJsonObject model = readJsonFile(QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-relative-w5.json"));
    const Expected e = deriveFromFiles(QStringLiteral(STOCKSTREAM_SAMPLE_DIR), model);
    QVERIFY(e.records > 100000);

    const CliRun run = runCli({"replay", "--data", QStringLiteral(STOCKSTREAM_SAMPLE_DIR)});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);  // exactly one line of JSON
    const QJsonObject s = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(s.value("records").toInteger(), e.records);
    QCOMPARE(s.value("rejected").toInteger(), 0);
    QCOMPARE(s.value("stocks").toInteger(), e.stocks);
    QCOMPARE(s.value("empty_files").toInteger(), e.emptyFiles);
    QCOMPARE(s.value("windows").toInteger(), e.windows);
    QCOMPARE(s.value("resolved").toInteger(), e.resolved);
    QCOMPARE(s.value("correct").toInteger(), e.correct);
    QCOMPARE(s.value("accuracy").toDouble(), double(e.correct) / double(e.resolved));
    const QJsonObject baselines = s.value("baselines").toObject();
    QCOMPARE(baselines.value("always_up").toDouble(), double(e.up) / double(e.resolved));
    QCOMPARE(baselines.value("always_down").toDouble(), double(e.resolved - e.up) / double(e.resolved));
    QCOMPARE(baselines.value("same_as_last_move").toDouble(), double(e.lastMove) / double(e.resolved));
    QVERIFY(s.value("elapsed_s").toDouble() > 0);
    QVERIFY(s.value("records_per_s").toDouble() > 0);
    if (e.emptyFiles > 0)
        QVERIFY(run.err.contains("empty file"));
}

void TestReplayCommand::standardInput()
{
    QByteArray ticks;
    for (int day = 1; day <= 9; ++day)
        ticks += QStringLiteral(R"({"stock": "jnj.us", "price": %1, "date": "1970-01-%2T00:00:00.000+01:00"})")
                     .arg(1 + day % 3)
                     .arg(day, 2, 10, QChar('0'))
                     .toUtf8()
                 + "\n";
    ticks += "garbage\n";
    const CliRun run = runCli({"replay", "--data", "-"}, ticks);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject s = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(s.value("records").toInteger(), 9);
    QCOMPARE(s.value("rejected").toInteger(), 1);
    QCOMPARE(s.value("windows").toInteger(), 5);
    QCOMPARE(s.value("resolved").toInteger(), 4);
    QVERIFY(run.err.contains("line 10"));
}

// SIGTERM mid-replay: the figures so far, a stopped state, one line, 130.
void TestReplayCommand::interruptStopsInOrder()
{
    QProcess p;
    p.start(QStringLiteral(STOCKSTREAM_CLI),
            {"replay", "--data", QStringLiteral(STOCKSTREAM_SAMPLE_DIR), "--speed", "2000"});
    QVERIFY(p.waitForStarted());
    QTest::qWait(1500);
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    const QJsonObject s = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(s.value("state").toString(), QStringLiteral("stopped"));
    QVERIFY(s.value("records").toInteger() > 0);
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(err.contains("interrupted"), err.constData());
}

void TestReplayCommand::failures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString sample = QStringLiteral(STOCKSTREAM_SAMPLE_DIR);
    QTest::newRow("missing path") << QStringList{"replay", "--data", "/no/such/folder"} << 1 << "No such file";
    QTest::newRow("refused model") << QStringList{"replay", "--data", sample, "--model",
                                                  QStringLiteral(STOCKSTREAM_SOURCE_DIR "/CMakeLists.txt")}
                                   << 1 << "refused";
    QTest::newRow("missing model") << QStringList{"replay", "--data", sample, "--model", "/no/model.json"} << 1
                                   << "cannot open model";
    QTest::newRow("no data option") << QStringList{"replay"} << 2 << "--data";
    QTest::newRow("bad speed") << QStringList{"replay", "--data", sample, "--speed", "fast"} << 2 << "--speed";
    QTest::newRow("unknown option") << QStringList{"replay", "--frobnicate"} << 2 << "frobnicate";
    QTest::newRow("calls to standard output") << QStringList{"replay", "--data", sample, "--jsonl", "-"} << 2
                                              << "--jsonl takes a file";
    QTest::newRow("export to standard output") << QStringList{"export", "--db", "log.sqlite", "--format", "csv",
                                                              "--out", "-"}
                                               << 2 << "--out takes a file";
    QTest::newRow("unknown command") << QStringList{"dance"} << 2 << "unknown command";
}

void TestReplayCommand::failures()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const CliRun run = runCli(args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(run.out.isEmpty());
    const QList<QByteArray> errLines = run.err.trimmed().split('\n');
    QCOMPARE(errLines.size(), 1);  // one clear line
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
}

void TestReplayCommand::help()
{
    const CliRun run = runCli({"replay", "--help"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("--data"));
    QVERIFY(run.out.contains("--speed"));
}

QTEST_MAIN(TestReplayCommand)
#include "tst_replaycommand.moc"
