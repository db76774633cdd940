// The command line against hostile or careless input: device nodes, FIFOs
// and endless files where files are expected, out-of-range numbers, names
// that are not text, another program's database, racing writers, junk on
// standard input, and signals while it loads or waits. Each case gives a
// clear refusal or the documented behaviour, in bounded time.
#include "CliRun.h"
#include "SpecialFiles.h"
#include "SqliteProbe.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <future>
#include <unistd.h>

namespace {

const QString kTicker = QStringLiteral(STOCKSTREAM_SAMPLE_DIR "/ibm.us.txt");

// Whether `text` is whole lines of JSON objects in valid UTF-8.
bool isJsonLines(const QByteArray& text)
{
    for (const QByteArray& line : text.trimmed().split('\n')) {
        if (QString::fromUtf8(line).toUtf8() != line || !QJsonDocument::fromJson(line).isObject())
            return false;
    }
    return true;
}

// A file of `size` zero bytes (sparse): one line without an end.
bool writeZeros(const QString& path, qint64 size)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.resize(size);
}

} // namespace

class TestHostileCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void outputsNeverReplaceADevice_data();
    void outputsNeverReplaceADevice();
    void outputsWriteIntoAFifo_data();
    void outputsWriteIntoAFifo();
    void exportsToStandardOutputByName();
    void smallFilesAreReadWithACap_data();
    void smallFilesAreReadWithACap();
    void speedsOutOfRangeAreRefused_data();
    void speedsOutOfRangeAreRefused();
    void anEndlessLineEndsALiveFeed();
    void fileNamesThatAreNotTextAreRefused();
    void anotherProgramsDatabaseIsLeftAsItWas();
    void twoWritersCreatingALogWaitForEachOther();
    void junkOnStandardInputFailsAsInAFile();
    void sigtermWhileLoadingStandardInputExits130();
    void sigtermWhileAJsonlFifoWaitsForAReaderExits130();

private:
    QString path(const QString& name) const { return dir_.filePath(name); }

    QTemporaryDir dir_;
    QString log_;  // a prediction log with one run
};

void TestHostileCli::initTestCase()
{
    QVERIFY(dir_.isValid());
    log_ = path("log.sqlite");
    const CliRun run = runCli({"replay", "--data", kTicker, "--db", log_});
    QVERIFY2(run.exitCode == 0, run.err.constData());
}

void TestHostileCli::outputsNeverReplaceADevice_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("train --out") << QStringList{"train", "--csv", kTicker, "--out"};
    QTest::newRow("export --out") << QStringList{"export", "--db", log_, "--format", "csv", "--out"};
    QTest::newRow("replay --jsonl") << QStringList{"replay", "--data", kTicker, "--jsonl"};
}

void TestHostileCli::outputsNeverReplaceADevice()
{
    QFETCH(QStringList, args);
    const QString node = path("null-" + args.front());
    if (!makeCharacterDevice(node, 3))
        QSKIP("only root may make a device node");
    const CliRun run = runCli(args << node);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("not a regular file"), run.err.constData());
    QCOMPARE(fileType(node), mode_t(S_IFCHR));
}

void TestHostileCli::outputsWriteIntoAFifo_data()
{
    outputsNeverReplaceADevice_data();
}

void TestHostileCli::outputsWriteIntoAFifo()
{
    QFETCH(QStringList, args);
    const QString fifo = path("fifo-" + args.front());
    QVERIFY(makeFifo(fifo));
    auto reader = std::async(std::launch::async, [&] { return readFile(fifo); });
    const CliRun run = runCli(args << fifo);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(reader.wait_for(std::chrono::milliseconds(kPatienceMs)) == std::future_status::ready);
    QVERIFY(reader.get().size() > 100);
    QCOMPARE(fileType(fifo), mode_t(S_IFIFO));
}

