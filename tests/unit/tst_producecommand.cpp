// `produce --to -` feeding a reader that stops early (produce | head -n 3)
// ends quietly and successfully, as line-oriented tools do; standard output
// that cannot be written (a full disk) is still one error and a failure.
#include "CliRun.h"

#include <QFileInfo>
#include <QTest>

namespace {

const QString kSample = QStringLiteral(STOCKSTREAM_SAMPLE_DIR);

} // namespace

class TestProduceCommand : public QObject {
    Q_OBJECT

private slots:
    void readerClosingEarlyEndsQuietly_data();
    void readerClosingEarlyEndsQuietly();
    void fullOutputIsOneError();
};

void TestProduceCommand::readerClosingEarlyEndsQuietly_data()
{
    QTest::addColumn<QString>("speed");
    // At full speed produce is writing when head is gone; at a set speed it
    // is waiting between two writes.
    QTest::newRow("max") << "max";
    QTest::newRow("1000 ticks a second") << "1000";
}

void TestProduceCommand::readerClosingEarlyEndsQuietly()
{
    QFETCH(QString, speed);
    // produce | head -n 3, with produce's exit status as standard error's last line.
    const QString pipeline =
        QStringLiteral(R"({ "$0" produce --data "$1" --to - --speed "$2"; echo "exit $?" >&2; } | head -n 3)");
    const CliRun r = runProgram("sh", {"-c", pipeline, STOCKSTREAM_CLI, kSample, speed});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count('\n'), 3);
    QVERIFY2(r.out.startsWith("{\"stock\": "), r.out.constData());
    // Nothing but the data's own warnings: no error, and no summary, which
    // only a stream that reached its end prints.
    QCOMPARE(errorLines(r.err), QList<QByteArray>{"exit 0"});
}

void TestProduceCommand::fullOutputIsOneError()
{
    if (!QFileInfo::exists("/dev/full"))
        QSKIP("no /dev/full here");
    StartedCli produce;
    produce.process.setStandardOutputFile(QStringLiteral("/dev/full"));
    produce.start({"produce", "--data", kSample, "--to", "-"});
    const CliRun r = produce.finish();
    QCOMPARE(r.exitCode, 1);
    const QList<QByteArray> errors = errorLines(r.err);
    // The summary (records: 0), then the one error.
    QCOMPARE(errors.size(), 2);
    QCOMPARE(summaryOf(errors.first()).value("records").toInteger(-1), 0);
    QCOMPARE(errors.last(), QByteArray("stockstream-cli: cannot send to -: No space left on device"));
}

QTEST_MAIN(TestProduceCommand)
#include "tst_producecommand.moc"
