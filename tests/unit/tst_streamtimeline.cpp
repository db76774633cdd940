#include "core/data/StreamTimeline.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <map>

using namespace ss;

class TestStreamTimeline : public QObject {
    Q_OBJECT
private slots:
    void matchesEveryRecordCounted_data();
    void matchesEveryRecordCounted();
    void stretches();
    void emptyData();
};

namespace {

// Stocks over overlapping stretches of days, with gaps and, for some,
// seconds apart: times most stocks share and times one stock alone has.
MarketData randomMarket(int stocks, int maxRecords, int spread, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<StockSeries> series;
    for (int s = 0; s < stocks; ++s) {
        StockSeries x;
        x.name = QStringLiteral("s%1").arg(s).toStdString();
        Timestamp t = timestamp::fromCivil(1990, 1, 1) + rng.bounded(spread) * timestamp::kSecondsPerDay;
        for (int i = rng.bounded(1, maxRecords); i > 0; --i) {
            x.times.push_back(t);
            x.closes.push_back(1.0);
            const int r = rng.bounded(10);
            t += r == 0 ? rng.bounded(2, 400) * timestamp::kSecondsPerDay : r == 1 ? rng.bounded(1, 60) : timestamp::kSecondsPerDay;
        }
        series.push_back(std::move(x));
    }
    return MarketData(std::move(series));
}

} // namespace

void TestStreamTimeline::matchesEveryRecordCounted_data()
{
    QTest::addColumn<int>("stocks");
    QTest::addColumn<int>("maxRecords");
    QTest::addColumn<int>("spread");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("one stock") << 1 << 3000 << 1 << 1u;
    QTest::newRow("many stocks, same start") << 300 << 400 << 1 << 2u;
    QTest::newRow("many stocks, spread starts") << 500 << 300 << 5000 << 3u;
    QTest::newRow("more new times than known") << 2000 << 50 << 20000 << 4u;
}

void TestStreamTimeline::matchesEveryRecordCounted()
{
    QFETCH(int, stocks);
    QFETCH(int, maxRecords);
    QFETCH(int, spread);
    QFETCH(quint32, seed);
    const MarketData m = randomMarket(stocks, maxRecords, spread, seed);
    std::map<Timestamp, std::size_t> counts;
    for (const auto& s : m.stocks())
        for (const Timestamp t : s.times)
            ++counts[t];

    const StreamTimeline timeline(m);
    QCOMPARE(timeline.size(), counts.size());
    QCOMPARE(timeline.records(), m.recordCount());
    std::size_t run = 0, before = 0;
    for (const auto& [time, count] : counts) {
        QCOMPARE(timeline.time(run), time);
        QCOMPARE(timeline.start(run), before);
        QCOMPARE(timeline.recordsBefore(time), before);
        QCOMPARE(timeline.recordsBefore(time + 1), before + count);
        before += count;
        ++run;
    }
    QCOMPARE(timeline.start(run), before);
    QCOMPARE(timeline.recordsBefore(m.firstTime() - 1), std::size_t(0));
    QCOMPARE(timeline.recordsBefore(m.lastTime() + 1), m.recordCount());
}

void TestStreamTimeline::stretches()
{
    const MarketData m = randomMarket(50, 200, 300, 5);
    const StreamTimeline timeline(m);
    for (const std::size_t records : {std::size_t(1), std::size_t(17), std::size_t(500), m.recordCount() * 2}) {
        std::size_t from = 0, stretches = 0;
        while (from < timeline.size()) {
            const std::size_t to = timeline.runAfter(from, records);
            QVERIFY(to > from);
            // As short as it can be: one timestamp fewer would fall short.
            QVERIFY(to == timeline.size() || timeline.start(to) - timeline.start(from) >= records);
            QVERIFY(timeline.start(to - 1) - timeline.start(from) < records);
            from = to;
            ++stretches;
        }
        QVERIFY(stretches >= 1);
    }
}

void TestStreamTimeline::emptyData()
{
    const StreamTimeline timeline{MarketData{}};
    QCOMPARE(timeline.size(), std::size_t(0));
    QCOMPARE(timeline.records(), std::size_t(0));
    QCOMPARE(timeline.recordsBefore(0), std::size_t(0));
    QCOMPARE(timeline.runAfter(0, 10), std::size_t(0));
}

QTEST_GUILESS_MAIN(TestStreamTimeline)
#include "tst_streamtimeline.moc"
