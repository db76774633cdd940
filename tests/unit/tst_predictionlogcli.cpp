// The command line with the prediction log, as separate processes: a
// logged replay killed with SIGKILL mid-run and resumed, calls committed
// while a replay still runs, a replay that runs out of file space, one that
// meets another program's write lock, a log on a read-only file system,
// exports of chosen runs, and the one-line refusals of bad arguments.
#include "CliRun.h"
#include "ExpectedPredictions.h"
#include "Patience.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "SqliteProbe.h"

#include <algorithm>
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

Run run(const QString& program, const QStringList& args, const std::function<void()>& childSetup = {})
{
    QProcess p;
    if (childSetup)
        p.setChildProcessModifier(childSetup);
    p.start(program, args);
    p.waitForStarted();
    if (!p.waitForFinished(240000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

Run cli(const QStringList& args, const std::function<void()>& childSetup = {})
{
    return run(QStringLiteral(STOCKSTREAM_CLI), args, childSetup);
}

// Starts a logged replay of `data` into `db` at `speed` records a second.
bool startPacedReplay(QProcess& replay, const QString& db, int speed, const QString& data = kSample)
{
    replay.start(QStringLiteral(STOCKSTREAM_CLI), {"replay", "--data", data, "--model", kModel, "--db", db,
                                                   "--speed", QString::number(speed)});
    return replay.waitForStarted();
}

// The calls another program sees committed in the log (0 before there is one).
qint64 committedCalls(const QString& db)
{
    return QFile::exists(db) ? SqliteProbe(db, SQLITE_OPEN_READONLY).text(kCount).toLongLong() : 0;
}

// Every distinct number of committed calls seen from another connection
// while `replay` ran, polled until it ends; the last is where it stopped.
std::vector<qint64> committedWhileRunning(QProcess& replay, const QString& db)
{
    std::vector<qint64> counts;
    QDeadlineTimer patience(kPatienceMs * 4);
    while (replay.state() != QProcess::NotRunning && !patience.hasExpired()) {
        replay.waitForFinished(20);
        if (const qint64 count = committedCalls(db); count > 0 && (counts.empty() || count != counts.back()))
            counts.push_back(count);
    }
    return counts;
}

// Calls are committed in stream order, so a log that lost committed calls
// has a gap: a call dated before its latest call that it does not hold.
// Returns the first such call, or an empty string.
QString gapIn(const std::map<QString, QJsonValue>& kept, const ExpectedCalls& expected)
{
    QString latest;
    for (const auto& [key, actual] : kept)
        latest = std::max(latest, key.section('|', 1));
    for (const auto& [key, call] : expected)
        if (call.date < latest && !kept.contains(key))
            return key;
    return {};
}


// Every record of the log's latest run (or of what the export options in
// `selection` pick), exported as JSON lines through the command line and
// checked field by field; returns the keys with their actual.
std::map<QString, QJsonValue> checkedExport(const QString& db, const QString& out, const ExpectedCalls& expected,
                                            QString* failure, const QStringList& selection = {})
{
    std::map<QString, QJsonValue> records;
    const Run r = cli(QStringList{"export", "--db", db, "--format", "jsonl", "--out", out} + selection);
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

// What is wrong with a finished run's export: a call missing, or one
// whose outcome the files give left open (or the reverse). Empty if none.
QString incompleteRun(const std::map<QString, QJsonValue>& records, const ExpectedCalls& expected)
{
    if (records.size() != expected.size())
        return QStringLiteral("%1 records for %2 calls").arg(records.size()).arg(expected.size());
    for (const auto& [key, call] : expected) {
        const auto found = records.find(key);
        if (found == records.end())
            return QStringLiteral("no record of ") + key;
        if (found->second.isNull() != !call.actual.has_value())
            return QStringLiteral("the outcome of ") + key;
    }
    return {};
}

} // namespace

class TestPredictionLogCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void killedRunResumesWithoutLossOrDuplicates();
    void commitsWhileTheReplayRuns();
    void fullDiskIsOneErrorAndKeepsCommittedCalls();
    void anotherProgramsWriteLock_data();
    void anotherProgramsWriteLock();
    void readOnlyFileSystemIsNamed();
    void exportsTheChosenRun();
    void refusals_data();
    void refusals();

private:
    QTemporaryDir dir_;
    ExpectedCalls expected_;
    QString fewStocks_;  // four of the sample's ticker files (about 40,000 records), for quicker runs
    ExpectedCalls fewExpected_;
};

void TestPredictionLogCli::initTestCase()
{
    QVERIFY(dir_.isValid());
    expected_ = expectedCalls(kSample, readJsonFile(kModel));
    fewStocks_ = dir_.filePath("few-stocks");
    QVERIFY(QDir().mkpath(fewStocks_));
    for (const char* file : {"aapl.us.txt", "msft.us.txt", "cnp.us.txt", "dis.us.txt"})
        QVERIFY(QFile::copy(kSample + '/' + file, fewStocks_ + '/' + file));
    fewExpected_ = expectedCalls(fewStocks_, readJsonFile(kModel));
}

void TestPredictionLogCli::killedRunResumesWithoutLossOrDuplicates()
{
    const QString db = dir_.filePath("killed.sqlite");
    QProcess replay;
    // Slow enough to be caught mid-run, a few seconds in all.
    QVERIFY(startPacedReplay(replay, db, 100000));
    qint64 committed = 0;
    for (int i = 0; i < 400 && committed < 20000; ++i) {
        QTest::qWait(25);
        committed = committedCalls(db);
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
    failure = incompleteRun(after, expected_);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const SqliteProbe done(db, SQLITE_OPEN_READONLY);
    QCOMPARE(done.text("PRAGMA integrity_check"), QStringLiteral("ok"));
    QCOMPARE(done.text("SELECT status FROM runs WHERE id = 1"), QStringLiteral("finished"));
    QCOMPARE(done.text("SELECT count(*) FROM runs"), QStringLiteral("1"));

    const Run again = cli({"replay", "--db", db, "--resume", "1"});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains("already finished"), again.err.constData());
}

// The log's commit policy without a clock: a paced replay of the sample
// (a few seconds) shows another connection its calls in several commits
// before the last one, not all at the end.
void TestPredictionLogCli::commitsWhileTheReplayRuns()
{
    const QString db = dir_.filePath("steady.sqlite");
    QProcess replay;
    QVERIFY(startPacedReplay(replay, db, 100000));
    std::vector<qint64> counts = committedWhileRunning(replay, db);
    QCOMPARE(replay.exitStatus(), QProcess::NormalExit);
    QVERIFY2(replay.exitCode() == 0, replay.readAllStandardError().constData());

    const auto total = static_cast<qint64>(expected_.size());
    QCOMPARE(committedCalls(db), total);
    std::erase(counts, total);
    QVERIFY2(counts.size() >= 3, qPrintable(QStringLiteral("%1 commits before the last").arg(counts.size())));
    QVERIFY(std::is_sorted(counts.begin(), counts.end()));
}

void TestPredictionLogCli::fullDiskIsOneErrorAndKeepsCommittedCalls()
{
    const QString db = dir_.filePath("full.sqlite");
    QProcess replay;
    // The log may grow to 2 MB; the sample's log needs about 30. Paced so
    // that another connection sees the commits before the failing one.
    replay.setChildProcessModifier([] {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{2 << 20, 2 << 20};
        setrlimit(RLIMIT_FSIZE, &limit);
    });
    QVERIFY(startPacedReplay(replay, db, 20000));
    const std::vector<qint64> counts = committedWhileRunning(replay, db);
    QCOMPARE(replay.exitStatus(), QProcess::NormalExit);
    QCOMPARE(replay.exitCode(), 1);
    QCOMPARE(replay.readAllStandardOutput(), QByteArray());
    const QByteArray err = replay.readAllStandardError();
    const QList<QByteArray> errors = err.trimmed().split('\n');
    QVERIFY2(errors.last().startsWith("stockstream-cli: cannot write to the prediction log"), err.constData());
    QVERIFY2(errors.last().contains("File too large"), err.constData());
    QVERIFY2(!counts.empty(), "no commit was seen before the disk filled");

    const SqliteProbe full(db, SQLITE_OPEN_READONLY);
    QCOMPARE(full.text("PRAGMA integrity_check"), QStringLiteral("ok"));
    QString failure;
    const auto kept = checkedExport(db, dir_.filePath("full.jsonl"), expected_, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(kept.size() < expected_.size());
    // Every call committed before the failure is still there.
    QVERIFY2(static_cast<qint64>(kept.size()) >= counts.back(),
             qPrintable(QStringLiteral("%1 kept, %2 seen committed").arg(kept.size()).arg(counts.back())));
    const QString gap = gapIn(kept, expected_);
    QVERIFY2(gap.isEmpty(), qPrintable(gap));
}

void TestPredictionLogCli::anotherProgramsWriteLock_data()
{
    // The log waits up to 5 s for another program's write transaction
    // (PredictionLog::Options::busyTimeout), then gives up with one error.
    QTest::addColumn<int>("holdMs");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("held for a moment: the replay waits") << 1000 << 0;
    QTest::newRow("held past the wait: one error") << 7000 << 1;
}

void TestPredictionLogCli::anotherProgramsWriteLock()
{
    QFETCH(int, holdMs);
    QFETCH(int, exitCode);
    const QString db = dir_.filePath(QStringLiteral("locked-%1.sqlite").arg(holdMs));
    QProcess replay;
    QVERIFY(startPacedReplay(replay, db, 10000, fewStocks_));
    for (int i = 0; i < 1000 && committedCalls(db) == 0; ++i)
        QTest::qWait(10);

    // Another program: SQLite's own shell, in a write transaction.
    QProcess shell;
    shell.start(QStringLiteral("sqlite3"), {db});
    if (!shell.waitForStarted()) {
        replay.kill();
        replay.waitForFinished();
        QSKIP("needs the sqlite3 shell (packaging/bootstrap.sh installs it)");
    }
    shell.write("PRAGMA busy_timeout = 60000;\nBEGIN IMMEDIATE;\nSELECT 'locked';\n");
    QByteArray said;
    while (!said.contains("locked") && shell.waitForReadyRead(kPatienceMs))
        said += shell.readAllStandardOutput();
    QVERIFY2(said.contains("locked"), shell.readAllStandardError().constData());
    const qint64 committedBefore = committedCalls(db);
    QVERIFY2(replay.state() == QProcess::Running && committedBefore < static_cast<qint64>(fewExpected_.size()),
             "the lock was taken mid-replay");

    replay.waitForFinished(holdMs);
    shell.write("COMMIT;\n");
    shell.closeWriteChannel();
    QVERIFY(shell.waitForFinished(kPatienceMs));
    QVERIFY(replay.waitForFinished(kPatienceMs * 4) || replay.state() == QProcess::NotRunning);
    QCOMPARE(replay.exitStatus(), QProcess::NormalExit);
    const QByteArray err = replay.readAllStandardError();
    QVERIFY2(replay.exitCode() == exitCode, err.constData());

    const SqliteProbe locked(db, SQLITE_OPEN_READONLY);
    QCOMPARE(locked.text("PRAGMA integrity_check"), QStringLiteral("ok"));
    QString failure;
    const auto kept = checkedExport(db, dir_.filePath("locked.jsonl"), fewExpected_, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(static_cast<qint64>(kept.size()) >= committedBefore);
    if (exitCode == 0) {
        failure = incompleteRun(kept, fewExpected_);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(locked.text("SELECT status FROM runs"), QStringLiteral("finished"));
        return;
    }
    const QList<QByteArray> errors = errorLines(err);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith("stockstream-cli: cannot write to the prediction log"), err.constData());
    QVERIFY2(errors.first().contains("another program is writing to it"), err.constData());
    QCOMPARE(locked.text("SELECT status FROM runs"), QStringLiteral("failed"));
    const QString gap = gapIn(kept, fewExpected_);
    QVERIFY2(gap.isEmpty(), qPrintable(gap));
}

// A read-only mount, made in a user and mount namespace of the test's own
// (unshare -rm), refuses root too, where a folder's permissions would not.
void TestPredictionLogCli::readOnlyFileSystemIsNamed()
{
    const QString folder = dir_.filePath("read-only");
    QVERIFY(QDir().mkpath(folder));
    const QString mount = QStringLiteral("mount -t tmpfs -o ro tmpfs \"$1\" || exit 99; shift; exec \"$@\"");
    const Run probe = run(QStringLiteral("unshare"), {"-rm", "sh", "-c", mount, "sh", folder, "true"});
    if (probe.exitCode != 0)
        QSKIP(("cannot mount a read-only file system here: " + probe.err.trimmed()).constData());

    const QString db = folder + "/log.sqlite";
    const Run r = run(QStringLiteral("unshare"), {"-rm", "sh", "-c", mount, "sh", folder, STOCKSTREAM_CLI, "replay",
                                                  "--data", kSample, "--model", kModel, "--db", db});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.out, QByteArray());
    const QList<QByteArray> errors = errorLines(r.err);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(QString::fromUtf8(errors.first()),
             QStringLiteral("stockstream-cli: cannot open the prediction log '%1': cannot create files in the folder "
                            "'%2' (Read-only file system)")
                 .arg(db, folder));
}

// Two runs of different models in one log: each exports on its own, the
// latest when no run is named.
void TestPredictionLogCli::exportsTheChosenRun()
{
    const QString db = dir_.filePath("two-runs.sqlite");
    const QString rawModel = QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-raw-w5.json");
    const ExpectedCalls rawCalls = expectedCalls(fewStocks_, readJsonFile(rawModel));
    for (const QString& model : {kModel, rawModel}) {
        const Run r = cli({"replay", "--data", fewStocks_, "--model", model, "--db", db});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    const std::vector<std::pair<QString, const ExpectedCalls*>> runs = {{"1", &fewExpected_}, {"2", &rawCalls}};
    for (const auto& [id, calls] : runs) {
        QString failure;
        const auto records = checkedExport(db, dir_.filePath("run-" + id + ".jsonl"), *calls, &failure,
                                           {"--run", id});
        QVERIFY2(failure.isEmpty(), qPrintable("run " + id + ": " + failure));
        failure = incompleteRun(records, *calls);
        QVERIFY2(failure.isEmpty(), qPrintable("run " + id + ": " + failure));
    }
    QString failure;
    checkedExport(db, dir_.filePath("latest.jsonl"), rawCalls, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QFile latest(dir_.filePath("latest.jsonl"));
    QFile second(dir_.filePath("run-2.jsonl"));
    QVERIFY(latest.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
    QCOMPARE(latest.readAll(), second.readAll());

    const Run missing = cli({"export", "--db", db, "--format", "jsonl", "--out", dir_.filePath("x.jsonl"), "--run",
                             "3"});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("has no run 3"), missing.err.constData());

    // A stock the log never saw is a mistyped name, not an empty export.
    const QString unknownOut = dir_.filePath("unknown.jsonl");
    const Run unknown = cli({"export", "--db", db, "--format", "jsonl", "--out", unknownOut, "--stock", "IBM"});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("has no stock 'IBM'"), unknown.err.constData());
    QVERIFY(!QFile::exists(unknownOut));
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
    const QList<QByteArray> errors = errorLines(r.err);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(message.toUtf8()), r.err.constData());
}

QTEST_MAIN(TestPredictionLogCli)
#include "tst_predictionlogcli.moc"
