// The desktop window driven as a user would, on the built-in sample. Expected
// figures come from reading the sample's files and the model file here, with
// the test's own arithmetic.
#include "Patience.h"
#include "ReplayIdle.h"
#include "app/panels/BacktestSentence.h"
#include "app/MainWindow.h"
#include "app/charts/ChartView.h"
#include "app/charts/OverviewChart.h"
#include "app/charts/PortfolioEquityChart.h"
#include "app/dialogs/RunBrowser.h"
#include "app/models/RunsModel.h"
#include "app/charts/StockChartPanel.h"
#include "app/charts/StockEquityChart.h"
#include "app/models/WatchlistModel.h"

#include <QAction>
#include <QAreaSeries>
#include <QApplication>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>

using namespace ss;

namespace {

struct Day {
    qint64 time;  // seconds, the date at midnight UTC
    double close;
};

// Every sample file, read line by line without the program's parser.
std::map<QString, std::vector<Day>> readSample()
{
    std::map<QString, std::vector<Day>> stocks;
    const QDir dir(QStringLiteral(STOCKSTREAM_SOURCE_DIR "/resources/sample"));
    for (const QString& name : dir.entryList({QStringLiteral("*.txt")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(name));
        auto& days = stocks[name.chopped(4)];
        for (const QByteArray& raw : file.readAll().split('\n')) {
            const QList<QByteArray> fields = raw.trimmed().split(',');
            const QDate date = QDate::fromString(QString::fromLatin1(fields.front()), Qt::ISODate);
            if (fields.size() < 5 || !date.isValid())
                continue;
            days.push_back({QDateTime(date, QTime(0, 0), Qt::UTC).toSecsSinceEpoch(), fields[4].toDouble()});
        }
    }
    return stocks;
}

struct ExpectedTally {
    qint64 resolved = 0;
    qint64 correct = 0;
    double lastPUp = 0;
};

// The model file's calls on the first `records` closes, scored by hand.
ExpectedTally scoreByHand(const std::vector<Day>& days, std::size_t records)
{
    QFile file(QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-relative-w5.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the model");
    const QJsonObject model = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray weights = model.value("weights").toArray();
    const double intercept = model.value("intercept").toDouble();
    const int w = model.value("window").toInt();
    ExpectedTally t;
    bool open = false;
    bool calledUp = false;
    for (std::size_t i = 0; i < records; ++i) {
        if (open) {
            const bool up = days[i].close > days[i - 1].close;
            ++t.resolved;
            t.correct += up == calledUp;
        }
        open = i + 1 >= static_cast<std::size_t>(w);
        if (!open)
            continue;
        const double n1 = days[i].close;
        double margin = intercept;
        for (int k = 0; k < w - 1; ++k)
            margin += weights[k].toDouble() * (days[i - static_cast<std::size_t>(w - 1 - k)].close / n1 - 1);
        t.lastPUp = 1 / (1 + std::exp(-margin));
        calledUp = t.lastPUp > 0.5;
    }
    return t;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void opensOnTheSampleWithAModel();
    void keysDriveTheReplayFromTheFirstLaunch();
    void playThenPauseMatchesTheEngine();
    void tradesTheCallsAfterCosts();
    void chartsMatchTheFiles();
    void stepsOneRecordAndOneDay();
    void seeksToADate();
    void refusesBadData_data();
    void refusesBadData();
    void refusesABadModel();
    void filterNarrowsTheWatchlist();
    void logsAndExportsARun();
    void browsesALoggedRun();
    void drawsCandlesticks();
    void comparesSelectedStocks();
    void cancellingALoadKeepsTheData();
    void cleanupTestCase();

private:
    void waitUntilIdle();
    QModelIndex sourceRow(const QString& stock) const;
    std::unique_ptr<MainWindow> window_;
    std::map<QString, std::vector<Day>> sample_;
    QTemporaryDir scratch_;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    // Settings of this process's own: runs side by side never share a log.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch_.path());
    QSettings().clear();
    QSettings().setValue("log/path", scratch_.filePath(QStringLiteral("log.sqlite")));
    sample_ = readSample();
    QVERIFY(sample_.size() >= 20);

    window_ = std::make_unique<MainWindow>();
    window_->resize(1400, 900);
    window_->show();
    QSignalSpy loaded(window_.get(), &MainWindow::dataLoaded);
    window_->openInitial(QString());
    QVERIFY(loaded.wait(kPatienceMs));
    QCOMPARE(loaded.front().front().toBool(), true);
}

// On a first launch the keyboard is where the replay's keys work: Space
// plays and pauses whatever widget the window gave it to; Ctrl+F and /
// take the filter, and Escape clears it and gives the keyboard back. The
// window of the first launch itself (one window: the keys go to the
// window the system has active), left paused on its first stock for the
// tests after it.
void TestMainWindow::keysDriveTheReplayFromTheFirstLaunch()
{
    MainWindow& window = *window_;
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QWidget* start = QApplication::focusWidget();
    QVERIFY(start);
    QVERIFY2(!qobject_cast<QLineEdit*>(start), start->metaObject()->className());
    QCOMPARE(window.engine()->state(), ReplayState::Ready);

    QTest::keyClick(start, Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(window.engine()->state(), ReplayState::Playing, kPatienceMs);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(window.engine()->state(), ReplayState::Paused, kPatienceMs);

    auto* filter = window.findChild<QLineEdit*>(QStringLiteral("filterEdit"));
    QVERIFY(filter);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), filter);
    QTest::keyClicks(filter, QStringLiteral("ibm "));
    QCOMPARE(filter->text(), QStringLiteral("ibm "));  // a space typed in the filter is text, not Play
    QCOMPARE(window.engine()->state(), ReplayState::Paused);
    QTest::keyClick(filter, Qt::Key_Escape);
    QVERIFY(filter->text().isEmpty());
    QVERIFY(QApplication::focusWidget() != filter);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Slash);
    QTRY_COMPARE(QApplication::focusWidget(), filter);
    QTest::keyClick(filter, Qt::Key_Escape);
    // The filter took the chart's stock away; the tests after this one chart it.
    window.watchlistView()->setCurrentIndex(window.watchlistProxy()->mapFromSource(sourceRow(QStringLiteral("ibm.us"))));
}

void TestMainWindow::waitUntilIdle()
{
    QVERIFY(replayIdle(*window_->engine()));
    window_->refreshViews();
}

QModelIndex TestMainWindow::sourceRow(const QString& stock) const
{
    const WatchlistModel* m = window_->watchlist();
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, WatchlistModel::Stock).data().toString() == stock)
            return m->index(r, 0);
    return {};
}

