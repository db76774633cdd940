// The window as a chart replay tool: the chart in the middle with most of
// the window, the watchlist and the panels in docks around it, the layout
// remembered and reset, the replay's keys wherever the keyboard is, and the
// help that lists them.
#include "Patience.h"
#include "app/MainWindow.h"
#include "app/charts/StockChartPanel.h"
#include "app/dialogs/HelpDialog.h"
#include "app/dialogs/ShortcutList.h"
#include "app/models/WatchlistModel.h"
#include "app/panels/WorkspaceLayout.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace ss;

namespace {

// The columns a first launch shows, as the documentation names them.
const QList<int> kFirstColumns{WatchlistModel::Stock, WatchlistModel::LastClose, WatchlistModel::Call,
                               WatchlistModel::HitRate};

struct DockPlace {
    Qt::DockWidgetArea area;
    bool floating;
    bool hidden;
    QStringList tabbedWith;
    bool operator==(const DockPlace&) const = default;
};

std::map<QString, DockPlace> places(MainWindow& window)
{
    std::map<QString, DockPlace> out;
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
        QStringList tabs;
        for (const QDockWidget* other : window.tabifiedDockWidgets(dock))
            tabs.append(other->objectName());
        tabs.sort();
        out[dock->objectName()] = {window.dockWidgetArea(dock), dock->isFloating(), dock->isHidden(), tabs};
    }
    return out;
}

bool inChart(const QWidget* widget, const StockChartPanel* chart)
{
    return widget && (widget == chart || chart->isAncestorOf(widget));
}

} // namespace

class TestMainWindowLayout : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void spacePlaysOnTheFirstLaunch();
    void filterTakesTheKeysAndEscapeGivesThemBack();
    void replayKeysWorkWhateverHasTheKeyboard_data();
    void replayKeysWorkWhateverHasTheKeyboard();
    void aFloatingPanelPassesTheKeysOn();
    void chartTakesMostOfTheWindow_data();
    void chartTakesMostOfTheWindow();
    void firstLaunchFitsTheScreen_data();
    void firstLaunchFitsTheScreen();
    void resetLayoutRestoresTheDefault();
    void columnsAndDocksAreRemembered();
    void shortcutsListEveryShortcut();
    void userGuideHasTheWorkflows();

private:
    void launch();
    QString currentStock() const;

    QTemporaryDir scratch_;
    std::unique_ptr<MainWindow> window_;
};

void TestMainWindowLayout::initTestCase()
{
    QVERIFY(scratch_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindowlayout"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch_.path());
}

void TestMainWindowLayout::init()
{
    // Every test starts from a first launch, logging nowhere.
    QSettings().clear();
    QSettings().setValue("log/enabled", false);
    launch();
}

void TestMainWindowLayout::cleanup()
{
    window_.reset();
}

void TestMainWindowLayout::launch()
{
    window_ = std::make_unique<MainWindow>();
    window_->show();
    QSignalSpy loaded(window_.get(), &MainWindow::dataLoaded);
    window_->openInitial(QString());
    QVERIFY(loaded.wait(kPatienceMs));
    QVERIFY(loaded.front().front().toBool());
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
}

QString TestMainWindowLayout::currentStock() const
{
    const QModelIndex current = window_->watchlistView()->currentIndex();
    return window_->watchlistProxy()->mapToSource(current).siblingAtColumn(WatchlistModel::Stock).data().toString();
}

void TestMainWindowLayout::spacePlaysOnTheFirstLaunch()
{
    // The keyboard is on the chart, and Space plays from there.
    QWidget* start = QApplication::focusWidget();
    QVERIFY2(inChart(start, window_->stockCharts()), start ? start->metaObject()->className() : "no focus");
    QTest::keyClick(start, Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(window_->engine()->state(), ReplayState::Playing, kPatienceMs);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(window_->engine()->state(), ReplayState::Paused, kPatienceMs);
}

void TestMainWindowLayout::filterTakesTheKeysAndEscapeGivesThemBack()
{
    auto* filter = window_->findChild<QLineEdit*>(QStringLiteral("filterEdit"));
    const QString charted = currentStock();
    QVERIFY(!charted.isEmpty());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), filter);
    QTest::keyClicks(filter, QStringLiteral("ib "));
    QCOMPARE(filter->text(), QStringLiteral("ib "));
    QCOMPARE(window_->engine()->state(), ReplayState::Ready);
    // Typing moves the caret, it does not step the replay.
    QTest::keyClick(filter, Qt::Key_Left);
    QCOMPARE(window_->engine()->progress().processed, std::size_t{0});
    QTest::keyClick(filter, Qt::Key_Escape);
    QVERIFY(filter->text().isEmpty());
    QTRY_VERIFY(inChart(QApplication::focusWidget(), window_->stockCharts()));
    // The stock the filter hid is charted again.
    QCOMPARE(currentStock(), charted);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
    QTRY_COMPARE_WITH_TIMEOUT(window_->engine()->progress().processed, std::size_t{1}, kPatienceMs);
}

