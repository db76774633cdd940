#include "core/backtest/BacktestFigures.h"
#include "core/backtest/BacktestStage.h"
#include "core/backtest/StretchBacktest.h"
#include "core/stream/PredictionPipeline.h"
#include "core/stream/TickMerger.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace ss;

Q_DECLARE_METATYPE(ss::Strategy)

namespace {

Timestamp day(int d)
{
    return timestamp::fromCivil(2000, 1, 3) + Timestamp(d) * timestamp::kSecondsPerDay;
}

// Feeds the stage records as the pipeline would: the windower holds the
// close first, and a call comes with the record it is made on.
class Feed {
public:
    Feed(std::size_t stocks, double costBps) : windower_(stocks), stage_(stocks, costBps) {}
    void record(std::size_t stock, int d, double close, std::optional<bool> up)
    {
        windower_.push(stock, close);
        stage_.process({stock, day(d), close}, windower_, up);
    }
    // closes[d] with calls[d]: 'U' up, 'D' down, '-' none.
    void series(std::size_t stock, const QList<double>& closes, const QString& calls)
    {
        for (int d = 0; d < closes.size(); ++d)
            record(stock, d, closes[d], call(calls[d]));
    }
    static std::optional<bool> call(QChar c)
    {
        return c == '-' ? std::nullopt : std::optional(c == 'U');
    }
    BacktestSnapshot snapshot() const { return stage_.snapshot(); }

private:
    Windower windower_;
    BacktestStage stage_;
};

// The figures of a series of net returns, by the textbook formulas (two
// passes), over `days` days.
struct Expected {
    double totalReturn;
    std::optional<double> cagr, volatility, sharpe;
};

Expected expectedOf(const QList<double>& nets, int days)
{
    double equity = 1, sum = 0;
    for (const double n : nets) {
        equity *= 1 + n;
        sum += n;
    }
    Expected e{equity - 1, {}, {}, {}};
    e.cagr = std::pow(equity, 365.25 / days) - 1;
    if (nets.size() >= 2) {
        const double mean = sum / nets.size();
        double squares = 0;
        for (const double n : nets)
            squares += (n - mean) * (n - mean);
        const double sd = std::sqrt(squares / (nets.size() - 1));
        e.volatility = sd * std::sqrt(252.0);
        if (sd > 0)
            e.sharpe = mean / sd * std::sqrt(252.0);
    }
    return e;
}

void compare(const std::optional<double>& actual, const std::optional<double>& expected, const char* what)
{
    QVERIFY2(actual.has_value() == expected.has_value(), what);
    if (expected)
        QVERIFY2(std::abs(*actual - *expected) <= 1e-9 * std::max(1.0, std::abs(*expected)),
                 qPrintable(QStringLiteral("%1: %2 against %3").arg(what).arg(*actual, 0, 'g', 17).arg(*expected, 0, 'g', 17)));
}

std::shared_ptr<const MarketData> randomWalks(int stocks, int days, quint64 seed)
{
    QRandomGenerator rng(seed);
    std::vector<StockSeries> series;
    for (int s = 0; s < stocks; ++s) {
        StockSeries x;
        x.name = QStringLiteral("s%1.us").arg(s).toStdString();
        double close = 40 + s;
        // Calendars differ: each stock skips some days.
        for (int d = 0; d < days; ++d) {
            if (rng.bounded(5) == 0)
                continue;
            x.times.push_back(day(d));
            x.closes.push_back(close);
            close *= 1 + (rng.generateDouble() - 0.5) * 0.08;
        }
        series.push_back(std::move(x));
    }
    return std::make_shared<const MarketData>(std::move(series));
}

BacktestSnapshot replay(const MarketData& data, const std::shared_ptr<const LogisticModel>& model, double costBps)
{
    PredictionPipeline pipeline(data.stockCount(), model);
    pipeline.plugStage(backtest(costBps));
    TickMerger merger(data);
    Tick tick{};
    while (merger.next(tick))
        pipeline.process(tick);
    pipeline.finish();
    return *backtestOf(snapshotOf(pipeline, {}));
}

} // namespace

class TestBacktestStage : public QObject {
    Q_OBJECT

private slots:
    void oneStock_data();
    void oneStock();
    void portfolioAcrossCalendars();
    void longShortIsTheNegationOfTheInverseModel();
    void eachStockAsIfAlone();
    void summaryBlock();
    void resetStartsOver();
    void stretchOfOneStock();
};