void TestMainWindow::opensOnTheSampleWithAModel()
{
    std::size_t records = 0;
    for (const auto& [name, days] : sample_)
        records += days.size();
    QVERIFY(window_->engine());
    QCOMPARE(window_->engine()->progress().total, records);
    QCOMPARE(window_->loadReport().rejected, std::size_t{0});
    QCOMPARE(window_->watchlist()->rowCount(), static_cast<int>(sample_.size()));
    QCOMPARE(window_->engine()->snapshot().model->sourcePath(), QString::fromLatin1(LogisticModel::kBuiltIn));
    QCOMPARE(window_->engine()->state(), ReplayState::Ready);
    auto* play = window_->findChild<QAction*>(QStringLiteral("actionPlayPause"));
    QVERIFY(play && play->isEnabled());
    QVERIFY(window_->statusBar()->currentMessage().contains(QStringLiteral("Press Space to play")));
    // The charts open on the thesis' stock.
    QVERIFY(window_->stockCharts()->history().isValid());
    QCOMPARE(window_->stockCharts()->history().series().name, std::string("ibm.us"));
}

void TestMainWindow::playThenPauseMatchesTheEngine()
{
    constexpr std::size_t kAtLeast = 20000;
    ReplayEngine* engine = window_->engine();
    engine->setPace({Pace::Unit::Records, 200000});
    auto* play = window_->findChild<QAction*>(QStringLiteral("actionPlayPause"));
    play->trigger();
    QVERIFY(!window_->statusBar()->currentMessage().contains(QStringLiteral("Press Space")));  // it is playing
    QTRY_VERIFY_WITH_TIMEOUT(engine->progress().processed >= kAtLeast, kPatienceMs);
    QTRY_COMPARE_WITH_TIMEOUT(play->text(), QStringLiteral("&Pause"), kPatienceMs);
    play->trigger();
    waitUntilIdle();
    QTRY_COMPARE_WITH_TIMEOUT(play->text(), QStringLiteral("&Play"), kPatienceMs);

    const ReplaySnapshot s = engine->snapshot();
    QVERIFY(s.progress.processed >= kAtLeast);
    // The status bar's accuracy stands beside the best baseline's on the same calls.
    window_->refreshViews();
    const QString status = window_->findChild<QLabel*>(QStringLiteral("recordsLabel"))->text();
    const Tally& t = s.overall;
    const double best = std::max({t.alwaysUpAccuracy(), t.alwaysDownAccuracy(), t.lastMoveAccuracy()});
    QVERIFY2(status.contains(QStringLiteral("%1% correct").arg(t.accuracy() * 100, 0, 'f', 2)), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("best baseline: ")) && status.contains(QStringLiteral("%1%)").arg(best * 100, 0, 'f', 2)),
             qPrintable(status));
    const WatchlistModel* m = window_->watchlist();
    for (int r = 0; r < m->rowCount(); ++r) {
        const auto i = static_cast<std::size_t>(r);
        const auto value = [&](int column) { return m->index(r, column).data(WatchlistModel::SortRole); };
        QCOMPARE(value(WatchlistModel::LastClose).toDouble(), s.stocks[i].lastClose);
        QCOMPARE(value(WatchlistModel::LastDate).toLongLong(), s.stocks[i].lastTime);
        QCOMPARE(value(WatchlistModel::Resolved).toULongLong(), s.tallies[i].resolved);
        if (s.tallies[i].resolved > 0)
            QCOMPARE(value(WatchlistModel::HitRate).toDouble(),
                     double(s.tallies[i].correct) / double(s.tallies[i].resolved));
        if (s.stocks[i].hasCall) {
            QCOMPARE(value(WatchlistModel::PUp).toDouble(), s.stocks[i].pUp());
            QCOMPARE(m->index(r, WatchlistModel::Call).data().toString(),
                     s.stocks[i].pUp() > 0.5 ? QStringLiteral("▲") : QStringLiteral("▼"));
        }
    }
}

