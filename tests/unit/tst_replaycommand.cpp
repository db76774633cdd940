// End to end: the real command on the real sample, checked against figures
// this test derives on its own from the files and the model file, with
// nothing but Qt's text and JSON parsing.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(STOCKSTREAM_CLI), args);
    p.waitForStarted();
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

struct Expected {
    qint64 records = 0, stocks = 0, emptyFiles = 0, windows = 0, resolved = 0, correct = 0, up = 0, lastMove = 0;
};

Expected deriveFromFiles(const QString& folder, const QJsonObject& model)
{
    const int w = model.value("window").toInt();
    const bool relative = model.value("transform").toString() == "relative";
    std::vector<double> weights;
    for (const auto v : model.value("weights").toArray())
        weights.push_back(v.toDouble());
    const double b = model.value("intercept").toDouble();

    Expected e;
    for (const QFileInfo& info : QDir(folder).entryInfoList({"*.txt"}, QDir::Files)) {
        QFile f(info.filePath());
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(info.filePath()));
        std::vector<double> closes;
        for (const QByteArray& line : f.readAll().split('\n')) {
            const QList<QByteArray> cols = line.trimmed().split(',');
            if (cols.size() == 7 && cols[0] != "Date")
                closes.push_back(cols[4].toDouble());
        }
        e.records += qint64(closes.size());
        e.stocks += !closes.empty();
        e.emptyFiles += closes.empty();
        for (std::size_t end = std::size_t(w); end <= closes.size(); ++end) {
            const double* win = &closes[end - std::size_t(w)];
            const double n1 = win[w - 1];
            double margin = b;
            for (std::size_t i = 0; i < weights.size(); ++i)
                margin += weights[i] * (relative ? win[i] / n1 - 1.0 : win[i]);
            const bool saysUp = 1.0 / (1.0 + std::exp(-margin)) > 0.5;
            ++e.windows;
            if (end == closes.size())
                continue;  // the stock's last window stays open
            const bool up = closes[end] > n1;
            ++e.resolved;
            e.correct += saysUp == up;
            e.up += up;
            e.lastMove += (n1 > win[w - 2]) == up;
        }
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
    QFile modelFile(QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-relative-w5.json"));
    QVERIFY(modelFile.open(QIODevice::ReadOnly));
    const QJsonObject model = QJsonDocument::fromJson(modelFile.readAll()).object();
    const Expected e = deriveFromFiles(QStringLiteral(STOCKSTREAM_SAMPLE_DIR), model);
    QVERIFY(e.records > 100000);

    const Run run = cli({"replay", "--data", QStringLiteral(STOCKSTREAM_SAMPLE_DIR)});
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
    const Run run = cli({"replay", "--data", "-"}, ticks);
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
    QTest::newRow("unknown command") << QStringList{"dance"} << 2 << "unknown command";
}

void TestReplayCommand::failures()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Run run = cli(args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(run.out.isEmpty());
    const QList<QByteArray> errLines = run.err.trimmed().split('\n');
    QCOMPARE(errLines.size(), 1);  // one clear line
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
}

void TestReplayCommand::help()
{
    const Run run = cli({"replay", "--help"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("--data"));
    QVERIFY(run.out.contains("--speed"));
}

QTEST_MAIN(TestReplayCommand)
#include "tst_replaycommand.moc"