void TestBacktestStage::oneStock_data()
{
    QTest::addColumn<QList<double>>("closes");
    QTest::addColumn<QString>("calls");
    QTest::addColumn<double>("costBps");
    QTest::addColumn<Strategy>("strategy");
    QTest::addColumn<QList<double>>("nets");  // each resolved call's net return, by hand
    QTest::addColumn<int>("days");            // first call to last resolution
    QTest::addColumn<double>("maxDrawdown");
    QTest::addColumn<int>("trades");
    QTest::addColumn<double>("exposure");

    // Closes rise 25 % a day, exactly representable; the last call stays open.
    const QList<double> rise{100, 125, 156.25, 195.3125};
    QTest::newRow("steady rise, long/flat") << rise << "UUUU" << 0.0 << Strategy::LongFlat
                                            << QList<double>{0.25, 0.25, 0.25} << 3 << 0.0 << 1 << 1.0;
    // Held throughout: charged once, on the way in.
    QTest::newRow("steady rise, long/flat, 10 bps") << rise << "UUUU" << 10.0 << Strategy::LongFlat
                                                    << QList<double>{0.25 - 0.001, 0.25, 0.25} << 3 << 0.0 << 1 << 1.0;
    // Down calls on a rise: short all the way, down 20 % then a fifth of the rest twice.
    QTest::newRow("steady rise, long/short called down") << rise << "DDDD" << 0.0 << Strategy::LongShort
                                                         << QList<double>{-0.25, -0.25, -0.25} << 3
                                                         << 1 - 0.75 * 0.75 * 0.75 << 1 << 1.0;

    // Up 25 %, down 20 %, alternately.
    const QList<double> zigzag{100, 125, 100, 125, 100};
    // Every call right; each flip from long to short or back changes the position by 2.
    QTest::newRow("zigzag, long/short, 10 bps")
        << zigzag << "UDUDU" << 10.0 << Strategy::LongShort
        << QList<double>{0.25 - 0.001, 0.2 - 0.002, 0.25 - 0.002, 0.2 - 0.002} << 4 << 0.0 << 4 << 1.0;
    // Every call wrong: out for the rises, in for the falls.
    QTest::newRow("zigzag, long/flat, wrong") << zigzag << "DUDUD" << 0.0 << Strategy::LongFlat
                                              << QList<double>{0, -0.2, 0, -0.2} << 4 << 1 - 0.8 * 0.8 << 3 << 0.5;
    QTest::newRow("zigzag, long/flat, wrong, 10 bps")
        << zigzag << "DUDUD" << 10.0 << Strategy::LongFlat
        << QList<double>{0, -0.2 - 0.001, -0.001, -0.2 - 0.001} << 4 << 1 - 0.799 * 0.999 * 0.799 << 3 << 0.5;
    // README's worked example: up (right), down (right), up (right), the fourth open; 10 bps.
    const QList<double> readme{100, 104, 101.92, 102.9392};
    QTest::newRow("README, long/flat") << readme << "UDUU" << 10.0 << Strategy::LongFlat
                                       << QList<double>{0.039, -0.001, 0.009} << 3 << 1 - 0.999 << 3 << 2.0 / 3;
    QTest::newRow("README, long/short") << readme << "UDUU" << 10.0 << Strategy::LongShort
                                        << QList<double>{0.039, 0.018, 0.008} << 3 << 0.0 << 3 << 1.0;
    QTest::newRow("README, buy-and-hold") << readme << "UDUU" << 10.0 << Strategy::BuyAndHold
                                          << QList<double>{0.039, -0.02, 0.01} << 3 << 1 - 0.98 << 1 << 1.0;
    // Calls are ignored: long throughout.
    QTest::newRow("zigzag, buy-and-hold, 10 bps") << zigzag << "DUDUD" << 10.0 << Strategy::BuyAndHold
                                                  << QList<double>{0.25 - 0.001, -0.2, 0.25, -0.2} << 4
                                                  << 1 - 0.8 << 1 << 1.0;

    // Halves twice, then a 20 % bounce.
    const QList<double> crash{100, 50, 25, 30};
    QTest::newRow("crash, buy-and-hold, 5 bps") << crash << "DDDD" << 5.0 << Strategy::BuyAndHold
                                                << QList<double>{-0.5 - 0.0005, -0.5, 0.2} << 3
                                                << 1 - 0.4995 * 0.5 << 1 << 1.0;
    // Short through the crash: 1.5 × 1.5, then 20 % of it lost on the bounce.
    QTest::newRow("crash, long/short") << crash << "DDDD" << 0.0 << Strategy::LongShort
                                       << QList<double>{0.5, 0.5, -0.2} << 3 << 0.2 << 1 << 1.0;
    QTest::newRow("crash, long/flat, stays out") << crash << "DDDD" << 0.0 << Strategy::LongFlat
                                                 << QList<double>{0, 0, 0} << 3 << 0.0 << 0 << 0.0;

    // n == n1: no move, only the costs of getting in and out.
    QTest::newRow("ties, long/flat, 10 bps") << QList<double>{100, 100, 100} << "UDU" << 10.0 << Strategy::LongFlat
                                             << QList<double>{-0.001, -0.001} << 2 << 1 - 0.999 * 0.999 << 2 << 0.5;

    // One call: no deviation, so neither volatility nor Sharpe.
    QTest::newRow("single call") << QList<double>{100, 125} << "U-" << 0.0 << Strategy::LongFlat
                                 << QList<double>{0.25} << 1 << 0.0 << 1 << 1.0;
    // No call on day 1; the call of day 2 is still open at the end and not counted.
    QTest::newRow("call open at the end") << QList<double>{100, 80, 90} << "U-U" << 0.0 << Strategy::LongFlat
                                          << QList<double>{-0.2} << 1 << 0.2 << 1 << 1.0;
}

