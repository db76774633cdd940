// The numbering of a live feed's stocks, and its bound.
#include "core/live/StockRegistry.h"

#include <QTest>

using namespace ss;

class TestStockRegistry : public QObject {
    Q_OBJECT
private slots:
    void numbersStocksAsTheyFirstAppear();
    void refusesStocksPastTheBound();
};

void TestStockRegistry::numbersStocksAsTheyFirstAppear()
{
    StockRegistry stocks;
    bool added = false;
    QCOMPARE(stocks.intern("b.us", added), std::optional<std::size_t>(0));
    QVERIFY(added);
    QCOMPARE(stocks.intern("a.us", added), std::optional<std::size_t>(1));
    QVERIFY(added);
    QCOMPARE(stocks.intern("a.us", added), std::optional<std::size_t>(1));
    QVERIFY(!added);
    QCOMPARE(stocks.intern("b.us", added), std::optional<std::size_t>(0));
    QVERIFY(!added);
    QCOMPARE(stocks.size(), std::size_t(2));
    QCOMPARE(stocks.name(0), std::string("b.us"));
    QCOMPARE(stocks.name(1), std::string("a.us"));
    QCOMPARE(stocks.name(2), std::string());
}

void TestStockRegistry::refusesStocksPastTheBound()
{
    StockRegistry stocks;
    bool added = false;
    for (std::size_t i = 0; i < StockRegistry::kMaxStocks; ++i)
        QVERIFY(stocks.intern(std::to_string(i), added).has_value());
    QVERIFY(!stocks.intern("one.more", added).has_value());
    QVERIFY(!added);
    // The stocks it knows still count.
    QCOMPARE(stocks.intern("42", added), std::optional<std::size_t>(42));
    QCOMPARE(stocks.size(), StockRegistry::kMaxStocks);
}

QTEST_MAIN(TestStockRegistry)
#include "tst_stockregistry.moc"
