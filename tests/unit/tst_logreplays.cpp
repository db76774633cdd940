// File ▸ Log Replays applies to the data already open: at once while
// nothing of it is replayed, else from the replay's next restart, and the
// status bar says which. A recorded run makes the log keep its newest runs.
#include "Patience.h"
#include "app/MainWindow.h"
#include "app/models/RunsModel.h"
#include "app/panels/RunsPanel.h"

#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

class TestLogReplays : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void turnsOnAtOnceBeforeThePlay();
    void turnsOffFromTheNextRestart();
    void keepsTheNewestRuns();
    void cleanupTestCase();

private:
    // Steps `records` records and waits until the engine has them.
    bool step(std::size_t records);
    QAction* action(const char* name) const { return window_->findChild<QAction*>(QLatin1String(name)); }
    QString status() const { return window_->statusBar()->currentMessage(); }

    QTemporaryDir scratch_;
    std::unique_ptr<MainWindow> window_;
};

void TestLogReplays::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_logreplays"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch_.path());
    QSettings().clear();
    QSettings().setValue("log/path", scratch_.filePath(QStringLiteral("log.sqlite")));
    QSettings().setValue("log/enabled", false);
    window_ = std::make_unique<MainWindow>();
    window_->show();
    QSignalSpy loaded(window_.get(), &MainWindow::dataLoaded);
    window_->openInitial(QString());
    QVERIFY(loaded.wait(kPatienceMs));
    QVERIFY(loaded.front().front().toBool());
}

bool TestLogReplays::step(std::size_t records)
{
    ReplayEngine* engine = window_->engine();
    const std::size_t target = engine->progress().processed + records;
    engine->step(records);
    return QTest::qWaitFor(
        [&] { return engine->progress().processed == target && engine->state() != ReplayState::Playing; },
        kPatienceMs);
}

void TestLogReplays::turnsOnAtOnceBeforeThePlay()
{
    QVERIFY(!action("actionLogReplays")->isChecked());
    QVERIFY(step(1000));
    QCOMPARE(window_->runs()->rowCount(), 0);
    action("actionRestart")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window_->engine()->progress().processed, std::size_t{0}, kPatienceMs);

    action("actionLogReplays")->trigger();
    QVERIFY2(status().contains(QStringLiteral("logged")) && status().contains(QStringLiteral("from now on")),
             qPrintable(status()));
    QVERIFY(step(1000));
    QTRY_COMPARE_WITH_TIMEOUT(window_->runs()->rowCount(), 1, kPatienceMs);
    QVERIFY(QSettings().value("log/enabled").toBool());
}

void TestLogReplays::turnsOffFromTheNextRestart()
{
    action("actionLogReplays")->trigger();
    QVERIFY2(status().contains(QStringLiteral("not logged")) && status().contains(QStringLiteral("next restart")),
             qPrintable(status()));
    // The pass under way stays logged to its end.
    QVERIFY(step(1000));
    QCOMPARE(window_->runs()->rowCount(), 1);
    action("actionRestart")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window_->engine()->progress().processed, std::size_t{0}, kPatienceMs);
    QVERIFY(step(1000));
    QTest::qWait(200);
    QCOMPARE(window_->runs()->rowCount(), 1);
    QVERIFY(!QSettings().value("log/enabled").toBool());
}

void TestLogReplays::keepsTheNewestRuns()
{
    auto* panel = window_->findChild<RunsPanel*>();
    QVERIFY(panel);
    panel->setKeep(2);
    action("actionLogReplays")->trigger();
    QVERIFY(window_->engine()->progress().processed > 0);
    action("actionRestart")->trigger();  // where logging takes effect
    for (int pass = 0; pass < 3; ++pass) {
        QVERIFY(step(500));
        QSignalSpy maintained(panel, &RunsPanel::maintained);
        action("actionRestart")->trigger();  // ends the pass: its run is recorded
        QVERIFY(maintained.wait(kPatienceMs));
        QCOMPARE(maintained.front().at(1).toString(), QString());
    }
    // Three passes and the run before them, down to the newest two.
    QTRY_COMPARE_WITH_TIMEOUT(window_->runs()->rowCount(), 2, kPatienceMs);
}

void TestLogReplays::cleanupTestCase()
{
    window_.reset();
}

QTEST_MAIN(TestLogReplays)
#include "tst_logreplays.moc"