// Standard output is a pipe here, as in `export --out /dev/stdout | gzip`.
void TestHostileCli::exportsToStandardOutputByName()
{
    const CliRun run = runCli({"export", "--db", log_, "--format", "jsonl", "--out", "/dev/stdout"});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QByteArray records = run.out.left(run.out.lastIndexOf('\n', run.out.size() - 2) + 1);
    QVERIFY(records.count('\n') > 1000);
    QVERIFY(isJsonLines(records));

    // Redirected to a file: written through standard output, not renamed
    // over the file, so the result line follows the records in it.
    const QString file = path("redirected.jsonl");
    const CliRun redirected = runProgram(
        "sh", {"-c", R"("$0" export --db "$1" --format jsonl --out /dev/stdout > "$2")", STOCKSTREAM_CLI, log_, file});
    QVERIFY2(redirected.exitCode == 0, redirected.err.constData());
    const QByteArray written = readFile(file);
    QCOMPARE(written.left(written.lastIndexOf('\n', written.size() - 2) + 1), records);
    QCOMPARE(summaryOf(written).value("out").toString(), QStringLiteral("/dev/stdout"));
}

void TestHostileCli::smallFilesAreReadWithACap_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("reason");
    for (const char* option : {"--model", "--token-file"}) {
        QTest::addRow("%s FIFO", option) << option << "fifo" << QByteArray("not a regular file");
        QTest::addRow("%s endless device", option) << option << "device" << QByteArray("not a regular file");
        QTest::addRow("%s huge file", option) << option << "huge" << QByteArray("larger than");
    }
}

void TestHostileCli::smallFilesAreReadWithACap()
{
    QFETCH(QString, option);
    QFETCH(QString, kind);
    QFETCH(QByteArray, reason);
    const QString file = path(kind + option);
    if (kind == "fifo")
        QVERIFY(makeFifo(file));
    if (kind == "device" && !makeCharacterDevice(file, 5))
        QSKIP("only root may make a device node");
    if (kind == "huge")
        QVERIFY(writeZeros(file, 64 << 20));
    const QStringList args = option == "--model"
                                 ? QStringList{"replay", "--data", kTicker, "--model", file}
                                 : QStringList{"serve", "--db", path("serve.sqlite"), "--listen", "127.0.0.1:0",
                                               "--token-file", file};
    const CliRun run = runCli(args);
    QVERIFY2(run.exitCode == 1 || run.exitCode == 2, run.err.constData());
    QVERIFY2(run.err.contains(reason), run.err.constData());
}

void TestHostileCli::speedsOutOfRangeAreRefused_data()
{
    QTest::addColumn<QString>("speed");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("1e308") << "1e308" << 2;
    QTest::newRow("just over the limit") << "1.1e9" << 2;
    QTest::newRow("too slow to ever advance") << "1e-300" << 2;
    QTest::newRow("infinite") << "inf" << 2;
    QTest::newRow("not a number") << "nan" << 2;
    QTest::newRow("the limit") << "1e9" << 0;
}

void TestHostileCli::speedsOutOfRangeAreRefused()
{
    QFETCH(QString, speed);
    QFETCH(int, exitCode);
    for (const char* command : {"replay", "produce"}) {
        const QStringList args = command == QLatin1String("replay")
                                     ? QStringList{"replay", "--data", kTicker, "--speed", speed}
                                     : QStringList{"produce", "--data", kTicker, "--to", "-", "--speed", speed};
        const CliRun run = runCli(args);
        QVERIFY2(run.exitCode == exitCode, run.err.constData());
        if (exitCode == 2)
            QVERIFY2(run.err.contains("--speed takes max or a number"), run.err.constData());
    }
}

// 80 MiB without a newline, as /dev/zero would give without end.
void TestHostileCli::anEndlessLineEndsALiveFeed()
{
    const QString zeros = path("zeros.us.txt");
    QVERIFY(writeZeros(zeros, 80 << 20));
    const CliRun run = runCli({"replay", "--data", zeros, "--live"});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("runs on past 64 MiB without ending"), run.err.constData());
}

