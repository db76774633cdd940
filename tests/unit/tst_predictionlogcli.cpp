// The command line with the prediction log, as separate processes: a
// logged replay killed with SIGKILL mid-run and resumed, a replay that runs
// out of file space, and the one-line refusals of bad arguments.
#include "ExpectedPredictions.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "SqliteProbe.h"

#include <csignal>
#include <set>
#include <sys/resource.h>

namespace {

const QString kModel = QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-relative-w5.json");
const QString kSample = QStringLiteral(STOCKSTREAM_SAMPLE_DIR);
constexpr const char* kCount = "SELECT count(*) FROM predictions";

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList& args, const std::function<void()>& childSetup = {})
{
    QProcess p;
    if (childSetup)
        p.setChildProcessModifier(childSetup);
    p.start(QStringLiteral(STOCKSTREAM_CLI), args);
    p.waitForStarted();
    if (!p.waitForFinished(240000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}


// Every record of the log's latest run, exported as JSON lines through the
// command line and checked field by field; returns the keys with their actual.
std::map<QString, QJsonValue> checkedExport(const QString& db, const QString& out, const ExpectedCalls& expected,
                                            QString* failure)
{
    std::map<QString, QJsonValue> records;
    const Run r = cli({"export", "--db", db, "--format", "jsonl", "--out", out});
    if (r.exitCode != 0) {
        *failure = QString::fromUtf8(r.err);
        return records;
    }
    QFile f(out);
    f.open(QIODevice::ReadOnly);
    std::set<QString> seen;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (const QString wrong = checkRecord(o, expected, seen, true); !wrong.isEmpty()) {
            *failure = wrong + ": " + line;
            return records;
        }
        records.emplace(o.value("stock").toString() + '|' + o.value("date").toString(), o.value("actual"));
    }
    return records;
}

} // namespace

class TestPredictionLogCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void killedRunResumesWithoutLossOrDuplicates();
    void fullDiskIsOneErrorAndKeepsCommittedCalls();
    void refusals_data();
    void refusals();

private:
    QTemporaryDir dir_;
    ExpectedCalls expected_;
};

void TestPredictionLogCli::initTestCase()
{
    QVERIFY(dir_.isValid());
    expected_ = expectedCalls(kSample, readJsonFile(kModel));
}