void TestMainWindow::tradesTheCallsAfterCosts()
{
    // Where the last test paused: the market's calls traded at the default cost.
    ReplayEngine* engine = window_->engine();
    QCOMPARE(window_->tradingCost(), 5.0);
    window_->refreshViews();
    auto figures = backtestOf(engine->snapshot());
    QVERIFY(figures);
    QCOMPARE(figures->costBps, 5.0);
    QVERIFY(accountOf(figures->portfolio, Strategy::LongFlat).periods > 100);
    QVERIFY2(window_->backtestSentence().startsWith(
                 QStringLiteral("Trading on these calls (long/flat, 5 bps a trade) returned ")),
             qPrintable(window_->backtestSentence()));
    QCOMPARE(window_->backtestSentence(), BacktestSentence::of(figures->portfolio, 5));
    // The portfolio's equity in the market view ends where the figures are.
    for (std::size_t k = 0; k < PortfolioEquityChart::kStrategies; ++k) {
        const QLineSeries* line = window_->portfolioEquityChart()->line(k);
        QVERIFY(line->count() > 0);
        QCOMPARE(line->at(line->count() - 1).y(), figures->portfolio[k].series.equity);
    }

    // The selected stock's calls traded in the pane under its price, on the
    // price's dates: each line ends where the stage's account of the stock
    // does, and its figures are the stage's.
    const StockChartPanel* charts = window_->stockCharts();
    const StockEquityChart* pane = charts->equityChart();
    QVERIFY(pane->isVisible());
    QCOMPARE(pane->costBps(), std::optional(5.0));
    const ChartView* price = charts->paneView(StockChartPanel::PricePane);
    QCOMPARE(pane->visibleMin(), price->visibleMin());
    QCOMPARE(pane->visibleMax(), price->visibleMax());
    const StrategyAccounts& selected = figures->stocks[charts->history().stockIndex()];
    QVERIFY(accountOf(selected, Strategy::BuyAndHold).periods > 100);
    QCOMPARE(pane->calls(), accountOf(selected, Strategy::BuyAndHold).periods);
    for (const Strategy strategy : kAllStrategies) {
        const EquityAccount& stage = accountOf(selected, strategy);
        const ReturnSeries& shown = pane->returns(strategy);
        QCOMPARE(shown.equity, stage.series.equity);
        QCOMPARE(shown.maxDrawdown, stage.series.maxDrawdown);
        QCOMPARE(shown.mean(stage.periods), stage.series.mean(stage.periods));
        QCOMPARE(shown.squaredDeviations(stage.periods), stage.series.squaredDeviations(stage.periods));
        const QLineSeries* line = pane->equitySeries(strategy);
        QVERIFY(line->count() > 1);
        QCOMPARE(line->at(line->count() - 1).y(), std::max(1e-4, stage.series.equity));
        // The shading runs from the line up to its high so far.
        const QAreaSeries* drawdown = pane->drawdownSeries(strategy);
        QCOMPARE(drawdown->lowerSeries()->points(), line->points());
        QCOMPARE(drawdown->upperSeries()->at(drawdown->upperSeries()->count() - 1).y(),
                 std::max(1e-4, stage.series.peak));
    }

    // The watchlist's traded columns: hidden until asked for, then remembered.
    auto* view = window_->findChild<QTableView*>(QStringLiteral("watchlistView"));
    QVERIFY(view->isColumnHidden(WatchlistModel::TradedReturn) && view->isColumnHidden(WatchlistModel::VsBuyAndHold));
    window_->showWatchlistColumn(WatchlistModel::TradedReturn, true);
    QVERIFY(!view->isColumnHidden(WatchlistModel::TradedReturn));
    // The watchlist starts narrow (stock, close, call, hit rate): the others stay hidden.
    QCOMPARE(QSettings().value("watchlist/hiddenColumns").toList(),
             (QVariantList{WatchlistModel::LastDate, WatchlistModel::Change, WatchlistModel::PUp,
                           WatchlistModel::Resolved, WatchlistModel::BestBaseline, WatchlistModel::VsBaseline,
                           WatchlistModel::VsBuyAndHold}));
    const WatchlistModel* m = window_->watchlist();
    int traded = 0;
    for (int r = 0; r < m->rowCount(); ++r) {
        const StrategyAccounts& a = figures->stocks[static_cast<std::size_t>(r)];
        if (accountOf(a, Strategy::BuyAndHold).periods == 0)
            continue;
        const double longFlat = accountOf(a, Strategy::LongFlat).series.equity - 1;
        const double held = accountOf(a, Strategy::BuyAndHold).series.equity - 1;
        QCOMPARE(m->index(r, WatchlistModel::TradedReturn).data(WatchlistModel::SortRole).toDouble(), longFlat);
        QCOMPARE(m->index(r, WatchlistModel::VsBuyAndHold).data(WatchlistModel::SortRole).toDouble(), longFlat - held);
        ++traded;
    }
    QVERIFY(traded > 10);

    // Another cost is remembered and trades the calls from the next record on.
    window_->setTradingCost(7.5);
    QCOMPARE(QSettings().value("backtest/costBps").toDouble(), 7.5);
    const std::size_t before = engine->progress().processed;
    for (int day = 0; day < 3; ++day)
        engine->stepTimestamp();
    QTRY_VERIFY_WITH_TIMEOUT(engine->progress().processed > before, kPatienceMs);
    waitUntilIdle();
    figures = backtestOf(engine->snapshot());
    QCOMPARE(figures->costBps, 7.5);
    QVERIFY(accountOf(figures->portfolio, Strategy::LongFlat).periods > 0);
    QVERIFY(accountOf(figures->portfolio, Strategy::LongFlat).periods <= 2);
    QVERIFY2(window_->backtestSentence().contains(QStringLiteral("7.5 bps a trade")),
             qPrintable(window_->backtestSentence()));
    // The pane trades the selected stock's calls again, all of them, at the new cost.
    QCOMPARE(pane->costBps(), std::optional(7.5));
    QCOMPARE(pane->calls(), static_cast<std::size_t>(charts->history().tally().resolved));
}