void TestHostileCli::fileNamesThatAreNotTextAreRefused()
{
    const QString folder = path("names");
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::copy(kTicker, folder + "/ibm.us.txt"));
    // Made byte for byte: a QString cannot hold the name.
    const QByteArray badName = QFile::encodeName(folder) + "/bad\xff\xfe.us.txt";
    const QByteArray prices = readFile(kTicker);
    const int fd = ::open(badName.constData(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    QVERIFY(fd >= 0);
    QCOMPARE(::write(fd, prices.constData(), prices.size()), ssize_t(prices.size()));
    ::close(fd);
    const QString db = path("names.sqlite");
    const CliRun run = runCli({"replay", "--data", folder, "--jsonl", path("names.jsonl"), "--db", db});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.contains("cannot name a stock"), run.err.constData());
    QCOMPARE(summaryOf(run.out).value("stocks").toInt(), 1);
    QVERIFY(isJsonLines(readFile(path("names.jsonl"))));
    const CliRun exported = runCli({"export", "--db", db, "--format", "jsonl", "--out", path("names-export.jsonl")});
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
    QVERIFY(isJsonLines(readFile(path("names-export.jsonl"))));
}

void TestHostileCli::anotherProgramsDatabaseIsLeftAsItWas()
{
    const QString other = path("other.db");
    {
        SqliteProbe probe(other);
        QVERIFY(probe.exec("CREATE TABLE t(x)"));
    }
    const CliRun run = runCli({"export", "--db", other, "--format", "csv", "--out", path("other.csv")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("another program's data"), run.err.constData());
    QCOMPARE(SqliteProbe(other).text("PRAGMA journal_mode"), QStringLiteral("delete"));
    QVERIFY(!QFile::exists(other + "-wal"));
}

void TestHostileCli::twoWritersCreatingALogWaitForEachOther()
{
    for (int round = 0; round < 10; ++round) {
        const QString db = path(QStringLiteral("race-%1.sqlite").arg(round));
        StartedCli first({"replay", "--data", kTicker, "--db", db});
        StartedCli second({"replay", "--data", kTicker, "--db", db});
        const CliRun a = first.finish();
        const CliRun b = second.finish();
        QVERIFY2(a.exitCode == 0 && b.exitCode == 0, (a.err + b.err).constData());
    }
}

void TestHostileCli::junkOnStandardInputFailsAsInAFile()
{
    const QByteArray junk = "garbage\nmore garbage\n";
    const QString file = path("junk.txt");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(junk);
    f.close();
    const CliRun fromFile = runCli({"replay", "--data", file});
    const CliRun fromStdin = runCli({"replay", "--data", "-"}, junk);
    QCOMPARE(fromFile.exitCode, 1);
    QCOMPARE(fromStdin.exitCode, fromFile.exitCode);
    QVERIFY2(fromStdin.err.contains("cannot read -: first line is neither"), fromStdin.err.constData());
}

void TestHostileCli::sigtermWhileLoadingStandardInputExits130()
{
    StartedCli replay({"replay", "--data", "-"});
    QVERIFY(replay.process.waitForStarted(kPatienceMs));
    replay.process.write("Date,Open,High,Low,Close,Volume,OpenInt\n");  // and standard input stays open
    QTest::qWait(1000);
    replay.process.terminate();
    const CliRun run = replay.finish();
    QCOMPARE(run.exitCode, 130);
}

void TestHostileCli::sigtermWhileAJsonlFifoWaitsForAReaderExits130()
{
    const QString fifo = path("unread.jsonl");
    QVERIFY(makeFifo(fifo));
    StartedCli replay({"replay", "--data", kTicker, "--jsonl", fifo});
    QVERIFY(replay.process.waitForStarted(kPatienceMs));
    QTest::qWait(1000);
    replay.process.terminate();
    const CliRun run = replay.finish();
    QCOMPARE(run.exitCode, 130);
    QVERIFY2(run.err.contains("interrupted while waiting for a reader"), run.err.constData());
}

QTEST_MAIN(TestHostileCli)
#include "tst_hostilecli.moc"
