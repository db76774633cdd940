// A launch that finds an older version's prediction log at the default
// place: the log is moved aside under a name that says its version, never
// deleted, a new log is started, and the status bar says where the old one
// went, once, without a box in the way of the first Space.
#include "Patience.h"
#include "SqliteProbe.h"
#include "app/MainWindow.h"
#include "app/models/RunsModel.h"
#include "core/storage/PredictionLog.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

class TestOlderLog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void movesItAsideAndStartsANewOne_data();
    void movesItAsideAndStartsANewOne();
    void keepsALogMovedAsideBefore();
    void leavesALogTheUserPlacedAlone();
    void cleanupTestCase();

private:
    // A log of `version`'s schema at `path`; its bytes.
    static QByteArray writeLog(const QString& path, int version);
    static QByteArray contents(const QString& path);
    // A window opened as at a launch, with the built-in sample.
    static std::unique_ptr<MainWindow> launch();
    // Where the default log of `version` is moved to.
    static QString asideOf(int version)
    {
        return PredictionLog::defaultPath() + QStringLiteral(".v%1-old").arg(version);
    }

    QTemporaryDir scratch_;
};

void TestOlderLog::initTestCase()
{
    QVERIFY(scratch_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_olderlog"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch_.path());
}

void TestOlderLog::init()
{
    QSettings().clear();
    QDir folder = QFileInfo(PredictionLog::defaultPath()).dir();
    QVERIFY(folder.removeRecursively());
    QVERIFY(QDir().mkpath(folder.path()));
}

void TestOlderLog::cleanupTestCase()
{
    QFileInfo(PredictionLog::defaultPath()).dir().removeRecursively();
}

QByteArray TestOlderLog::writeLog(const QString& path, int version)
{
    const QByteArray sql = "PRAGMA application_id = " + QByteArray::number(PredictionLog::kApplicationId)
                           + "; PRAGMA user_version = " + QByteArray::number(version)
                           + "; CREATE TABLE runs (id); CREATE TABLE predictions (run); INSERT INTO runs VALUES (1)";
    if (!SqliteProbe(path).exec(sql.constData()))
        return {};
    return contents(path);
}

QByteArray TestOlderLog::contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::unique_ptr<MainWindow> TestOlderLog::launch()
{
    auto window = std::make_unique<MainWindow>();
    window->show();
    QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
    window->openInitial(QString());
    if (!loaded.wait(kPatienceMs) || !loaded.front().front().toBool())
        return nullptr;
    return window;
}

// Every version before this one's; the newest of them is the one a user
// upgrading by one release has.
void TestOlderLog::movesItAsideAndStartsANewOne_data()
{
    QTest::addColumn<int>("version");
    for (int version = PredictionLog::kSchemaVersion - 1; version >= 1; --version)
        QTest::newRow(qPrintable(QStringLiteral("version %1").arg(version))) << version;
}

void TestOlderLog::movesItAsideAndStartsANewOne()
{
    QFETCH(int, version);
    const QString path = PredictionLog::defaultPath();
    const QByteArray old = writeLog(path, version);
    QVERIFY(!old.isEmpty());
    QCOMPARE(PredictionLog::olderVersion(path), std::optional<int>(version));

    auto window = launch();
    QVERIFY(window);
    QCOMPARE(window->logPath(), path);
    // Moved aside whole, under its version's name.
    const QString aside = asideOf(version);
    QCOMPARE(contents(aside), old);
    QCOMPARE(PredictionLog::olderVersion(aside), std::optional<int>(version));
    // Said once, in the status bar, with no box to dismiss.
    const QString status = window->statusBar()->currentMessage();
    QVERIFY2(status.contains(QDir::toNativeSeparators(aside)), qPrintable(status));
    QVERIFY(!QApplication::activeModalWidget());
    for (const QMessageBox* box : window->findChildren<QMessageBox*>())
        QVERIFY2(!box->isVisible(), qPrintable(box->text()));
    // A new log in its place, which this version writes to.
    QVERIFY(!PredictionLog::olderVersion(path));
    QString error;
    QVERIFY2(PredictionLog::open(path, &error), qPrintable(error));

    // The first Space plays.
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(window->engine()->state(), ReplayState::Playing, kPatienceMs);
    // and the replay is logged to the new log.
    QTRY_VERIFY_WITH_TIMEOUT(window->runs()->rowCount() >= 1, kPatienceMs);
    window.reset();

    // The next launch has nothing to move and nothing to say.
    window = launch();
    QVERIFY(window);
    QVERIFY2(!window->statusBar()->currentMessage().contains(QStringLiteral("-old")),
             qPrintable(window->statusBar()->currentMessage()));
    QCOMPARE(contents(aside), old);
    QCOMPARE(QDir(QFileInfo(path).path()).entryList({QStringLiteral("*-old*")}, QDir::Files).size(), 1);
}

void TestOlderLog::keepsALogMovedAsideBefore()
{
    const int version = PredictionLog::kSchemaVersion - 1;
    const QString path = PredictionLog::defaultPath();
    const QByteArray first = writeLog(asideOf(version), version);
    QVERIFY(!first.isEmpty());
    const QByteArray second = writeLog(path, version);
    QVERIFY(!second.isEmpty());

    auto window = launch();
    QVERIFY(window);
    QCOMPARE(contents(asideOf(version)), first);
    const QString aside = asideOf(version) + QStringLiteral("-2");
    QCOMPARE(contents(aside), second);
    QVERIFY2(window->statusBar()->currentMessage().contains(QDir::toNativeSeparators(aside)),
             qPrintable(window->statusBar()->currentMessage()));
}

// A log the user chose the place of is theirs: it is refused, saying why,
// and stays where it is.
void TestOlderLog::leavesALogTheUserPlacedAlone()
{
    const int version = PredictionLog::kSchemaVersion - 1;
    const QString chosen = scratch_.filePath(QStringLiteral("mine.sqlite"));
    const QByteArray old = writeLog(chosen, version);
    QVERIFY(!old.isEmpty());
    QSettings().setValue("log/path", chosen);

    auto window = launch();
    QVERIFY(window);
    QCOMPARE(contents(chosen), old);
    QVERIFY(QDir(scratch_.path()).entryList({QStringLiteral("*-old*")}, QDir::Files).isEmpty());
    bool said = false;
    for (const QMessageBox* box : window->findChildren<QMessageBox*>())
        said = said || (box->isVisible() && box->text().contains(QStringLiteral("older")));
    QVERIFY(said);
}

QTEST_MAIN(TestOlderLog)
#include "tst_olderlog.moc"
