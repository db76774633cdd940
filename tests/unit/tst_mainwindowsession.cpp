// What the window keeps from one launch to the next, and the ways of
// opening data besides File ▸ Open: a file or folder dropped on the window,
// File ▸ Open Recent, and the settings a new window starts from.
#include "Patience.h"
#include "app/MainWindow.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

class TestMainWindowSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void dropOpens_data();
    void dropOpens();
    void dropOfNoLocalFileIsRefused();
    void recentMenuListsNewestFirst();
    void openStartsBesideTheUsersData();
    void recentMenuOpensAndStaysBounded();
    void aNewWindowStartsWhereTheLastEnded();

private:
    // A ticker file of `days` rising closes, named NAME.us.txt in `folder`.
    QString writeTicker(const QString& folder, const QString& name, int days) const;
    static bool open(MainWindow& window, const QString& path);
    static QStringList recentEntries(const MainWindow& window);

    QTemporaryDir scratch_;
};

void TestMainWindowSession::initTestCase()
{
    QVERIFY(scratch_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindowsession"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch_.path());
}

void TestMainWindowSession::init()
{
    // Every test starts from a first launch, logging nowhere.
    QSettings().clear();
    QSettings().setValue("log/enabled", false);
}

QString TestMainWindowSession::writeTicker(const QString& folder, const QString& name, int days) const
{
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(name + QStringLiteral(".us.txt"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write("Date,Open,High,Low,Close,Volume,OpenInt\r\n");
    const QDate first(2010, 1, 4);
    for (int d = 0; d < days; ++d) {
        const QByteArray close = QByteArray::number(10.0 + d * 0.25);
        file.write(first.addDays(d).toString(Qt::ISODate).toLatin1() + "," + close + "," + close + "," + close + ","
                   + close + ",100,0\r\n");
    }
    return path;
}

bool TestMainWindowSession::open(MainWindow& window, const QString& path)
{
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    window.openData(path);
    return loaded.wait(kPatienceMs) && loaded.front().front().toBool();
}

QStringList TestMainWindowSession::recentEntries(const MainWindow& window)
{
    QStringList entries;
    for (const QAction* a : window.findChild<QMenu*>(QStringLiteral("menuRecent"))->actions())
        entries.append(QDir::fromNativeSeparators(a->text()));
    return entries;
}

void TestMainWindowSession::dropOpens_data()
{
    QTest::addColumn<bool>("folder");
    QTest::addColumn<int>("stocks");
    QTest::addColumn<int>("records");
    QTest::newRow("a ticker file") << false << 1 << 30;
    QTest::newRow("a folder of them") << true << 3 << 90;
}

void TestMainWindowSession::dropOpens()
{
    QFETCH(bool, folder);
    QFETCH(int, stocks);
    QFETCH(int, records);
    const QString dir = scratch_.filePath(QStringLiteral("dropped-%1").arg(QTest::currentDataTag()));
    QString file;
    for (int i = 0; i < stocks; ++i)
        file = writeTicker(dir, QStringLiteral("s%1").arg(i), records / stocks);
    const QString path = folder ? dir : file;

    MainWindow window;
    QVERIFY(window.acceptDrops());
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QVERIFY(loaded.wait(kPatienceMs));
    QCOMPARE(loaded.front().front().toBool(), true);
    QVERIFY(window.engine());
    QCOMPARE(window.engine()->snapshot().stocks.size(), static_cast<std::size_t>(stocks));
    QCOMPARE(window.engine()->progress().total, static_cast<std::size_t>(records));
    QCOMPARE(recentEntries(window).value(0), path);
}

void TestMainWindowSession::dropOfNoLocalFileIsRefused()
{
    MainWindow window;
    QMimeData mime;
    mime.setUrls({QUrl(QStringLiteral("https://example.com/ibm.us.txt"))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    enter.setAccepted(false);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(!enter.isAccepted());
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QVERIFY(!loaded.wait(200));
    QVERIFY(!window.isLoading());
}

void TestMainWindowSession::recentMenuListsNewestFirst()
{
    const QString a = writeTicker(scratch_.filePath(QStringLiteral("recent")), QStringLiteral("a"), 10);
    const QString b = writeTicker(scratch_.filePath(QStringLiteral("recent")), QStringLiteral("b"), 10);
    MainWindow window;
    QVERIFY(open(window, a));
    QVERIFY(open(window, b));
    QCOMPARE(recentEntries(window), (QStringList{b, a}));
    // Opening one again moves it to the top, once.
    QVERIFY(open(window, a));
    QCOMPARE(recentEntries(window), (QStringList{a, b}));
    // A file that failed to open is not offered again.
    QVERIFY(!open(window, scratch_.filePath(QStringLiteral("missing.us.txt"))));
    QCOMPARE(recentEntries(window), (QStringList{a, b}));
}

// File ▸ Open never starts in the hidden cache folder the built-in sample
// is copied to: at home while the sample is open, else beside the data.
void TestMainWindowSession::openStartsBesideTheUsersData()
{
    MainWindow window;
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    window.openSample();
    QVERIFY(loaded.wait(kPatienceMs));
    QCOMPARE(window.browseFolder(), QDir::homePath());
    const QString folder = scratch_.filePath(QStringLiteral("own"));
    const QString file = writeTicker(folder, QStringLiteral("own"), 10);
    QVERIFY(open(window, file));
    QCOMPARE(QFileInfo(window.browseFolder()), QFileInfo(folder));
    QVERIFY(open(window, folder));
    QCOMPARE(QFileInfo(window.browseFolder()), QFileInfo(folder));
}

void TestMainWindowSession::recentMenuOpensAndStaysBounded()
{
    QStringList opened;
    MainWindow window;
    for (int i = 0; i < MainWindow::kMaxRecent + 2; ++i) {
        opened.prepend(writeTicker(scratch_.filePath(QStringLiteral("many")), QStringLiteral("t%1").arg(i), 5 + i));
        QVERIFY(open(window, opened.front()));
    }
    QCOMPARE(recentEntries(window), opened.mid(0, MainWindow::kMaxRecent));

    // The oldest entry still listed opens the file it names.
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    window.findChild<QMenu*>(QStringLiteral("menuRecent"))->actions().back()->trigger();
    QVERIFY(loaded.wait(kPatienceMs));
    QCOMPARE(window.engine()->progress().total, static_cast<std::size_t>(5 + 2));
    QCOMPARE(recentEntries(window).value(0), opened.at(MainWindow::kMaxRecent - 1));
}

void TestMainWindowSession::aNewWindowStartsWhereTheLastEnded()
{
    const QString data = writeTicker(scratch_.filePath(QStringLiteral("last")), QStringLiteral("z"), 40);
    const QString model = QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-raw-w5.json");
    int notch = 0;
    {
        MainWindow first;
        first.resize(900, 640);
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        QVERIFY(open(first, data));
        QVERIFY(first.openModel(model));
        auto* slider = first.findChild<QSlider*>(QStringLiteral("speedSlider"));
        QVERIFY(slider);
        notch = slider->maximum() / 2 == slider->value() ? slider->maximum() / 2 + 1 : slider->maximum() / 2;
        first.setSpeedNotch(notch);
        QCOMPARE(slider->value(), notch);
        first.close();
    }

    MainWindow second;
    // The same speed, the same size...
    QCOMPARE(second.findChild<QSlider*>(QStringLiteral("speedSlider"))->value(), notch);
    QCOMPARE(second.size(), QSize(900, 640));
    // ...and, with nothing named on the command line, the last data and model.
    QSignalSpy loaded(&second, &MainWindow::dataLoaded);
    second.openInitial({});
    QVERIFY(loaded.wait(kPatienceMs));
    QCOMPARE(second.engine()->progress().total, std::size_t{40});
    QCOMPARE(second.engine()->snapshot().model->sourcePath(), model);
}

QTEST_MAIN(TestMainWindowSession)
#include "tst_mainwindowsession.moc"