void TestMainWindow::chartsMatchTheFiles()
{
    const ReplaySnapshot s = window_->engine()->snapshot();
    const QModelIndex ibm = sourceRow(QStringLiteral("ibm.us"));
    QVERIFY(ibm.isValid());
    const auto i = static_cast<std::size_t>(ibm.row());
    const std::size_t records = s.stocks[i].records;
    QVERIFY(records > 100);
    const std::vector<Day>& days = sample_.at(QStringLiteral("ibm.us"));
    const ExpectedTally expected = scoreByHand(days, records);

    // The watchlist's figures agree with the hand count...
    QCOMPARE(static_cast<qint64>(s.tallies[i].resolved), expected.resolved);
    QCOMPARE(static_cast<qint64>(s.tallies[i].correct), expected.correct);
    QCOMPARE(s.stocks[i].pUp(), expected.lastPUp);

    // ...and so do the charts, recomputed for the selected stock.
    StockChartPanel* charts = window_->stockCharts();
    QCOMPARE(charts->history().records(), records);
    QCOMPARE(static_cast<qint64>(charts->history().tally().resolved), expected.resolved);
    QCOMPARE(static_cast<qint64>(charts->history().tally().correct), expected.correct);
    const QLineSeries* price = charts->priceSeries();
    QVERIFY(price->count() > 0);
    QCOMPARE(price->at(price->count() - 1).y(), days[records - 1].close);
    QCOMPARE(charts->pUpSeries()->at(charts->pUpSeries()->count() - 1).y(), expected.lastPUp);
    // Following the replay, the markers are on screen: each sits on the
    // close of the date it predicted, and right ones were right.
    qint64 shown = 0;
    for (auto kind : {StockChartPanel::UpRight, StockChartPanel::UpWrong, StockChartPanel::DownRight, StockChartPanel::DownWrong})
        shown += charts->markerSeries(kind)->count();
    QVERIFY(shown > 0);
    QCOMPARE(static_cast<std::size_t>(shown), charts->visibleCalls());
    for (const QPointF& p : charts->markerSeries(StockChartPanel::UpRight)->points()) {
        const auto it = std::find_if(days.begin(), days.end(), [&](const Day& d) { return d.close == p.y(); });
        QVERIFY(it != days.end());
    }
    // The overview holds a bounded number of points.
    QVERIFY(window_->overviewChart()->points()
            <= static_cast<qsizetype>(PredictionPipeline::kAccuracyOverTimeCapacity) + 1);
    QVERIFY(window_->overviewChart()->line(0)->count() > 0);
}

