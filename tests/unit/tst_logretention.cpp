// Deleting runs from the prediction log: every row of a deleted run goes,
// the other runs stay whole, retention keeps the newest runs, and the file
// gives the space back, for a log of this version and for an older one.
#include <QTemporaryDir>
#include <QTest>

#include "LoggedReplay.h"
#include "SqliteProbe.h"

using namespace ss;
using loggedreplay::market;

class TestLogRetention : public QObject {
    Q_OBJECT
private slots:
    void init();
    void deletesOneRunWhole();
    void deletingReclaimsSpace_data();
    void deletingReclaimsSpace();
    void keepsTheNewestRuns_data();
    void keepsTheNewestRuns();
    void neverDeletesARunBeingWritten();
    void runStocksAreTheRunsOwn();

private:
    qint64 replay(PredictionLog& log, const std::shared_ptr<const MarketData>& data);
    std::unique_ptr<PredictionLog> openLog();

    std::unique_ptr<QTemporaryDir> dir_;
    QString modelFile_;
    QString logFile_;
};

void TestLogRetention::init()
{
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    modelFile_ = dir_->filePath("model.json");
    logFile_ = dir_->filePath("log.sqlite");
    QString error;
    QVERIFY2(loggedreplay::model().save(modelFile_, &error), qPrintable(error));
}

std::unique_ptr<PredictionLog> TestLogRetention::openLog()
{
    QString error;
    auto log = PredictionLog::open(logFile_, &error);
    if (!log)
        qFatal("%s", qPrintable(error));
    return log;
}

qint64 TestLogRetention::replay(PredictionLog& log, const std::shared_ptr<const MarketData>& data)
{
    return loggedreplay::replay(log, loggedreplay::model(), modelFile_, data);
}

void TestLogRetention::deletesOneRunWhole()
{
    auto log = openLog();
    const qint64 first = replay(*log, market(3, 40));
    const qint64 second = replay(*log, market(4, 30));
    QString error;
    const auto kept = log->predictionCount(second, &error);
    QVERIFY2(kept && *kept > 0, qPrintable(error));

    QVERIFY2(log->deleteRun(first, &error), qPrintable(error));
    QVERIFY(!log->run(first, &error));
    QCOMPARE(log->predictionCount(first, &error), std::optional<std::int64_t>(0));
    QCOMPARE(log->predictionCount(second, &error), kept);
    SqliteProbe probe(logFile_);
    for (const char* table : {"predictions", "latest_calls", "runs"}) {
        const QByteArray column = qstrcmp(table, "runs") == 0 ? "id" : "run";
        QCOMPARE(probe.text(("SELECT count(*) FROM " + QByteArray(table) + " WHERE " + column + " = "
                             + QByteArray::number(first)).constData()),
                 QStringLiteral("0"));
    }
    // What the run's stocks were is gone with it; the other run's are whole.
    const auto stocks = log->runStocks(second, &error);
    QVERIFY2(stocks, qPrintable(error));
    QCOMPARE(stocks->size(), std::size_t{4});
}

void TestLogRetention::deletingReclaimsSpace_data()
{
    QTest::addColumn<bool>("olderLog");
    QTest::newRow("this version's log") << false;
    QTest::newRow("a log from before incremental vacuum") << true;
}

void TestLogRetention::deletingReclaimsSpace()
{
    QFETCH(bool, olderLog);
    openLog();
    // What a log an older StockStream created is: no auto_vacuum.
    if (olderLog)
        QVERIFY(SqliteProbe(logFile_).exec("PRAGMA auto_vacuum = NONE; VACUUM"));
    QCOMPARE(SqliteProbe(logFile_).text("PRAGMA auto_vacuum"), olderLog ? QStringLiteral("0") : QStringLiteral("2"));
    auto log = openLog();
    // More calls than one transaction deletes.
    const qint64 first = replay(*log, market(600, 200));
    replay(*log, market(5, 50));
    QString error;
    QVERIFY2(log->reclaimSpace(&error), qPrintable(error));
    const qint64 before = log->fileSize();
    QVERIFY(*log->predictionCount(first, &error) > 100000);
    QVERIFY2(log->deleteRun(first, &error), qPrintable(error));
    QCOMPARE(log->predictionCount(first, &error), std::optional<std::int64_t>(0));
    QVERIFY2(log->reclaimSpace(&error), qPrintable(error));
    const qint64 after = log->fileSize();
    QVERIFY2(after < before / 2, qPrintable(QStringLiteral("%1 bytes before, %2 after").arg(before).arg(after)));
    // Reclaimed once, an older log frees space as a new one does.
    QCOMPARE(SqliteProbe(logFile_).text("PRAGMA auto_vacuum"), QStringLiteral("2"));
}

void TestLogRetention::keepsTheNewestRuns_data()
{
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("keep");
    QTest::newRow("more than kept") << 5 << 2;
    QTest::newRow("exactly as many") << 3 << 3;
    QTest::newRow("fewer") << 2 << 10;
    QTest::newRow("none kept") << 2 << 0;
    QTest::newRow("a negative count keeps none") << 2 << -4;
}

void TestLogRetention::keepsTheNewestRuns()
{
    QFETCH(int, runs);
    QFETCH(int, keep);
    auto log = openLog();
    std::vector<qint64> ids;
    for (int r = 0; r < runs; ++r)
        ids.push_back(replay(*log, market(3, 30 + r)));
    QString error;
    const auto deleted = log->keepLatest(keep, &error);
    QVERIFY2(deleted, qPrintable(error));
    const int kept = std::clamp(keep, 0, runs);
    QCOMPARE(*deleted, runs - kept);
    const auto left = log->runs(&error);
    QVERIFY2(left, qPrintable(error));
    std::vector<qint64> leftIds;
    for (const RunInfo& r : *left)
        leftIds.push_back(r.id);
    QCOMPARE(leftIds, std::vector<qint64>(ids.end() - kept, ids.end()));
    QCOMPARE(SqliteProbe(logFile_).text("SELECT count(DISTINCT run) FROM predictions"), QString::number(kept));
}

void TestLogRetention::neverDeletesARunBeingWritten()
{
    auto log = openLog();
    const qint64 finished = replay(*log, market(2, 20));
    QString error;
    const auto data = market(2, 10);
    auto running = PredictionLog::describeRun("data", modelFile_, loggedreplay::model(), *data, &error);
    QVERIFY2(running && log->beginRun(*running, &error), qPrintable(error));
    QCOMPARE(log->keepLatest(0, &error), std::optional<int>(1));
    QVERIFY(!log->run(finished, &error));
    QVERIFY2(log->run(running->id, &error), qPrintable(error));
}

void TestLogRetention::runStocksAreTheRunsOwn()
{
    auto log = openLog();
    const qint64 wide = replay(*log, market(5, 20));
    const qint64 narrow = replay(*log, market(2, 20));
    QString error;
    QCOMPARE(log->runStocks(narrow, &error), std::optional<std::vector<std::string>>({"s0.us", "s1.us"}));
    QCOMPARE(log->runStocks(wide, &error)->size(), std::size_t{5});
    // A log from before latest_calls offers every stock it has seen.
    QVERIFY(SqliteProbe(logFile_).exec("DROP TABLE latest_calls"));
    QCOMPARE(log->runStocks(narrow, &error)->size(), std::size_t{5});
}

QTEST_GUILESS_MAIN(TestLogRetention)
#include "tst_logretention.moc"