void TestBacktestStage::oneStock()
{
    QFETCH(QList<double>, closes);
    QFETCH(QString, calls);
    QFETCH(double, costBps);
    QFETCH(Strategy, strategy);
    QFETCH(QList<double>, nets);
    QFETCH(int, days);
    QFETCH(double, maxDrawdown);
    QFETCH(int, trades);
    QFETCH(double, exposure);

    Feed feed(1, costBps);
    feed.series(0, closes, calls);
    const BacktestSnapshot s = feed.snapshot();
    const BacktestFigures f = BacktestFigures::of(accountOf(s.stocks[0], strategy));
    const Expected e = expectedOf(nets, days);

    compare(f.totalReturn, e.totalReturn, "total_return");
    compare(f.cagr, e.cagr, "cagr");
    compare(f.volatility, e.volatility, "volatility");
    compare(f.sharpe, e.sharpe, "sharpe");
    compare(f.maxDrawdown, maxDrawdown, "max_drawdown");
    compare(f.exposure, exposure, "exposure");
    QCOMPARE(f.trades, std::size_t(trades));
    QCOMPARE(f.periods, std::size_t(nets.size()));
    // One stock alone: the portfolio is the stock.
    const BacktestFigures p = BacktestFigures::of(accountOf(s.portfolio, strategy));
    compare(p.totalReturn, e.totalReturn, "portfolio total_return");
    QCOMPARE(p.periods, std::size_t(nets.size()));
}