void TestMainWindow::stepsOneRecordAndOneDay()
{
    ReplayEngine* engine = window_->engine();
    const ReplayProgress before = engine->progress();
    window_->findChild<QAction*>(QStringLiteral("actionStep"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, before.processed + 1, kPatienceMs);

    // A day: every sample stock that traded on the next date after now.
    waitUntilIdle();
    const qint64 now = engine->progress().time;
    qint64 next = std::numeric_limits<qint64>::max();
    for (const auto& [name, days] : sample_)
        for (const Day& d : days)
            if (d.time > now) {
                next = std::min(next, d.time);
                break;
            }
    std::size_t atNext = 0;
    std::size_t atNow = 0;
    for (const auto& [name, days] : sample_)
        for (const Day& d : days) {
            atNext += d.time == next;
            atNow += d.time == now;
        }
    // The records of `now` not yet replayed come first.
    const ReplayProgress mid = engine->progress();
    auto* stepDay = window_->findChild<QAction*>(QStringLiteral("actionStepDay"));
    stepDay->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(engine->progress().processed > mid.processed, kPatienceMs);
    waitUntilIdle();
    ReplayProgress after = engine->progress();
    std::size_t dayStart = mid.processed;
    if (after.time == now) {
        QVERIFY(after.processed - mid.processed < atNow);
        dayStart = after.processed;
        stepDay->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(engine->progress().processed > after.processed, kPatienceMs);
        waitUntilIdle();
        after = engine->progress();
    }
    QCOMPARE(after.time, next);
    QCOMPARE(after.processed - dayStart, atNext);
}

void TestMainWindow::seeksToADate()
{
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = 0;
    for (const auto& [name, days] : sample_) {
        first = std::min(first, days.front().time);
        last = std::max(last, days.back().time);
    }
    for (int position : {MainWindow::kTimelineSteps / 2, MainWindow::kTimelineSteps / 4}) {
        const qint64 target = first + (last - first) * position / MainWindow::kTimelineSteps;
        std::size_t before = 0;
        for (const auto& [name, days] : sample_)
            for (const Day& d : days)
                before += d.time < target;
        window_->seekToTimeline(position);
        QTRY_COMPARE_WITH_TIMEOUT(window_->engine()->progress().processed, before, kPatienceMs);
        waitUntilIdle();
        QVERIFY(window_->engine()->progress().time < target);
        // The chart follows a seek backwards too.
        const QModelIndex ibm = sourceRow(QStringLiteral("ibm.us"));
        QCOMPARE(window_->stockCharts()->history().records(),
                 window_->engine()->snapshot().stocks[static_cast<std::size_t>(ibm.row())].records);
    }
}

void TestMainWindow::refusesBadData_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("garbage") << QByteArray("this is not\nprice data\n") << QStringLiteral("junk.us.txt")
                             << QStringLiteral("neither a header");
    QTest::newRow("header only") << QByteArray("Date,Open,High,Low,Close,Volume,OpenInt\r\n")
                                 << QStringLiteral("header.us.txt") << QStringLiteral("no price records");
    QTest::newRow("bad rows") << QByteArray("Date,Open,High,Low,Close,Volume,OpenInt\n1970-01-02,1,1,1,x,1,0\n")
                              << QStringLiteral("rows.us.txt") << QStringLiteral("first at line 2");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty.us.txt") << QStringLiteral("no price records");
    QTest::newRow("missing") << QByteArray() << QString() << QStringLiteral("cannot open");
}

