// Quitting the app mid-replay, over and over: the window closes and goes
// away (joining the engine's thread, ending the logged run) and leaves a
// whole prediction log behind, its run ended and every call readable.
// How long each quit takes is printed, not asserted (tests are not timed):
// tests/stress/run_stress.sh quits 100 times and holds the slowest quit to
// a second. STOCKSTREAM_STRESS_QUITS sets the count (default 3).

#include "app/MainWindow.h"
#include "core/storage/PredictionLog.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace ss;

namespace {

QString integrityCheck(const QString& path)
{
    sqlite3* db = nullptr;
    QString result = QStringLiteral("cannot open");
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* check = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr) == SQLITE_OK
            && sqlite3_step(check) == SQLITE_ROW)
            result = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)));
        sqlite3_finalize(check);
    }
    sqlite3_close(db);
    return result;
}

} // namespace

class TestQuitStress : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void quitMidReplay();

private:
    QTemporaryDir scratch_;
};

void TestQuitStress::initTestCase()
{
    QVERIFY(scratch_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_quitstress"));
    QSettings().clear();
    QSettings().setValue("log/enabled", true);
}

void TestQuitStress::quitMidReplay()
{
    const int quits = qEnvironmentVariableIsSet("STOCKSTREAM_STRESS_QUITS")
                          ? qEnvironmentVariableIntValue("STOCKSTREAM_STRESS_QUITS")
                          : 3;
    QRandomGenerator rng(7);
    qint64 slowest = 0;
    int midReplay = 0;
    for (int i = 0; i < quits; ++i) {
        // A log of its own for every session, as small as one interrupted replay.
        const QString logPath = scratch_.filePath(QStringLiteral("log-%1.sqlite").arg(i));
        QSettings().setValue("log/path", logPath);
        auto window = std::make_unique<MainWindow>();
        window->show();
        QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
        window->openData(QStringLiteral(STOCKSTREAM_SAMPLE_DIR));
        QVERIFY(loaded.wait(60000));
        QVERIFY(loaded.front().front().toBool());
        window->engine()->setPace({});
        window->engine()->play();
        QTest::qWait(10 + static_cast<int>(rng.bounded(200)));
        midReplay += window->engine()->state() == ReplayState::Playing;

        QElapsedTimer quitting;
        quitting.start();
        window->close();
        window.reset();
        slowest = std::max(slowest, quitting.elapsed());

        QCOMPARE(integrityCheck(logPath), QStringLiteral("ok"));
        QString error;
        const auto log = PredictionLog::open(logPath, &error);
        QVERIFY2(log, qPrintable(error));
        const auto runs = log->runs(&error);
        QVERIFY2(runs, qPrintable(error));
        QCOMPARE(runs->size(), std::size_t(1));
        const RunInfo& run = runs->front();
        QVERIFY2(run.status == RunStatus::Stopped || run.status == RunStatus::Finished,
                 runStatusName(run.status));
        std::int64_t calls = 0;
        PredictionLog::Query everything;
        everything.run = run.id;
        QVERIFY2(log->forEach(everything, [&](const PredictionRecord&) { return ++calls, true; }, &error),
                 qPrintable(error));
        QCOMPARE(calls, log->predictionCount(run.id, &error).value_or(-1));
    }
    qInfo("quit %d times, %d of them mid-replay; slowest quit: %lld ms", quits, midReplay, slowest);
    QVERIFY(midReplay > 0);
}

QTEST_MAIN(TestQuitStress)
#include "tst_quitstress.moc"
