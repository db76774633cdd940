#include "RandomMarket.h"
#include "core/stream/TickMerger.h"

#include <QTest>

#include <algorithm>
#include <tuple>

using namespace ss;

class TestTickMerger : public QObject {
    Q_OBJECT
private slots:
    void ordersByTimeThenName_data();
    void ordersByTimeThenName();
    void tiesFollowByteOrder();
    void rewindAndPeek();
    void emptyData();
};

namespace {

using Key = std::tuple<Timestamp, std::string, double>;

std::vector<Key> bruteForce(const MarketData& m)
{
    std::vector<Key> all;
    for (const auto& s : m.stocks())
        for (std::size_t i = 0; i < s.size(); ++i)
            all.emplace_back(s.times[i], s.name, s.closes[i]);
    std::sort(all.begin(), all.end());
    return all;
}

std::vector<Key> merged(const MarketData& m, std::size_t stretchRecords = TickMerger::kStretchRecords)
{
    TickMerger merger(m, stretchRecords);
    std::vector<Key> out;
    Tick t{};
    while (merger.next(t))
        out.emplace_back(t.time, m.stock(t.stock).name, t.close);
    return out;
}

} // namespace

void TestTickMerger::ordersByTimeThenName_data()
{
    QTest::addColumn<int>("stocks");
    QTest::addColumn<int>("maxRecords");
    QTest::addColumn<int>("gapOdds");
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("stretch");  // records laid out at once; 0: the default
    QTest::newRow("few stocks, many gaps") << 5 << 300 << 3 << 1u << 0;
    QTest::newRow("many stocks, daily") << 400 << 200 << 50 << 2u << 0;
    QTest::newRow("many stocks, ragged") << 300 << 100 << 4 << 3u << 0;
    QTest::newRow("one stock") << 1 << 500 << 5 << 4u << 0;
    // Stretches shorter than a timestamp's records, and a few timestamps long.
    QTest::newRow("daily, one record a stretch") << 40 << 200 << 50 << 5u << 1;
    QTest::newRow("daily, short stretches") << 400 << 200 << 50 << 6u << 1000;
    QTest::newRow("ragged, short stretches") << 300 << 100 << 4 << 7u << 37;
    QTest::newRow("one stock, short stretches") << 1 << 500 << 5 << 8u << 16;
}

void TestTickMerger::ordersByTimeThenName()
{
    QFETCH(int, stocks);
    QFETCH(int, maxRecords);
    QFETCH(int, gapOdds);
    QFETCH(quint32, seed);
    QFETCH(int, stretch);
    const MarketData m = randomMarket(stocks, maxRecords, gapOdds, seed);
    const auto expected = bruteForce(m);
    const auto actual = stretch ? merged(m, static_cast<std::size_t>(stretch)) : merged(m);
    QCOMPARE(actual.size(), expected.size());
    QVERIFY(actual == expected);
}

void TestTickMerger::tiesFollowByteOrder()
{
    std::vector<StockSeries> s;
    for (const char* name : {"agm_a.us", "agm.us", "agm-a.us", "AGM.us"})
        s.push_back({name, {100, 200}, {1, 2}});
    const MarketData m(std::move(s));
    const auto out = merged(m);
    QCOMPARE(out.size(), std::size_t(8));
    const std::vector<std::string> order{"AGM.us", "agm-a.us", "agm.us", "agm_a.us"};
    for (std::size_t i = 0; i < 4; ++i) {
        QCOMPARE(std::get<1>(out[i]), order[i]);
        QCOMPARE(std::get<1>(out[i + 4]), order[i]);
    }
}

void TestTickMerger::rewindAndPeek()
{
    const MarketData m = randomMarket(20, 50, 5, 7);
    TickMerger merger(m, 9);  // peeks across stretches too
    Tick t{};
    Timestamp peek = 0;
    for (int i = 0; i < 100; ++i) {
        QVERIFY(merger.peekTime(peek));
        QVERIFY(merger.next(t));
        QCOMPARE(t.time, peek);
    }
    merger.rewind();
    QCOMPARE(merger.emitted(), std::size_t(0));
    std::size_t n = 0;
    while (merger.next(t))
        ++n;
    QCOMPARE(n, m.recordCount());
    QVERIFY(!merger.peekTime(peek));
}

void TestTickMerger::emptyData()
{
    const MarketData m;
    TickMerger merger(m);
    Tick t{};
    QVERIFY(!merger.next(t));
}

QTEST_MAIN(TestTickMerger)
#include "tst_tickmerger.moc"