void TestMainWindowLayout::replayKeysWorkWhateverHasTheKeyboard_data()
{
    QTest::addColumn<QString>("widget");
    QTest::newRow("watchlist") << QStringLiteral("watchlistView");
    QTest::newRow("runs") << QStringLiteral("runsView");
    QTest::newRow("data quality") << QStringLiteral("dataQualityView");
    QTest::newRow("speed slider") << QStringLiteral("speedSlider");
}

void TestMainWindowLayout::replayKeysWorkWhateverHasTheKeyboard()
{
    QFETCH(QString, widget);
    auto* target = window_->findChild<QWidget*>(widget);
    QVERIFY(target);
    // The panel that holds it in front, as a user clicking it would have it.
    for (QWidget* w = target; w; w = w->parentWidget())
        if (auto* dock = qobject_cast<QDockWidget*>(w))
            dock->raise();
    target->setFocus(Qt::MouseFocusReason);
    QTRY_COMPARE(QApplication::focusWidget(), target);
    const int notch = window_->findChild<QSlider*>(QStringLiteral("speedSlider"))->value();
    QTest::keyClick(target, Qt::Key_Right, Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(window_->engine()->progress().processed > 1, kPatienceMs);
    QCOMPARE(window_->findChild<QSlider*>(QStringLiteral("speedSlider"))->value(), notch);
    QTest::keyClick(target, Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(window_->engine()->state(), ReplayState::Playing, kPatienceMs);
    QTest::keyClick(target, Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(window_->engine()->state(), ReplayState::Paused, kPatienceMs);
}

void TestMainWindowLayout::aFloatingPanelPassesTheKeysOn()
{
    auto* dock = window_->findChild<QDockWidget*>(QStringLiteral("runsDock"));
    dock->setFloating(true);
    dock->show();
    dock->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dock));
    auto* runs = window_->findChild<QTableView*>(QStringLiteral("runsView"));
    runs->setFocus(Qt::MouseFocusReason);
    QTRY_COMPARE(QApplication::focusWidget(), runs);
    QTest::keyClick(runs, Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(window_->engine()->state(), ReplayState::Playing, kPatienceMs);
    QTest::keyClick(runs, Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(window_->engine()->state(), ReplayState::Paused, kPatienceMs);
}

void TestMainWindowLayout::chartTakesMostOfTheWindow_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("laptop 1366x768") << QSize(1366, 768);
    QTest::newRow("desktop 1920x1080") << QSize(1920, 1080);
}

void TestMainWindowLayout::chartTakesMostOfTheWindow()
{
    QFETCH(QSize, screen);
    // The window a first launch opens on such a screen, its docks laid out
    // for it.
    window_->resize(WorkspaceLayout::firstLaunchSize(QRect(QPoint(0, 0), screen)));
    window_->resetLayout();
    QTRY_COMPARE(window_->size(), WorkspaceLayout::firstLaunchSize(QRect(QPoint(0, 0), screen)));
    QTest::qWait(100);
    const QWidget* chart = window_->stockCharts();
    const double share = double(chart->width()) * chart->height() / (double(window_->width()) * window_->height());
    QVERIFY2(share >= 0.6, qPrintable(QStringLiteral("the chart has %1 % of the window (%2x%3 of %4x%5)")
                                          .arg(share * 100, 0, 'f', 1)
                                          .arg(chart->width())
                                          .arg(chart->height())
                                          .arg(window_->width())
                                          .arg(window_->height())));
    // The watchlist stays in sight beside it, and at least its default
    // columns fit.
    auto* watchlist = window_->findChild<QDockWidget*>(QStringLiteral("watchlistDock"));
    QVERIFY(watchlist->isVisible() && !watchlist->isFloating());
    auto* view = window_->watchlistView();
    int needed = 0;
    for (int c : kFirstColumns)
        needed += view->columnWidth(c);
    QVERIFY2(view->viewport()->width() >= needed,
             qPrintable(QStringLiteral("%1 px for %2 px of columns").arg(view->viewport()->width()).arg(needed)));
}

void TestMainWindowLayout::firstLaunchFitsTheScreen_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("laptop 1366x768") << QSize(1366, 768);
    QTest::newRow("laptop at 150 %") << QSize(1366 * 2 / 3, 768 * 2 / 3);
    QTest::newRow("desktop 1920x1080") << QSize(1920, 1080);
}

void TestMainWindowLayout::firstLaunchFitsTheScreen()
{
    QFETCH(QSize, screen);
    // A taskbar's worth less than the screen, as a desktop makes available.
    const QRect available(0, 0, screen.width(), screen.height() - 40);
    const QSize first = WorkspaceLayout::firstLaunchSize(available);
    QVERIFY(first.width() <= available.width() && first.height() <= available.height());
    QVERIFY(first.width() >= available.width() * 3 / 4 && first.height() >= available.height() * 3 / 4);
    // Nothing in the window asks for more than the screen has.
    const QSize least = window_->minimumSizeHint().expandedTo(window_->minimumSize());
    QVERIFY2(least.width() <= available.width() && least.height() <= available.height(),
             qPrintable(QStringLiteral("needs %1x%2").arg(least.width()).arg(least.height())));
}

void TestMainWindowLayout::resetLayoutRestoresTheDefault()
{
    const auto first = places(*window_);
    QVERIFY(first.at(QStringLiteral("clusterDock")).hidden);
    QCOMPARE(first.at(QStringLiteral("watchlistDock")).area, Qt::LeftDockWidgetArea);

    auto* runs = window_->findChild<QDockWidget*>(QStringLiteral("runsDock"));
    runs->setFloating(true);
    window_->findChild<QDockWidget*>(QStringLiteral("watchlistDock"))->hide();
    window_->addDockWidget(Qt::RightDockWidgetArea, window_->findChild<QDockWidget*>(QStringLiteral("modelDock")));
    window_->findChild<QDockWidget*>(QStringLiteral("clusterDock"))->show();
    window_->showWatchlistColumn(WatchlistModel::Change, true);
    window_->showWatchlistColumn(WatchlistModel::HitRate, false);
    QVERIFY(places(*window_) != first);

    window_->findChild<QAction*>(QStringLiteral("actionResetLayout"))->trigger();
    QCOMPARE(places(*window_), first);
    for (int c = 0; c < WatchlistModel::ColumnCount; ++c)
        QCOMPARE(window_->watchlistView()->isColumnHidden(c), !kFirstColumns.contains(c));
}

void TestMainWindowLayout::columnsAndDocksAreRemembered()
{
    for (int c = 0; c < WatchlistModel::ColumnCount; ++c)
        QCOMPARE(window_->watchlistView()->isColumnHidden(c), !kFirstColumns.contains(c));
    window_->showWatchlistColumn(WatchlistModel::PUp, true);
    window_->showWatchlistColumn(WatchlistModel::LastClose, false);
    window_->findChild<QDockWidget*>(QStringLiteral("accuracyDock"))->hide();
    window_->resize(1000, 700);
    window_->close();
    const auto before = places(*window_);

    launch();
    QVERIFY(!window_->watchlistView()->isColumnHidden(WatchlistModel::PUp));
    QVERIFY(window_->watchlistView()->isColumnHidden(WatchlistModel::LastClose));
    QVERIFY(!window_->watchlistView()->isColumnHidden(WatchlistModel::HitRate));
    QCOMPARE(places(*window_), before);
    QCOMPARE(window_->size(), QSize(1000, 700));
}

void TestMainWindowLayout::shortcutsListEveryShortcut()
{
    const ShortcutList list = ShortcutList::of(window_.get());
    // Every action of the menus and of the window itself, with its keys.
    int checked = 0;
    for (const QAction* action : window_->findChildren<QAction*>()) {
        if (action->shortcuts().isEmpty())
            continue;
        bool listed = false;
        for (const ShortcutList::Entry& e : list.entries())
            listed = listed || (e.keys == action->shortcuts() && action->text().remove('&').startsWith(e.what));
        QVERIFY2(listed, qPrintable(action->text()));
        ++checked;
    }
    QVERIFY(checked >= 15);
    QCOMPARE(list.keysOf(QStringLiteral("Play")), QList<QKeySequence>{QKeySequence(Qt::Key_Space)});
    QVERIFY(list.keysOf(QStringLiteral("Find Stock")).contains(QKeySequence(Qt::Key_Slash)));
    QVERIFY(!list.keysOf(QStringLiteral("Clear the filter and return to the chart")).isEmpty());

    // ? opens it, from the chart.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Question);
    HelpDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window_->findChild<HelpDialog*>()) != nullptr);
    QVERIFY(dialog->isVisible());
    const QString text = dialog->browser()->toPlainText();
    QVERIFY2(text.contains(QKeySequence(Qt::Key_Space).toString(QKeySequence::NativeText)), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Keyboard Shortcuts")));
    dialog->close();
}

void TestMainWindowLayout::userGuideHasTheWorkflows()
{
    window_->findChild<QAction*>(QStringLiteral("actionUserGuide"))->trigger();
    HelpDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window_->findChild<HelpDialog*>()) != nullptr);
    const QString text = dialog->browser()->toPlainText();
    for (const char* workflow : {"Chart a stock", "Train and use a model", "Export the log"})
        QVERIFY2(text.contains(QLatin1String(workflow)), workflow);
    dialog->close();
}

QTEST_MAIN(TestMainWindowLayout)
#include "tst_mainwindowlayout.moc"
