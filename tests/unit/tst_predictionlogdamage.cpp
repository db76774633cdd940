// A prediction log whose rows were damaged (by another program, a disk, or
// the fuzzer in tests/fuzz/fuzz_predictionlog.cpp, which found the first
// rows here as crashes) is read without crashing: a call that cannot be a
// model's call makes the read fail with a message that says so; odd stock
// ids are only ids.

#include "core/storage/PredictionLog.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace ss;

class TestPredictionLogDamage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void damagedRows_data();
    void damagedRows();

private:
    QTemporaryDir dir_;
    QString pristine_;
};

// A log of one replay made by the command line: two stocks, three calls.
void TestPredictionLogDamage::initTestCase()
{
    QVERIFY(dir_.isValid());
    const QString data = dir_.filePath("data.csv");
    QFile f(data);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("Date,Open,High,Low,Close,Volume,OpenInt,Stock\n");
    const char* closes[] = {"10", "10.5", "10.2", "10.1", "10.3", "10.4", "10.0"};
    for (int day = 0; day < 7; ++day)
        f.write(QStringLiteral("2000-01-%1,1,1,1,%2,1,0,aa.us\n").arg(day + 3, 2, 10, QChar('0')).arg(closes[day]).toLatin1());
    for (int day = 0; day < 5; ++day)
        f.write(QStringLiteral("2000-01-%1,1,1,1,%2,1,0,bb.us\n").arg(day + 3, 2, 10, QChar('0')).arg(20 + day).toLatin1());
    f.close();
    pristine_ = dir_.filePath("pristine.sqlite");
    QProcess cli;
    cli.start(QStringLiteral(STOCKSTREAM_CLI), {"replay", "--data", data, "--db", pristine_});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
}

void TestPredictionLogDamage::damagedRows_data()
{
    QTest::addColumn<QByteArray>("damage");
    QTest::addColumn<QString>("stock");  // empty: the whole run
    QTest::addColumn<bool>("readable");

    // The first call of a stock is the one whose window the log keeps whole
    // (call_details); its later calls' windows are rebuilt from it.
    const QByteArray firstCall = " WHERE stock = 1 AND time = (SELECT min(time) FROM predictions WHERE stock = 1)";
    const QByteArray empty = "UPDATE call_details SET window = x''" + firstCall;
    QTest::newRow("empty window") << empty << QString() << false;
    QTest::newRow("empty window, one stock") << empty << "aa.us" << false;
    QTest::newRow("one close") << "UPDATE call_details SET window = x'000000000000f03f'" + firstCall << QString()
                               << false;
    QTest::newRow("part of a close") << "UPDATE call_details SET window = window || x'00'" + firstCall << "aa.us"
                                     << false;
    QTest::newRow("61 closes") << "UPDATE call_details SET window = zeroblob(488)" + firstCall << QString() << false;
    QTest::newRow("text for a window") << "UPDATE call_details SET window = 'abc'" + firstCall << QString() << false;
    QTest::newRow("no window to follow") << "UPDATE call_details SET window = NULL" + firstCall << QString() << false;
    QTest::newRow("no window to follow, one stock")
        << "UPDATE call_details SET window = NULL" + firstCall << "aa.us" << false;
    QTest::newRow("text for a time, one stock") << "UPDATE predictions SET time = 'abc'" + firstCall << "aa.us" << false;
    QTest::newRow("huge stock id") << QByteArray("UPDATE stocks SET id = 4000000000000000000 WHERE id = 2")
                                   << QString() << true;
    QTest::newRow("negative stock id") << QByteArray("UPDATE stocks SET id = -7 WHERE id = 1") << QString() << true;
    QTest::newRow("no margin") << QByteArray("UPDATE predictions SET margin = NULL") << "aa.us" << true;
}

void TestPredictionLogDamage::damagedRows()
{
    QFETCH(QByteArray, damage);
    QFETCH(QString, stock);
    QFETCH(bool, readable);
    const QString path = dir_.filePath(QStringLiteral("%1.sqlite").arg(QTest::currentDataTag()));
    QFile::remove(path);
    QVERIFY(QFile::copy(pristine_, path));
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
    const int rc = sqlite3_exec(db, damage.constData(), nullptr, nullptr, nullptr);
    QVERIFY2(rc == SQLITE_OK, sqlite3_errmsg(db));
    QVERIFY(sqlite3_changes(db) > 0);
    sqlite3_close(db);

    QString error;
    const auto log = PredictionLog::open(path, &error);
    QVERIFY2(log, qPrintable(error));
    PredictionLog::Query query;
    query.run = log->latestRun(&error).value_or(0);
    if (!stock.isEmpty())
        query.stock = stock.toStdString();
    std::size_t calls = 0;
    const bool read = log->forEach(query, [&](const PredictionRecord&) { return ++calls, true; }, &error);
    QCOMPARE(read, readable);
    if (!readable)
        QVERIFY2(error.contains("damaged") && error.contains("closes"), qPrintable(error));
    else
        QCOMPARE(calls, stock.isEmpty() ? std::size_t(4) : std::size_t(3));
    // Each stock's latest call: read, or refused in the same words, when
    // the damage is in one of them.
    const auto latest = log->latestCalls(query.run, &error);
    if (readable)
        QVERIFY2(latest && latest->size() == 2, qPrintable(error));
    else if (!latest)
        QVERIFY2(error.contains("damaged") && error.contains("closes"), qPrintable(error));
}

QTEST_MAIN(TestPredictionLogDamage)
#include "tst_predictionlogdamage.moc"
