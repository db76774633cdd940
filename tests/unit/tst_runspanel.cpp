// The Runs panel: the log's size, deleting a run (asked first, never the
// run being recorded) and keeping the newest runs, each giving the file's
// space back, in the background.
#include "app/models/RunsModel.h"
#include "app/panels/RunsPanel.h"

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "LoggedReplay.h"
#include "Patience.h"

using namespace ss;
using loggedreplay::market;

class TestRunsPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void showsTheRunsAndTheLogsSize();
    void deletesARunAndReclaimsItsSpace_data();
    void deletesARunAndReclaimsItsSpace();
    void neverDeletesTheRunBeingRecorded();
    void keepsTheNewestRuns();
    void remembersHowManyRunsToKeep();
    void aMissingLogIsNoRuns();

private:
    // `runs` runs logged, the first much larger than the others.
    std::vector<qint64> logRuns(int runs);
    QString sizeText() const { return panel_->findChild<QLabel*>(QStringLiteral("runsSize"))->text(); }
    bool waitForMaintenance(QSignalSpy& maintained);

    QTemporaryDir scratch_;
    std::unique_ptr<QTemporaryDir> dir_;
    QString logFile_;
    std::unique_ptr<RunsPanel> panel_;
};

void TestRunsPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_runspanel"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch_.path());
}

void TestRunsPanel::init()
{
    QSettings().clear();
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    logFile_ = dir_->filePath("log.sqlite");
    panel_ = std::make_unique<RunsPanel>();
    panel_->resize(700, 300);
    panel_->show();
}

std::vector<qint64> TestRunsPanel::logRuns(int runs)
{
    const QString modelFile = dir_->filePath("model.json");
    QString error;
    if (!loggedreplay::model().save(modelFile, &error))
        qFatal("%s", qPrintable(error));
    auto log = PredictionLog::open(logFile_, &error);
    if (!log)
        qFatal("%s", qPrintable(error));
    std::vector<qint64> ids;
    for (int r = 0; r < runs; ++r)
        ids.push_back(loggedreplay::replay(*log, loggedreplay::model(), modelFile,
                                           r == 0 ? market(40, 200) : market(3, 20 + r)));
    return ids;
}

bool TestRunsPanel::waitForMaintenance(QSignalSpy& maintained)
{
    return (!maintained.isEmpty() || maintained.wait(kPatienceMs)) && maintained.front().at(1).toString().isEmpty();
}

void TestRunsPanel::showsTheRunsAndTheLogsSize()
{
    const std::vector<qint64> ids = logRuns(3);
    panel_->setLogPath(logFile_);
    QCOMPARE(panel_->model()->rowCount(), 3);
    QCOMPARE(panel_->model()->run(0)->id, ids.back());  // newest first
    QVERIFY2(panel_->findChild<QLabel*>(QStringLiteral("runsLocation"))->text().contains(QStringLiteral("log.sqlite")),
             "the log's location");
    QString error;
    const qint64 bytes = PredictionLog::open(logFile_, &error)->fileSize();
    QVERIFY(bytes > 0);
    QCOMPARE(sizeText(), QStringLiteral("%1 on disk").arg(QLocale().formattedDataSize(bytes)));
}

void TestRunsPanel::deletesARunAndReclaimsItsSpace_data()
{
    QTest::addColumn<bool>("confirm");
    QTest::newRow("asked and agreed") << true;
    QTest::newRow("asked and declined") << false;
}

