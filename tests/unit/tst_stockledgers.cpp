#include "core/backtest/StockLedgers.h"

#include <QRandomGenerator>
#include <QTest>

using namespace ss;

namespace {

// Calls of `stocks` stocks in stream order: a stock's first call and the
// trades after it as they follow from its directions.
struct Call {
    std::size_t stock;
    std::uint8_t trade;
    double move;
};

std::vector<Call> randomCalls(std::size_t stocks, std::size_t count, quint64 seed)
{
    QRandomGenerator rng(seed);
    std::vector<TradeTable::Before> before(stocks, TradeTable::Before::None);
    std::vector<Call> calls;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t stock = rng.bounded(static_cast<quint32>(stocks));
        const bool up = rng.bounded(2) == 1;
        calls.push_back({stock, TradeTable::trade(before[stock], up), (rng.generateDouble() - 0.5) * 0.2});
        before[stock] = up ? TradeTable::Before::Up : TradeTable::Before::Down;
    }
    return calls;
}

void compare(const StockLedger& x, const StockLedger& y)
{
    QCOMPARE(x.calls, y.calls);
    QCOMPARE(x.upCalls, y.upCalls);
    QCOMPARE(x.turns, y.turns);
    QCOMPARE(x.firstUp, y.firstUp);
    for (std::size_t s = 0; s < kStrategies; ++s) {
        const ReturnSeries a = x.strategies[s].series();
        const ReturnSeries b = y.strategies[s].series();
        QCOMPARE(a.equity, b.equity);
        QCOMPARE(a.peak, b.peak);
        QCOMPARE(a.maxDrawdown, b.maxDrawdown);
        QCOMPARE(a.shiftedSum, b.shiftedSum);
        QCOMPARE(a.shiftedSquares, b.shiftedSquares);
        QCOMPARE(a.shift, b.shift);
    }
}

} // namespace

class TestStockLedgers : public QObject {
    Q_OBJECT

private slots:
    void strategyLedgerIsReturnSeries_data();
    void strategyLedgerIsReturnSeries();
    void stocksEachInTheirOrder();
    void rowsWidenForNewStocks();
};

void TestStockLedgers::strategyLedgerIsReturnSeries_data()
{
    QTest::addColumn<QList<double>>("nets");
    QTest::newRow("steady rise") << QList<double>{0.25, 0.25, 0.25};
    QTest::newRow("down, back up, down further") << QList<double>{-0.2, 0.1, 0.2, -0.5, 0.05};
    QTest::newRow("flat, then a fall") << QList<double>{0, 0, -0.001, 0, -0.3};
    // A short against a price that more than doubled: equity below zero, and back.
    QTest::newRow("wiped out") << QList<double>{0.1, -1.5, -0.5, 2.0, 0.3};
    QList<double> walk;
    QRandomGenerator rng(11);
    for (int i = 0; i < 500; ++i)
        walk << (rng.generateDouble() - 0.48) * 0.1;
    QTest::newRow("random walk") << walk;
}

void TestStockLedgers::strategyLedgerIsReturnSeries()
{
    // The drawdown kept as a high and the low since must give the double
    // that dividing on every period gives.
    QFETCH(QList<double>, nets);
    ReturnSeries expected;
    StrategyLedger ledger;
    ledger.shift = nets.first();
    for (qsizetype i = 0; i < nets.size(); ++i) {
        expected.add(nets[i], i == 0);
        if (ledger.add(nets[i]))
            ledger.closeStretch();
    }
    const ReturnSeries actual = ledger.series();
    QCOMPARE(actual.equity, expected.equity);
    QCOMPARE(actual.peak, expected.peak);
    QCOMPARE(actual.maxDrawdown, expected.maxDrawdown);
    QCOMPARE(actual.shiftedSum, expected.shiftedSum);
    QCOMPARE(actual.shiftedSquares, expected.shiftedSquares);
    QCOMPARE(actual.shift, expected.shift);
}

void TestStockLedgers::stocksEachInTheirOrder()
{
    // Several sweeps' worth of calls of a few stocks: each stock's ledger
    // is its calls added one by one, whatever the stocks between them.
    const TradeTable table(0.001);
    const std::vector<Call> calls = randomCalls(5, 40 * StockLedgers::kSlots, 3);
    StockLedgers ledgers(5, table);
    std::vector<StockLedger> expected(5);
    for (const Call& c : calls) {
        ledgers.add(c.stock, c.trade, c.move);
        StockLedger& e = expected[c.stock];
        if (e.calls == 0) {
            e.firstUp = TradeTable::up(c.trade);
            for (std::size_t s = 0; s < kStrategies; ++s)
                e.strategies[s].shift = table.net(c.trade, s, c.move);
        }
        ++e.calls;
        e.upCalls += TradeTable::up(c.trade);
        e.turns += TradeTable::turned(c.trade);
        for (std::size_t s = 0; s < kStrategies; ++s)
            if (e.strategies[s].add(table.net(c.trade, s, c.move)))
                e.strategies[s].closeStretch();
    }
    const std::vector<StockLedger> actual = ledgers.current();
    QCOMPARE(actual.size(), std::size_t(5));
    for (std::size_t stock = 0; stock < 5; ++stock)
        compare(actual[stock], expected[stock]);
}

void TestStockLedgers::rowsWidenForNewStocks()
{
    // Stocks learnt mid-stream (a live feed) widen the rows of slots while
    // calls wait in them: nothing is lost or moved to another stock.
    const TradeTable table(0.0005);
    const std::vector<Call> calls = randomCalls(7, 30 * StockLedgers::kSlots, 5);
    StockLedgers known(7, table);
    StockLedgers learnt(0, table);
    std::size_t stocks = 0;
    for (const Call& c : calls) {
        for (; stocks <= c.stock; ++stocks)
            learnt.addStock();
        known.add(c.stock, c.trade, c.move);
        learnt.add(c.stock, c.trade, c.move);
    }
    QCOMPARE(stocks, std::size_t(7));
    const std::vector<StockLedger> x = known.current();
    const std::vector<StockLedger> y = learnt.current();
    for (std::size_t stock = 0; stock < 7; ++stock)
        compare(x[stock], y[stock]);
}

QTEST_MAIN(TestStockLedgers)
#include "tst_stockledgers.moc"
