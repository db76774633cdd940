// An export's progress is records written of records to write: the job
// counts what the query matches before it writes, and the count is what it
// then writes, for a whole run, one stock and a date range.
#include "app/jobs/ExportJob.h"
#include "app/session/ExportController.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "LoggedReplay.h"
#include "Patience.h"

using namespace ss;

class TestExportProgress : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void countsWhatItWrites_data();
    void countsWhatItWrites();
    void saysRecordsOfRecords_data();
    void saysRecordsOfRecords();
    void aRunTheLogLacksIsAnError();

private:
    QTemporaryDir dir_;
    QString logFile_;
    qint64 run_ = 0;
};

void TestExportProgress::initTestCase()
{
    QVERIFY(dir_.isValid());
    logFile_ = dir_.filePath("log.sqlite");
    const QString modelFile = dir_.filePath("model.json");
    QString error;
    QVERIFY2(loggedreplay::model().save(modelFile, &error), qPrintable(error));
    auto log = PredictionLog::open(logFile_, &error);
    QVERIFY2(log, qPrintable(error));
    run_ = loggedreplay::replay(*log, loggedreplay::model(), modelFile, loggedreplay::market(6, 120));
}

void TestExportProgress::countsWhatItWrites_data()
{
    QTest::addColumn<QString>("stock");
    QTest::addColumn<int>("fromDay");  // -1: no bound
    QTest::addColumn<int>("toDay");
    QTest::newRow("the whole run") << QString() << -1 << -1;
    QTest::newRow("one stock") << "s2.us" << -1 << -1;
    QTest::newRow("a date range") << QString() << 30 << 59;
    QTest::newRow("one stock in a range") << "s4.us" << 10 << 20;
    QTest::newRow("a stock the run lacks") << "ibm.us" << -1 << -1;
}

void TestExportProgress::countsWhatItWrites()
{
    QFETCH(QString, stock);
    QFETCH(int, fromDay);
    QFETCH(int, toDay);
    PredictionLog::Query query;
    query.run = run_;
    if (!stock.isEmpty())
        query.stock = stock.toStdString();
    const Timestamp start = timestamp::fromCivil(1990, 1, 1);
    if (fromDay >= 0) {
        query.from = start + fromDay * timestamp::kSecondsPerDay;
        query.to = start + toDay * timestamp::kSecondsPerDay;
    }
    const QString out = dir_.filePath(QStringLiteral("%1.csv").arg(QTest::currentDataTag()));
    ExportJob job(logFile_, query, ExportFormat::Csv, out);
    QCOMPARE(job.total(), std::int64_t{-1});
    QSignalSpy finished(&job, &ExportJob::finished);
    job.start();
    QVERIFY(finished.wait(kPatienceMs));
    QVERIFY2(job.written(), qPrintable(job.error()));
    QCOMPARE(job.total(), *job.written());
    QCOMPARE(job.records(), *job.written());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n') - 1, *job.written());  // less the header
}

void TestExportProgress::saysRecordsOfRecords_data()
{
    QTest::addColumn<qint64>("records");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<QString>("text");
    QTest::newRow("counting") << qint64{0} << qint64{-1} << "Counting the records to export…";
    QTest::newRow("a small export") << qint64{512} << qint64{2048} << "Exported 512 of 2,048 records…";
    QTest::newRow("the full dataset") << qint64{900000} << qint64{14900000} << "Exported 900,000 of 14.9 M records…";
    QTest::newRow("done") << qint64{14900000} << qint64{14900000} << "Exported 14.9 M of 14.9 M records…";
    QTest::newRow("nothing to write") << qint64{0} << qint64{0} << "Exported 0 of 0 records…";
}

void TestExportProgress::saysRecordsOfRecords()
{
    QFETCH(qint64, records);
    QFETCH(qint64, total);
    QFETCH(QString, text);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(ExportController::progressText(records, total), text);
}

void TestExportProgress::aRunTheLogLacksIsAnError()
{
    PredictionLog::Query query;
    query.run = run_ + 100;
    const QString out = dir_.filePath("none.csv");
    ExportJob job(logFile_, query, ExportFormat::Csv, out);
    QSignalSpy finished(&job, &ExportJob::finished);
    job.start();
    QVERIFY(finished.wait(kPatienceMs));
    QVERIFY(!job.written());
    QVERIFY2(job.error().contains(QStringLiteral("has no run")), qPrintable(job.error()));
    QVERIFY(!QFile::exists(out));
}

QTEST_MAIN(TestExportProgress)
#include "tst_exportprogress.moc"