void TestBacktestStage::portfolioAcrossCalendars()
{
    // Stock 0 trades every day, stock 1 skips day 1; both called in time order.
    Feed feed(2, 10);
    feed.record(0, 0, 100, true);
    feed.record(1, 0, 100, false);
    feed.record(0, 1, 125, true);
    feed.record(0, 2, 100, true);
    feed.record(1, 2, 50, true);
    feed.record(0, 3, 125, true);
    feed.record(1, 3, 75, true);
    const BacktestSnapshot s = feed.snapshot();

    // Long/flat. Stock 0: in on day 0 (charged 0.001), +25 %, −20 %, +25 %.
    // Stock 1: out for its first call (no change, no charge), in on day 2: +50 % − 0.001.
    // Day 1: stock 0 alone; day 2: both, one of them flat; day 3: both.
    const QList<double> days{0.25 - 0.001, (-0.2 + 0.0) / 2, (0.25 + 0.5 - 0.001) / 2};
    const Expected e = expectedOf(days, 3);
    const BacktestFigures f = BacktestFigures::of(accountOf(s.portfolio, Strategy::LongFlat));
    compare(f.totalReturn, e.totalReturn, "total_return");
    compare(f.cagr, e.cagr, "cagr");
    compare(f.volatility, e.volatility, "volatility");
    compare(f.sharpe, e.sharpe, "sharpe");
    // Peak 1.249 after day 1, then 10 % off it.
    compare(f.maxDrawdown, 0.1, "max_drawdown");
    compare(f.exposure, 4.0 / 5, "exposure");
    QCOMPARE(f.trades, std::size_t(2));
    QCOMPARE(f.periods, std::size_t(3));

    // Buy-and-hold: both stocks in from their first call.
    const QList<double> held{0.25 - 0.001, (-0.2 - 0.5 - 0.001) / 2, (0.25 + 0.5) / 2};
    compare(BacktestFigures::of(accountOf(s.portfolio, Strategy::BuyAndHold)).totalReturn,
            expectedOf(held, 3).totalReturn, "buy_and_hold total_return");
    QCOMPARE(s.stocksWithCalls(), std::size_t(2));
    // Stock 0 tied with buy-and-hold; stock 1 skipped the fall.
    QCOMPARE(s.stocksBeatingBuyAndHold(), std::size_t(1));

    // The equity over time: one point a timestamp with a resolution, each
    // the long/flat days above compounded to it, the last one now's.
    QCOMPARE(s.portfolioOverTime.size(), std::size_t(3));
    double equity = 1;
    for (int d = 0; d < 3; ++d) {
        equity *= 1 + days[d];
        const DatedEquity& e = s.portfolioOverTime[static_cast<std::size_t>(d)];
        QCOMPARE(e.time, day(d + 1));
        compare(e.equity[static_cast<std::size_t>(Strategy::LongFlat)], equity, "equity over time");
    }
    for (std::size_t k = 0; k < kStrategies; ++k)
        QCOMPARE(s.portfolioOverTime.back().equity[k], s.portfolio[k].series.equity);
}

void TestBacktestStage::longShortIsTheNegationOfTheInverseModel()
{
    const auto data = randomWalks(6, 300, 19);
    const std::vector<double> weights{0.8, -1.3, 0.4, 2.1};
    const auto model = std::make_shared<const LogisticModel>(5, FeatureTransform::Relative, weights, 0.01);
    std::vector<double> negated;
    for (const double w : weights)
        negated.push_back(-w);
    const auto inverse = std::make_shared<const LogisticModel>(5, FeatureTransform::Relative, negated, -0.01);

    const BacktestSnapshot a = replay(*data, model, 0);
    const BacktestSnapshot b = replay(*data, inverse, 0);
    for (std::size_t stock = 0; stock < a.stocks.size(); ++stock) {
        const EquityAccount& x = accountOf(a.stocks[stock], Strategy::LongShort);
        const EquityAccount& y = accountOf(b.stocks[stock], Strategy::LongShort);
        QVERIFY(x.periods > 100);
        QCOMPARE(x.periods, y.periods);
        // Each call's return is the other's negated: so is their mean, their spread is the same.
        QVERIFY(std::abs(x.series.mean(x.periods) + y.series.mean(y.periods)) < 1e-15);
        QVERIFY(std::abs(x.series.squaredDeviations(x.periods) - y.series.squaredDeviations(y.periods)) < 1e-12);
        QVERIFY(x.series.equity != y.series.equity);
    }
    const EquityAccount& x = accountOf(a.portfolio, Strategy::LongShort);
    const EquityAccount& y = accountOf(b.portfolio, Strategy::LongShort);
    QCOMPARE(x.periods, y.periods);
    QVERIFY(std::abs(x.series.mean(x.periods) + y.series.mean(y.periods)) < 1e-15);
    // Buy-and-hold does not depend on the model.
    QCOMPARE(accountOf(a.portfolio, Strategy::BuyAndHold).series.equity,
             accountOf(b.portfolio, Strategy::BuyAndHold).series.equity);
}

