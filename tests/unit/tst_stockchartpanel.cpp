// The stock's chart panes on their own, on a made-up stock: the range never
// leaves the data, fit-all shows all of it, one crosshair runs through every
// pane and stays, the scales and averages draw the values worked out here,
// and nothing reads 1970 before the replay starts.
#include "app/charts/ChartView.h"
#include "app/charts/StockChartPanel.h"
#include "core/model/LogisticModel.h"

#include <QAction>
#include <QApplication>
#include <QStyle>
#include <QWheelEvent>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QCategoryAxis>
#include <QChart>
#include <QLineSeries>
#include <QMenu>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ss;

Q_DECLARE_METATYPE(PriceScale::Mode)

namespace {

constexpr std::size_t kDays = 600;
constexpr int kWindow = 3;

// Weekdays from a Monday, a wave over a rising trend, with made-up ranges and volumes.
std::vector<Candle> candles()
{
    std::vector<Candle> days;
    Timestamp t = timestamp::fromCivil(2003, 3, 3);
    for (std::size_t i = 0; days.size() < kDays; ++i, t += timestamp::kSecondsPerDay) {
        if (i % 7 >= 5)
            continue;
        const double close = 20 + 0.05 * static_cast<double>(days.size()) + 3 * std::sin(static_cast<double>(i) / 9);
        days.push_back({t, close - 0.2, close + 0.5, close - 0.6, close, 1000.0 * static_cast<double>(i % 13 + 1)});
    }
    return days;
}

std::shared_ptr<const MarketData> market()
{
    StockSeries s;
    s.name = "abc.us";
    for (const Candle& c : candles()) {
        s.times.push_back(c.time);
        s.closes.push_back(c.close);
    }
    return std::make_shared<const MarketData>(std::vector<StockSeries>{s});
}

StockHistory history(std::size_t records)
{
    auto model = std::make_shared<const LogisticModel>(kWindow, FeatureTransform::Raw,
                                                       std::vector<double>{0.4, -1.0, 0.7}, -0.02);
    StockHistory h(market(), 0, model);
    h.advanceTo(records);
    return h;
}

} // namespace

class TestStockChartPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void beforePlayNoAxisReads1970();
    void fitAllCoversTheHistory();
    void zoomStaysWithinTheData_data();
    void zoomStaysWithinTheData();
    void wheelingOutStopsAtTheData();
    void oneCrosshairThroughEveryPane();
    void theReadoutStaysWhileThePointerRests();
    void scalesDrawTheirValues_data();
    void scalesDrawTheirValues();
    void comparedStocksAreInPercent();
    void averagesDrawTheirValues();
    void volumeAndCandlesWithMarkersBeside();
    void tradingDaysLeaveNoGaps();
    void replayFromHereGivesTheDate();
    void datesReadInOneFamily();
    void cleanupTestCase();

private:
    QTemporaryDir settings_;
    std::unique_ptr<StockChartPanel> panel_;
};