void TestMainWindow::refusesBadData()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, fileName);
    QFETCH(QString, expected);
    QString path = scratch_.filePath(QStringLiteral("does-not-exist.txt"));
    if (!fileName.isEmpty()) {
        path = scratch_.filePath(fileName);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    ReplayEngine* engine = window_->engine();
    const std::size_t total = engine->progress().total;
    QSignalSpy loaded(window_.get(), &MainWindow::dataLoaded);
    window_->openData(path);
    QVERIFY(loaded.wait(kPatienceMs));
    QCOMPARE(loaded.front().front().toBool(), false);
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = window_->findChild<QMessageBox*>()) != nullptr, kPatienceMs);
    QVERIFY2(box->text().contains(expected), qPrintable(box->text()));
    box->close();
    QTRY_VERIFY_WITH_TIMEOUT(!window_->findChild<QMessageBox*>(), kPatienceMs);
    // The window keeps the data it had, still working.
    QCOMPARE(window_->engine(), engine);
    QCOMPARE(engine->progress().total, total);
    window_->refreshViews();
}

void TestMainWindow::refusesABadModel()
{
    const QString path = scratch_.filePath(QStringLiteral("bad-model.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "stockstream-logistic/1", "window": 5, "transform": "relative",
                   "weights": [1, 2], "intercept": 0})");
    file.close();
    const auto before = window_->engine()->snapshot().model;
    QVERIFY(!window_->openModel(path));
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = window_->findChild<QMessageBox*>()) != nullptr, kPatienceMs);
    QVERIFY2(box->text().contains(QStringLiteral("weights do not fit")), qPrintable(box->text()));
    box->close();
    QTRY_VERIFY_WITH_TIMEOUT(!window_->findChild<QMessageBox*>(), kPatienceMs);
    QCOMPARE(window_->engine()->snapshot().model, before);
}