void TestBacktestStage::eachStockAsIfAlone()
{
    // Enough calls that the accounts are brought up to date several times
    // during the stream, and once more for the snapshot.
    const auto data = randomWalks(8, 2500, 7);
    const auto model = std::make_shared<const LogisticModel>(5, FeatureTransform::Relative,
                                                             std::vector<double>{0.5, -0.9, 1.2, -0.3}, 0.02);
    const BacktestSnapshot all = replay(*data, model, 10);
    std::size_t calls = 0;
    for (std::size_t stock = 0; stock < data->stockCount(); ++stock) {
        const BacktestSnapshot alone = replay(MarketData({data->stock(stock)}), model, 10);
        for (const Strategy s : kAllStrategies) {
            const EquityAccount& x = accountOf(all.stocks[stock], s);
            const EquityAccount& y = accountOf(alone.stocks[0], s);
            QCOMPARE(x.series.equity, y.series.equity);
            QCOMPARE(x.series.maxDrawdown, y.series.maxDrawdown);
            QCOMPARE(x.series.shiftedSquares, y.series.shiftedSquares);
            QCOMPARE(x.periods, y.periods);
            QCOMPARE(x.trades, y.trades);
            QCOMPARE(x.exposedCalls, y.exposedCalls);
            QCOMPARE(x.start, y.start);
            QCOMPARE(x.end, y.end);
        }
        calls += accountOf(all.stocks[stock], Strategy::BuyAndHold).periods;
    }
    QVERIFY(calls > 3 * 4096);  // the stage settles its ledgers many times over
    QCOMPARE(accountOf(all.portfolio, Strategy::LongFlat).calls, calls);
}

void TestBacktestStage::summaryBlock()
{
    Feed feed(1, 7.5);
    feed.series(0, {100, 125, 100}, "UUU");
    QJsonObject summary;
    feed.snapshot().addToSummary(summary);
    const QJsonObject backtest = summary.value("backtest").toObject();
    QCOMPARE(backtest.value("cost_bps").toDouble(), 7.5);
    QCOMPARE(backtest.value("stocks").toInt(), 1);
    QCOMPARE(backtest.value("stocks_beating_buy_and_hold").toInt(), 0);
    const QJsonObject portfolio = backtest.value("portfolio").toObject();
    QCOMPARE(portfolio.keys(), (QStringList{"buy_and_hold", "long_flat", "long_short"}));
    const QJsonObject longFlat = portfolio.value("long_flat").toObject();
    QCOMPARE(longFlat.keys(), (QStringList{"cagr", "exposure", "max_drawdown", "periods", "sharpe", "total_return",
                                           "trades", "volatility"}));
    QCOMPARE(longFlat.value("total_return").toDouble(), (1 + 0.25 - 0.00075) * (1 - 0.2) - 1);
    QCOMPARE(longFlat.value("periods").toInt(), 2);
    QCOMPARE(longFlat.value("trades").toInt(), 1);
}

void TestBacktestStage::resetStartsOver()
{
    Windower windower(1);
    BacktestStage stage(1, 0);
    windower.push(0, 100);
    stage.process({0, day(0), 100}, windower, true);
    windower.push(0, 125);
    stage.process({0, day(1), 125}, windower, true);
    stage.reset();
    QCOMPARE(accountOf(stage.snapshot().portfolio, Strategy::LongFlat).periods, std::size_t(0));
    // The open call went with the pass: the next record resolves nothing.
    stage.process({0, day(0), 100}, windower, true);
    QCOMPARE(accountOf(stage.snapshot().stocks[0], Strategy::LongFlat).periods, std::size_t(0));
}

void TestBacktestStage::stretchOfOneStock()
{
    // Twelve closes, 100 and 125 by turns; the stretch from close 3 on,
    // called always up by a window of 5: calls on closes 7 to 11, the last open.
    StockSeries series;
    for (int d = 0; d < 12; ++d) {
        series.times.push_back(day(d));
        series.closes.push_back(d % 2 ? 125 : 100);
    }
    const auto alwaysUp = std::make_shared<const LogisticModel>(5, FeatureTransform::Relative,
                                                                std::vector<double>{0, 0, 0, 0}, 1);
    const BacktestSnapshot s = backtestStretch(series, 3, alwaysUp, 10);
    const EquityAccount& a = accountOf(s.stocks[0], Strategy::LongFlat);
    QCOMPARE(a.periods, std::size_t(4));
    QCOMPARE(a.start, day(7));
    QCOMPARE(a.end, day(11));
    // 125 → 100 → 125 → 100 → 125, in from the first call: 10 bps once.
    const Expected e = expectedOf({-0.2 - 0.001, 0.25, -0.2, 0.25}, 4);
    compare(BacktestFigures::of(a).totalReturn, e.totalReturn, "total_return");
    compare(BacktestFigures::of(a).sharpe, e.sharpe, "sharpe");
}

QTEST_MAIN(TestBacktestStage)
#include "tst_backteststage.moc"