void TestPredictionLogCli::killedRunResumesWithoutLossOrDuplicates()
{
    const QString db = dir_.filePath("killed.sqlite");
    QProcess replay;
    // Slow enough to be caught mid-run, a few seconds in all.
    replay.start(QStringLiteral(STOCKSTREAM_CLI),
                 {"replay", "--data", kSample, "--model", kModel, "--db", db, "--speed", "100000"});
    QVERIFY(replay.waitForStarted());
    qint64 committed = 0;
    for (int i = 0; i < 400 && committed < 20000; ++i) {
        QTest::qWait(25);
        if (QFile::exists(db))
            committed = SqliteProbe(db, SQLITE_OPEN_READONLY).text(kCount).toLongLong();
    }
    replay.kill();  // SIGKILL: no chance to clean up
    QVERIFY(replay.waitForFinished());
    QCOMPARE(replay.exitStatus(), QProcess::CrashExit);

    {
        const SqliteProbe killed(db, SQLITE_OPEN_READONLY);
        QCOMPARE(killed.text("PRAGMA integrity_check"), QStringLiteral("ok"));
        QCOMPARE(killed.text("SELECT status FROM runs WHERE id = 1"), QStringLiteral("running"));
        committed = killed.text(kCount).toLongLong();
    }
    QVERIFY2(committed >= 20000, "the log committed calls while the replay ran");
    QVERIFY2(committed < static_cast<qint64>(expected_.size()), "the replay was killed before the end");

    QString failure;
    const auto before = checkedExport(db, dir_.filePath("killed.jsonl"), expected_, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(static_cast<qint64>(before.size()), committed);

    const Run resumed = cli({"replay", "--db", db, "--resume", "1"});
    QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
    QCOMPARE(QJsonDocument::fromJson(resumed.out).object().value("run").toInteger(), 1);

    const auto after = checkedExport(db, dir_.filePath("resumed.jsonl"), expected_, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(after.size(), expected_.size());
    for (const auto& [key, call] : expected_) {
        const auto found = after.find(key);
        QVERIFY2(found != after.end(), qPrintable(key));
        QCOMPARE(found->second.isNull(), !call.actual.has_value());
    }
    const SqliteProbe done(db, SQLITE_OPEN_READONLY);
    QCOMPARE(done.text("PRAGMA integrity_check"), QStringLiteral("ok"));
    QCOMPARE(done.text("SELECT status FROM runs WHERE id = 1"), QStringLiteral("finished"));
    QCOMPARE(done.text("SELECT count(*) FROM runs"), QStringLiteral("1"));

    const Run again = cli({"replay", "--db", db, "--resume", "1"});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains("already finished"), again.err.constData());
}

void TestPredictionLogCli::fullDiskIsOneErrorAndKeepsCommittedCalls()
{
    const QString db = dir_.filePath("full.sqlite");
    // The log may grow to 2 MB; the sample's log needs about 30.
    const Run r = cli({"replay", "--data", kSample, "--model", kModel, "--db", db}, [] {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{2 << 20, 2 << 20};
        setrlimit(RLIMIT_FSIZE, &limit);
    });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.out, QByteArray());
    const QList<QByteArray> errors = r.err.trimmed().split('\n');
    QVERIFY2(errors.last().startsWith("stockstream-cli: cannot write to the prediction log"), r.err.constData());
    QVERIFY2(errors.last().contains("File too large"), r.err.constData());

    const SqliteProbe full(db, SQLITE_OPEN_READONLY);
    QCOMPARE(full.text("PRAGMA integrity_check"), QStringLiteral("ok"));
    QString failure;
    const auto kept = checkedExport(db, dir_.filePath("full.jsonl"), expected_, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(kept.size() < expected_.size());
}

void TestPredictionLogCli::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString missing = QStringLiteral("/nonexistent-folder/log.sqlite");
    QTest::newRow("log in a missing folder") << QStringList{"replay", "--data", kSample, "--db", missing} << 1
                                             << "does not exist";
    QTest::newRow("log on a read-only file system")
        << QStringList{"replay", "--data", kSample, "--db", "/proc/log.sqlite"} << 1 << "cannot open";
    QTest::newRow("JSON lines in a missing folder")
        << QStringList{"replay", "--data", kSample, "--jsonl", "/nonexistent-folder/calls.jsonl"} << 1
        << "cannot write '/nonexistent-folder/calls.jsonl'";
    QTest::newRow("resume without a log") << QStringList{"replay", "--resume", "1"} << 2 << "--resume needs --db";
    QTest::newRow("resume a run that is not there")
        << QStringList{"replay", "--db", dir_.filePath("empty.sqlite"), "--resume", "7"} << 1 << "has no run 7";
    QTest::newRow("resume with a word") << QStringList{"replay", "--db", dir_.filePath("empty.sqlite"), "--resume",
                                                       "last"}
                                        << 2 << "takes a run id";
    QTest::newRow("export from a missing log")
        << QStringList{"export", "--db", missing, "--format", "csv", "--out", dir_.filePath("x.csv")} << 1
        << "no prediction log";
    QTest::newRow("export of a log with no runs")
        << QStringList{"export", "--db", dir_.filePath("empty.sqlite"), "--format", "csv", "--out",
                       dir_.filePath("x.csv")}
        << 1 << "no runs yet";
    QTest::newRow("export in an unknown format")
        << QStringList{"export", "--db", dir_.filePath("empty.sqlite"), "--format", "xml", "--out", "x"} << 2
        << "csv or jsonl";
    QTest::newRow("export with a bad date")
        << QStringList{"export", "--db", dir_.filePath("empty.sqlite"), "--format", "csv", "--out", "x", "--from",
                       "1990-13-01"}
        << 2 << "takes a date";
    QTest::newRow("export without --out") << QStringList{"export", "--db", dir_.filePath("empty.sqlite"),
                                                         "--format", "csv"}
                                          << 2 << "export needs";
}

void TestPredictionLogCli::refusals()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    {
        QFile empty(dir_.filePath("empty.sqlite"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
    }
    const Run r = cli(args);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.out, QByteArray());
    // One error line (warnings about the data may come before it).
    QList<QByteArray> errors = r.err.trimmed().split('\n');
    errors.removeIf([](const QByteArray& line) { return line.startsWith("warning: "); });
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(message.toUtf8()), r.err.constData());
}

QTEST_MAIN(TestPredictionLogCli)
#include "tst_predictionlogcli.moc"