void TestMainWindow::cancellingALoadKeepsTheData()
{
    // Enough files that reading them outlasts the click on Cancel.
    QTemporaryDir folder;
    QByteArray rows("Date,Open,High,Low,Close,Volume,OpenInt\n");
    for (int d = 1; d <= 28; ++d)
        rows += QStringLiteral("2001-02-%1,1,1,1,%2,100,0\n").arg(d, 2, 10, QChar('0')).arg(1 + d / 100.0).toLatin1();
    for (int i = 0; i < 3000; ++i) {
        QFile file(folder.filePath(QStringLiteral("s%1.us.txt").arg(i)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(rows);
    }
    ReplayEngine* engine = window_->engine();
    QSignalSpy loaded(window_.get(), &MainWindow::dataLoaded);
    window_->openData(folder.path());
    auto* progress = window_->findChild<QProgressDialog*>();
    QVERIFY(progress);
    auto* cancel = progress->findChild<QPushButton*>();
    QVERIFY(cancel);
    cancel->click();
    QVERIFY(loaded.wait(kPatienceMs));
    if (loaded.front().front().toBool()) {
        window_->openSample();
        QVERIFY(loaded.wait(kPatienceMs));
        QSKIP("the folder was read before Cancel arrived");
    }
    QVERIFY(window_->statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
    QCOMPARE(window_->engine(), engine);
    QVERIFY(!window_->isLoading());
}

void TestMainWindow::filterNarrowsTheWatchlist()
{
    auto* filter = window_->findChild<QLineEdit*>(QStringLiteral("filterEdit"));
    QVERIFY(filter);
    filter->setText(QStringLiteral("IB"));
    QCOMPARE(window_->watchlistProxy()->rowCount(), 1);
    QCOMPARE(window_->watchlistProxy()->index(0, 0).data().toString(), QStringLiteral("ibm.us"));
    filter->clear();
    QCOMPARE(window_->watchlistProxy()->rowCount(), static_cast<int>(sample_.size()));
}

void TestMainWindow::logsAndExportsARun()
{
    // A fresh pass stopped part-way: its run ends "stopped" with every call
    // written, and an export holds exactly the calls the engine made.
    ReplayEngine* engine = window_->engine();
    window_->findChild<QAction*>(QStringLiteral("actionRestart"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, std::size_t{0}, kPatienceMs);
    engine->step(30000);
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, std::size_t{30000}, kPatienceMs);
    // Stepped, the engine pauses: so does its run in the Runs panel.
    QTRY_VERIFY_WITH_TIMEOUT(window_->runs()->rowCount() > 0
                                 && window_->runs()->index(0, RunsModel::State).data() == QStringLiteral("paused"),
                             kPatienceMs);
    const ReplaySnapshot s = engine->snapshot();
    // The actions follow the engine's state through a queued signal: a
    // user cannot press Stop before it is enabled, nor can the test.
    auto* stop = window_->findChild<QAction*>(QStringLiteral("actionStop"));
    QTRY_VERIFY_WITH_TIMEOUT(stop->isEnabled(), kPatienceMs);
    stop->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window_->runs()->rowCount() > 0 && window_->runs()->run(0)->status == RunStatus::Stopped, kPatienceMs);

    const qint64 run = window_->runs()->run(0)->id;
    const auto exportLines = [&](const QString& name, PredictionLog::Query query) -> QList<QByteArray> {
        ExportDialog::Request request;
        request.path = scratch_.filePath(name);
        query.run = run;
        request.query = query;
        QSignalSpy exported(window_.get(), &MainWindow::exported);
        window_->exportPredictions(request);
        if (!exported.wait(kPatienceMs))
            return {};
        QFile file(request.path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        lines.removeFirst();  // the header
        if (exported.front().front().toLongLong() != lines.size())
            return {};
        return lines;
    };

    const QList<QByteArray> all = exportLines(QStringLiteral("all.csv"), {});
    QCOMPARE(static_cast<std::uint64_t>(all.size()), s.overall.windows);
    PredictionLog::Query ibm;
    ibm.stock = "ibm.us";
    QCOMPARE(static_cast<std::uint64_t>(exportLines(QStringLiteral("ibm.csv"), ibm).size()),
             s.tallies[static_cast<std::size_t>(sourceRow(QStringLiteral("ibm.us")).row())].windows);

    // A date range keeps exactly the calls of the full export made within it.
    const auto dateOf = [](const QByteArray& line) { return *timestamp::parse(line.split(',').at(1).toStdString()); };
    PredictionLog::Query range;
    range.from = dateOf(all.at(all.size() / 3));
    range.to = dateOf(all.at(2 * all.size() / 3));
    const auto inRange = std::count_if(all.begin(), all.end(), [&](const QByteArray& line) {
        return dateOf(line) >= *range.from && dateOf(line) <= *range.to;
    });
    QVERIFY(inRange > 0 && inRange < all.size());
    QCOMPARE(exportLines(QStringLiteral("range.csv"), range).size(), inRange);
}

void TestMainWindow::browsesALoggedRun()
{
    // The run logsAndExportsARun stopped: its calls on ibm.us, read back from
    // the log, are the model's calls on the closes the replay reached.
    const ReplaySnapshot s = window_->engine()->snapshot();
    const std::size_t records = s.stocks[static_cast<std::size_t>(sourceRow(QStringLiteral("ibm.us")).row())].records;
    const ExpectedTally expected = scoreByHand(sample_.at(QStringLiteral("ibm.us")), records);
    QVERIFY(expected.resolved > 0);

    window_->watchlistView()->setCurrentIndex(window_->watchlistProxy()->mapFromSource(sourceRow(QStringLiteral("ibm.us"))));
    window_->findChild<QTableView*>(QStringLiteral("runsView"))->selectRow(0);
    RunBrowser* browser = window_->browseRun();
    QVERIFY(browser);
    QCOMPARE(browser->run().id, window_->runs()->run(0)->id);
    QSignalSpy shown(browser, &RunBrowser::shown);
    QVERIFY(shown.wait(kPatienceMs));
    QCOMPARE(shown.front().front().toBool(), true);

    const StockHistory& h = browser->charts()->history();
    QVERIFY(h.isLogged());
    QCOMPARE(h.series().name, std::string("ibm.us"));
    QCOMPARE(static_cast<qint64>(h.tally().resolved), expected.resolved);
    QCOMPARE(static_cast<qint64>(h.tally().correct), expected.correct);
    QVERIFY(std::abs(h.calls().back().pUp - expected.lastPUp) < 1e-12);
    // Every call is drawn: one marker each, right or wrong, up or down.
    qsizetype markers = 0;
    for (int m = 0; m < StockChartPanel::MarkerCount; ++m)
        markers += browser->charts()->markerSeries(static_cast<StockChartPanel::Marker>(m))->count();
    QVERIFY(markers > 0);
    QVERIFY(browser->charts()->priceSeries()->count() > 0);
    // A logged run's cost is not known: nothing trades its calls.
    QVERIFY(browser->charts()->equityChart()->isHidden());

    // Another stock from the list, then the window closes with no trace.
    browser->stocks()->setFilterFixedString(QStringLiteral("mcd"));
    QCOMPARE(browser->stocks()->rowCount(), 1);
    shown.clear();
    browser->showStock(QStringLiteral("mcd.us"));
    QVERIFY(shown.wait(kPatienceMs));
    QCOMPARE(browser->charts()->history().series().name, std::string("mcd.us"));
    QPointer<RunBrowser> guard(browser);
    browser->close();
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), kPatienceMs);
}

void TestMainWindow::drawsCandlesticks()
{
    // The sample file's own open, high and low, by date.
    std::map<qint64, std::array<double, 3>> ranges;
    QFile file(QStringLiteral(STOCKSTREAM_SOURCE_DIR "/resources/sample/ibm.us.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    for (const QByteArray& raw : file.readAll().split('\n')) {
        const QList<QByteArray> f = raw.trimmed().split(',');
        const QDate date = QDate::fromString(QString::fromLatin1(f.front()), Qt::ISODate);
        if (f.size() >= 5 && date.isValid())
            ranges[QDateTime(date, QTime(0, 0), Qt::UTC).toSecsSinceEpoch()] = {f[1].toDouble(), f[2].toDouble(), f[3].toDouble()};
    }

    window_->watchlistView()->setCurrentIndex(window_->watchlistProxy()->mapFromSource(sourceRow(QStringLiteral("ibm.us"))));
    StockChartPanel* charts = window_->stockCharts();
    QCOMPARE(charts->history().series().name, std::string("ibm.us"));
    auto* action = window_->findChild<QAction*>(QStringLiteral("actionCandlesticks"));
    QSignalSpy loaded(window_.get(), &MainWindow::candlesLoaded);
    action->setChecked(true);
    QVERIFY(loaded.wait(kPatienceMs));
    QCOMPARE(loaded.front().front().toBool(), true);
    QVERIFY(charts->showsCandles());
    QVERIFY(!charts->priceSeries()->isVisible());
    const QList<QCandlestickSet*> sets = charts->candleSeries()->sets();
    QVERIFY(!sets.isEmpty());
    // Each candle opens as its first day did, and spans at least that day.
    for (const QCandlestickSet* set : sets) {
        const auto day = ranges.find(static_cast<qint64>(set->timestamp() / 1000));
        QVERIFY(day != ranges.end());
        QCOMPARE(set->open(), day->second[0]);
        QVERIFY(set->high() >= day->second[1] && set->low() <= day->second[2]);
    }
    QCOMPARE(QSettings().value("chart/candlesticks").toBool(), true);

    action->setChecked(false);
    QVERIFY(charts->priceSeries()->isVisible());
    QVERIFY(charts->candleSeries()->sets().isEmpty());
    QCOMPARE(QSettings().value("chart/candlesticks").toBool(), false);
}

void TestMainWindow::comparesSelectedStocks()
{
    QTableView* view = window_->watchlistView();
    const auto select = [&](const QString& stock, QItemSelectionModel::SelectionFlags how) {
        const QModelIndex row = window_->watchlistProxy()->mapFromSource(sourceRow(stock));
        view->selectionModel()->setCurrentIndex(row, how | QItemSelectionModel::Rows);
    };
    select(QStringLiteral("ibm.us"), QItemSelectionModel::ClearAndSelect);
    select(QStringLiteral("ge.us"), QItemSelectionModel::Select);
    select(QStringLiteral("ko.us"), QItemSelectionModel::Select);
    // The current row is charted in full, the others beside its price.
    StockChartPanel* charts = window_->stockCharts();
    QCOMPARE(charts->history().series().name, std::string("ko.us"));
    QCOMPARE(charts->comparedCount(), std::size_t{2});
    QStringList names;
    for (std::size_t i = 0; i < charts->comparedCount(); ++i)
        names << charts->comparedSeries(i)->name();
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("ge.us"), QStringLiteral("ibm.us")}));
    select(QStringLiteral("ibm.us"), QItemSelectionModel::ClearAndSelect);
    QCOMPARE(charts->comparedCount(), std::size_t{0});
}

void TestMainWindow::cleanupTestCase()
{
    // STOCKSTREAM_SCREENSHOT=file.png keeps a picture of the window as the
    // tests left it, to look at.
    const QString shot = qEnvironmentVariable("STOCKSTREAM_SCREENSHOT");
    if (!shot.isEmpty()) {
        // A few decades of replay at a watchable pace, paused mid-way.
        window_->watchlistView()->selectionModel()->select(
            window_->watchlistProxy()->mapFromSource(sourceRow(QStringLiteral("ge.us"))),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        window_->engine()->restart();
        window_->engine()->setPace({Pace::Unit::Timestamps, 1500});
        window_->engine()->play();
        QTest::qWait(8000);
        window_->engine()->pause();
        waitUntilIdle();
        window_->statusBar()->clearMessage();
        QTest::qWait(300);
        window_->grab().save(shot);
    }
    window_.reset();
    QSettings().clear();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