void TestRunsPanel::deletesARunAndReclaimsItsSpace()
{
    QFETCH(bool, confirm);
    const std::vector<qint64> ids = logRuns(3);
    panel_->setLogPath(logFile_);
    const qint64 before = QFileInfo(logFile_).size();
    panel_->view()->selectRow(2);  // the oldest, the large one
    QCOMPARE(panel_->selectedRun()->id, ids.front());
    auto* remove = panel_->findChild<QPushButton*>(QStringLiteral("deleteRunButton"));
    QVERIFY(remove->isEnabled());
    QSignalSpy maintained(panel_.get(), &RunsPanel::maintained);
    remove->click();
    auto* ask = panel_->findChild<QMessageBox*>(QStringLiteral("deleteRunQuestion"));
    QVERIFY(ask && ask->isVisible());
    QVERIFY(ask->text().contains(QString::number(ids.front())));
    ask->button(confirm ? QMessageBox::Yes : QMessageBox::No)->click();
    if (!confirm) {
        QVERIFY(!maintained.wait(200));
        QCOMPARE(panel_->model()->rowCount(), 3);
        return;
    }
    QVERIFY(waitForMaintenance(maintained));
    QCOMPARE(maintained.front().front().toInt(), 1);
    QCOMPARE(panel_->model()->rowCount(), 2);
    for (int r = 0; r < 2; ++r)
        QVERIFY(panel_->model()->run(r)->id != ids.front());
    const qint64 after = QFileInfo(logFile_).size();
    QVERIFY2(after < before / 2, qPrintable(QStringLiteral("%1 bytes before, %2 after").arg(before).arg(after)));
    QCOMPARE(sizeText(), QStringLiteral("%1 on disk").arg(QLocale().formattedDataSize(after)));
}

void TestRunsPanel::neverDeletesTheRunBeingRecorded()
{
    const std::vector<qint64> ids = logRuns(2);
    panel_->setLogPath(logFile_);
    panel_->setActiveRun(ids.back());
    panel_->view()->selectRow(0);
    QCOMPARE(panel_->selectedRun()->id, ids.back());
    QVERIFY(!panel_->findChild<QPushButton*>(QStringLiteral("deleteRunButton"))->isEnabled());
    QVERIFY(!panel_->deleteRun(ids.back()));
    panel_->view()->selectRow(1);
    QVERIFY(panel_->findChild<QPushButton*>(QStringLiteral("deleteRunButton"))->isEnabled());
}

void TestRunsPanel::keepsTheNewestRuns()
{
    const std::vector<qint64> ids = logRuns(4);
    panel_->setLogPath(logFile_);
    const qint64 before = QFileInfo(logFile_).size();
    panel_->setKeep(2);
    QSignalSpy maintained(panel_.get(), &RunsPanel::maintained);
    panel_->applyRetention();
    QVERIFY(waitForMaintenance(maintained));
    QCOMPARE(maintained.front().front().toInt(), 2);
    QCOMPARE(panel_->model()->rowCount(), 2);
    QCOMPARE(panel_->model()->run(0)->id, ids[3]);
    QCOMPARE(panel_->model()->run(1)->id, ids[2]);
    const qint64 after = QFileInfo(logFile_).size();
    QVERIFY2(after < before / 2, qPrintable(QStringLiteral("%1 bytes before, %2 after").arg(before).arg(after)));

    // Within the count, nothing more goes.
    maintained.clear();
    panel_->applyRetention();
    QVERIFY(waitForMaintenance(maintained));
    QCOMPARE(maintained.front().front().toInt(), 0);
    QCOMPARE(panel_->model()->rowCount(), 2);
}

void TestRunsPanel::remembersHowManyRunsToKeep()
{
    QCOMPARE(panel_->keep(), RunsPanel::kDefaultKeep);
    panel_->findChild<QSpinBox*>(QStringLiteral("keepRunsSpin"))->setValue(3);
    RunsPanel again;
    QCOMPARE(again.keep(), 3);
    QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("keepRunsSpin"))->value(), 3);
    // A value no spin box offers, written by hand into the settings.
    QSettings().setValue("log/keep", -5);
    QCOMPARE(RunsPanel().keep(), 1);
    QSettings().setValue("log/keep", QStringLiteral("many"));
    QCOMPARE(RunsPanel().keep(), 1);
}

void TestRunsPanel::aMissingLogIsNoRuns()
{
    panel_->setLogPath(dir_->filePath("none.sqlite"));
    QCOMPARE(panel_->model()->rowCount(), 0);
    QCOMPARE(sizeText(), QStringLiteral("No log yet"));
    QSignalSpy maintained(panel_.get(), &RunsPanel::maintained);
    panel_->applyRetention();
    QVERIFY(!panel_->isBusy());
    QVERIFY(!QFileInfo::exists(dir_->filePath("none.sqlite")));
}

QTEST_MAIN(TestRunsPanel)
#include "tst_runspanel.moc"