void TestStockChartPanel::initTestCase()
{
    QVERIFY(settings_.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("stockstream-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_stockchartpanel"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings_.path());
}

void TestStockChartPanel::init()
{
    QSettings().clear();
    panel_ = std::make_unique<StockChartPanel>();
    panel_->resize(1000, 800);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
}

void TestStockChartPanel::beforePlayNoAxisReads1970()
{
    const auto noEpoch = [this] {
        for (int p = 0; p < panel_->paneCount(); ++p) {
            QCategoryAxis* time = panel_->paneTimeAxis(p);
            if (!time->isVisible())
                continue;
            for (const QString& label : time->categoriesLabels())
                if (label.contains(QLatin1String("1970")))
                    return false;
        }
        return true;
    };
    QVERIFY(noEpoch());
    panel_->showStock(history(0));
    QVERIFY(noEpoch());
    QVERIFY(!panel_->paneTimeAxis(StockChartPanel::RollingPane)->isVisible());
    QVERIFY(panel_->paneChart(StockChartPanel::PricePane)->title().contains(QLatin1String("abc.us")));
    QVERIFY(panel_->paneChart(StockChartPanel::PricePane)->title().contains(QLatin1String("Space")));
    panel_->advanceTo(50);
    QVERIFY(panel_->paneTimeAxis(StockChartPanel::RollingPane)->isVisible());
    QVERIFY(!panel_->paneTimeAxis(StockChartPanel::RollingPane)->categoriesLabels().isEmpty());
    QVERIFY(noEpoch());
}

void TestStockChartPanel::fitAllCoversTheHistory()
{
    panel_->showStock(history(kDays));
    const double first = ChartView::axisValue(candles().front().time);
    const double last = ChartView::axisValue(candles().back().time);
    QVERIFY(panel_->rangeMax() - panel_->rangeMin() < last - first);
    panel_->fitAll();
    QCOMPARE(panel_->rangeMin(), first);
    QCOMPARE(panel_->rangeMax(), last);
    // Every pane on those dates.
    for (int p = 0; p < panel_->paneCount(); ++p) {
        QCOMPARE(panel_->paneView(p)->visibleMin(), first);
        QCOMPARE(panel_->paneView(p)->visibleMax(), last);
    }
    QCOMPARE(panel_->priceSeries()->at(0).x(), first);
    QCOMPARE(panel_->priceSeries()->at(panel_->priceSeries()->count() - 1).x(), last);
    // Half-way through a replay, all of it so far, and it keeps up.
    panel_->showStock(history(kDays / 2));
    panel_->fitAll();
    QCOMPARE(panel_->rangeMax(), ChartView::axisValue(candles()[kDays / 2 - 1].time));
    panel_->advanceTo(kDays / 2 + 10);
    QCOMPARE(panel_->rangeMax(), ChartView::axisValue(candles()[kDays / 2 + 9].time));
    QCOMPARE(panel_->rangeMin(), first);
}

void TestStockChartPanel::zoomStaysWithinTheData_data()
{
    QTest::addColumn<double>("fromFirst");  // days from the first date, asked
    QTest::addColumn<double>("span");
    QTest::addColumn<double>("shownFromFirst");
    QTest::newRow("inside") << 100.0 << 30.0 << 100.0;
    QTest::newRow("before the first date") << -200.0 << 30.0 << 0.0;
    QTest::newRow("past the last date") << 5000.0 << 30.0 << -1.0;
    QTest::newRow("wider than the data") << -3000.0 << 30000.0 << 0.0;
}

void TestStockChartPanel::zoomStaysWithinTheData()
{
    QFETCH(double, fromFirst);
    QFETCH(double, span);
    QFETCH(double, shownFromFirst);
    constexpr double kDay = 86400e3;
    panel_->showStock(history(kDays));
    const double first = ChartView::axisValue(candles().front().time);
    const double last = ChartView::axisValue(candles().back().time);
    panel_->setRange(first + fromFirst * kDay, first + (fromFirst + span) * kDay);
    QVERIFY(panel_->rangeMin() >= first);
    QVERIFY(panel_->rangeMax() <= last);
    if (span * kDay < last - first)
        QCOMPARE(panel_->rangeMax() - panel_->rangeMin(), span * kDay);
    if (shownFromFirst >= 0)
        QCOMPARE(panel_->rangeMin(), first + shownFromFirst * kDay);
    else
        QCOMPARE(panel_->rangeMax(), last);
    QCOMPARE(panel_->paneView(StockChartPanel::PricePane)->visibleMin(), panel_->rangeMin());
}

void TestStockChartPanel::wheelingOutStopsAtTheData()
{
    panel_->showStock(history(kDays));
    ChartView* view = panel_->paneView(StockChartPanel::PricePane);
    const QPoint centre = view->chart()->plotArea().center().toPoint();
    for (int i = 0; i < 40; ++i) {
        QWheelEvent wheel(centre, view->mapToGlobal(centre), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
    }
    QCOMPARE(panel_->rangeMin(), ChartView::axisValue(candles().front().time));
    QCOMPARE(panel_->rangeMax(), ChartView::axisValue(candles().back().time));
}

void TestStockChartPanel::oneCrosshairThroughEveryPane()
{
    panel_->showStock(history(kDays));
    panel_->fitAll();
    const double x = panel_->priceSeries()->at(panel_->priceSeries()->count() / 2).x();
    panel_->pointAt(x + 3600e3);  // snaps to the close's date
    for (int p = 0; p < panel_->paneCount(); ++p) {
        QVERIFY(panel_->paneView(p)->crosshairShown());
        QCOMPARE(panel_->paneView(p)->crosshairX(), x);
    }
    panel_->pointAway();
    for (int p = 0; p < panel_->paneCount(); ++p)
        QVERIFY(!panel_->paneView(p)->crosshairShown());
    // The pointer over one pane draws it in all.
    ChartView* rolling = panel_->paneView(StockChartPanel::RollingPane);
    const QPoint centre = rolling->mapFromScene(rolling->chart()->mapToScene(rolling->chart()->plotArea().center()));
    QTest::mouseMove(rolling->viewport(), centre);
    QTRY_VERIFY(panel_->paneView(StockChartPanel::PricePane)->crosshairShown());
    for (int p = 0; p < panel_->paneCount(); ++p)
        QVERIFY(panel_->paneView(p)->crosshairShown());
}

void TestStockChartPanel::theReadoutStaysWhileThePointerRests()
{
    panel_->showStock(history(kDays));
    panel_->fitAll();
    const std::size_t record = 123;
    panel_->pointAt(ChartView::axisValue(candles()[record].time));
    const QString date = QLocale::c().toString(QDateTime::fromSecsSinceEpoch(candles()[record].time, Qt::UTC).date(),
                                               QStringLiteral("d MMM yyyy"));
    QVERIFY2(panel_->readout().contains(date), qPrintable(panel_->readout()));
    QTest::qWait(1200);
    QVERIFY(panel_->readout().contains(date));
    QVERIFY(panel_->shownReadout().contains(date));
    // Away from the chart it shows the latest close rather than nothing.
    panel_->pointAway();
    QVERIFY(!panel_->readout().isEmpty());
}

void TestStockChartPanel::scalesDrawTheirValues_data()
{
    QTest::addColumn<PriceScale::Mode>("mode");
    QTest::newRow("dollars") << PriceScale::Mode::Linear;
    QTest::newRow("log") << PriceScale::Mode::Log;
    QTest::newRow("percent") << PriceScale::Mode::Percent;
}

void TestStockChartPanel::scalesDrawTheirValues()
{
    QFETCH(PriceScale::Mode, mode);
    const std::vector<Candle> days = candles();
    panel_->showStock(history(kDays));
    panel_->setScale(mode);
    panel_->setRange(ChartView::axisValue(days[100].time), ChartView::axisValue(days[130].time));
    const QLineSeries* price = panel_->priceSeries();
    QVERIFY(price->count() > 0);
    const double base = days[100].close;
    QCOMPARE(panel_->priceScale().mode(), mode);
    for (const QPointF& p : price->points()) {
        const auto day = std::find_if(days.begin(), days.end(),
                                      [&](const Candle& c) { return ChartView::axisValue(c.time) == p.x(); });
        QVERIFY(day != days.end());
        const double expected = mode == PriceScale::Mode::Linear ? day->close
                                : mode == PriceScale::Mode::Log  ? std::log10(day->close)
                                                                 : (day->close / base - 1) * 100;
        QVERIFY(std::abs(p.y() - expected) < 1e-9);
    }
    // The price axis' ticks are round in the scale's terms.
    const QStringList labels = panel_->paneValueAxis(StockChartPanel::PricePane)->categoriesLabels();
    QVERIFY(labels.size() >= 2);
    if (mode == PriceScale::Mode::Percent)
        QVERIFY(labels.back().endsWith(QLatin1Char('%')));
    QCOMPARE(QSettings().value("chart/scale").toInt(), static_cast<int>(mode));
}

void TestStockChartPanel::comparedStocksAreInPercent()
{
    StockSeries a;
    a.name = "abc.us";
    StockSeries b;
    b.name = "xyz.us";
    for (const Candle& c : candles()) {
        a.times.push_back(c.time);
        a.closes.push_back(c.close);
        b.times.push_back(c.time);
        b.closes.push_back(c.close * 10);
    }
    auto data = std::make_shared<const MarketData>(std::vector<StockSeries>{a, b});
    auto model = std::make_shared<const LogisticModel>(kWindow, FeatureTransform::Raw,
                                                       std::vector<double>{0.4, -1.0, 0.7}, -0.02);
    StockHistory h(data, 0, model);
    h.advanceTo(kDays);
    ReplaySnapshot snapshot;
    snapshot.models = h.models();
    panel_->showStock(std::move(h));
    panel_->compareWith({1});
    snapshot.stocks.resize(2);
    snapshot.stocks[0].records = kDays;
    snapshot.stocks[1].records = kDays;
    panel_->advance(snapshot);
    QCOMPARE(panel_->priceScale().mode(), PriceScale::Mode::Percent);
    // Ten times the price, the same moves: rebased, the two lines are one.
    const QLineSeries* own = panel_->priceSeries();
    const QLineSeries* other = panel_->comparedSeries(0);
    QCOMPARE(other->count(), own->count());
    for (qsizetype i = 0; i < own->count(); ++i)
        QVERIFY(std::abs(own->at(i).y() - other->at(i).y()) < 1e-9);
}

void TestStockChartPanel::averagesDrawTheirValues()
{
    const std::vector<Candle> days = candles();
    panel_->showStock(history(kDays));
    panel_->setAverages({MovingAverage(MovingAverage::Kind::Simple, 5)});
    const QLineSeries* sma = panel_->averageSeries(0);
    QVERIFY(sma->count() > 0);
    const QPointF last = sma->at(sma->count() - 1);
    double sum = 0;
    for (std::size_t i = kDays - 5; i < kDays; ++i)
        sum += days[i].close;
    QCOMPARE(last.x(), ChartView::axisValue(days.back().time));
    QVERIFY(std::abs(last.y() - sum / 5) < 1e-9);
    QCOMPARE(QSettings().value("chart/averages").toStringList(), QStringList{QStringLiteral("SMA 5")});
    // Remembered by the next panel.
    StockChartPanel next;
    QCOMPARE(next.averages().size(), std::size_t{1});
    QCOMPARE(next.averages().front().period(), 5);
}

void TestStockChartPanel::volumeAndCandlesWithMarkersBeside()
{
    const std::vector<Candle> days = candles();
    QSignalSpy wanted(panel_.get(), &StockChartPanel::candlesWanted);
    panel_->showStock(history(kDays));
    QCOMPARE(wanted.size(), 1);  // the volume pane needs the days
    panel_->setCandlesticks(true);
    panel_->setCandles("abc.us", days);
    QVERIFY(!panel_->wantsCandles());
    panel_->setRange(ChartView::axisValue(days[200].time), ChartView::axisValue(days[240].time));
    const QLineSeries* volume = panel_->volumeSeries();
    QVERIFY(volume->count() > 0);
    double top = 0;
    for (const QPointF& p : volume->points())
        top = std::max(top, p.y());
    double expected = 0;
    for (std::size_t i = 200; i <= 240; ++i)
        expected = std::max(expected, days[i].volume);
    QCOMPARE(top, expected);

    // Markers beside their candles: ▲ under the low, ▼ over the high.
    QCategoryAxis* axis = panel_->paneValueAxis(StockChartPanel::PricePane);
    qsizetype markers = 0;
    for (const auto kind : {StockChartPanel::UpRight, StockChartPanel::UpWrong, StockChartPanel::DownRight,
                            StockChartPanel::DownWrong}) {
        const bool up = kind == StockChartPanel::UpRight || kind == StockChartPanel::UpWrong;
        for (const QPointF& p : panel_->markerSeries(kind)->points()) {
            const auto day = std::find_if(days.begin(), days.end(),
                                          [&](const Candle& c) { return ChartView::axisValue(c.time) == p.x(); });
            QVERIFY(day != days.end());
            QVERIFY(up ? p.y() < day->low : p.y() > day->high);
            QVERIFY(p.y() >= axis->min() && p.y() <= axis->max());
            ++markers;
        }
    }
    QVERIFY(markers > 0);
}

void TestStockChartPanel::tradingDaysLeaveNoGaps()
{
    panel_->showStock(history(kDays));
    panel_->setTradingDays(true);
    panel_->fitAll();
    QCOMPARE(panel_->rangeMin(), 0.0);
    QCOMPARE(panel_->rangeMax(), static_cast<double>(kDays - 1));
    const QLineSeries* price = panel_->priceSeries();
    for (qsizetype i = 1; i < price->count(); ++i)
        QVERIFY(price->at(i).x() > price->at(i - 1).x());
    // Zoomed in, one step a trading day, weekends or not.
    panel_->setRange(10, 30);
    for (qsizetype i = 1; i < panel_->priceSeries()->count(); ++i)
        QCOMPARE(panel_->priceSeries()->at(i).x() - panel_->priceSeries()->at(i - 1).x(), 1.0);
    QVERIFY(!panel_->paneTimeAxis(StockChartPanel::RollingPane)->categoriesLabels().isEmpty());
    QCOMPARE(panel_->timeAt(12), candles()[12].time);
    panel_->setTradingDays(false);
}

void TestStockChartPanel::replayFromHereGivesTheDate()
{
    const std::vector<Candle> days = candles();
    panel_->showStock(history(kDays / 2));
    QSignalSpy asked(panel_.get(), &StockChartPanel::replayFromRequested);
    std::unique_ptr<QMenu> menu(panel_->contextMenu(ChartView::axisValue(days[77].time) + 3600e3));
    QAction* replay = menu->actions().front();
    QVERIFY(replay->text().contains(QLatin1String("Replay from")));
    replay->trigger();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.front().front().value<Timestamp>(), days[77].time);
}

void TestStockChartPanel::datesReadInOneFamily()
{
    const std::vector<Candle> days = candles();
    panel_->showStock(history(kDays));
    panel_->fitAll();  // over two years: months
    for (const QString& label : panel_->paneTimeAxis(StockChartPanel::RollingPane)->categoriesLabels())
        QVERIFY2(QDate::fromString(label, QStringLiteral("MMM yyyy")).isValid(), qPrintable(label));
    panel_->setRange(ChartView::axisValue(days[10].time), ChartView::axisValue(days[30].time));
    const QStringList labels = panel_->paneTimeAxis(StockChartPanel::RollingPane)->categoriesLabels();
    QVERIFY(!labels.isEmpty());
    for (const QString& label : labels)
        QVERIFY2(QDate::fromString(label, QStringLiteral("d MMM yyyy")).isValid(), qPrintable(label));
}

void TestStockChartPanel::cleanupTestCase()
{
    // STOCKSTREAM_SCREENSHOT_DIR=folder keeps pictures of the panes, light
    // and dark, with candles, volume and an average, to look at.
    const QString folder = qEnvironmentVariable("STOCKSTREAM_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    const QPalette before = QApplication::palette();
    for (const bool dark : {false, true}) {
        QPalette palette = QApplication::style()->standardPalette();
        if (dark) {
            palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            palette.setColor(QPalette::WindowText, Qt::white);
            palette.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
            palette.setColor(QPalette::Text, Qt::white);
            palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
            palette.setColor(QPalette::ButtonText, Qt::white);
        }
        QApplication::setPalette(palette);
        for (const bool withCandles : {false, true}) {
            QSettings().clear();
            StockChartPanel panel;
            panel.resize(1200, 760);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            panel.showStock(history(kDays - 150));
            panel.setAverages({MovingAverage(MovingAverage::Kind::Simple, 20),
                               MovingAverage(MovingAverage::Kind::Exponential, 50)});
            panel.setCandlesticks(withCandles);
            panel.setCandles("abc.us", candles());
            panel.setRange(ChartView::axisValue(candles()[300].time), ChartView::axisValue(candles()[360].time));
            panel.pointAt(ChartView::axisValue(candles()[330].time));
            QTest::qWait(100);
            panel.grab().save(QStringLiteral("%1/panel-%2-%3.png")
                                  .arg(folder, dark ? QStringLiteral("dark") : QStringLiteral("light"),
                                       withCandles ? QStringLiteral("candles") : QStringLiteral("line")));
        }
    }
    QApplication::setPalette(before);
}

QTEST_MAIN(TestStockChartPanel)
#include "tst_stockchartpanel.moc"
