#include "RandomMarket.h"
#include "core/data/StreamTimeline.h"

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

void TestStreamTimeline::matchesEveryRecordCounted_data()
{
    QTest::addColumn<int>("stocks");
    QTest::addColumn<int>("maxRecords");
    QTest::addColumn<int>("gapOdds");
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("spread");
    QTest::addColumn<bool>("daily");  // whole days only: the timeline counts days
    QTest::addColumn<int>("year");
    QTest::newRow("one stock") << 1 << 3000 << 5 << 1u << 1 << false << 2000;
    QTest::newRow("many stocks, same start") << 300 << 400 << 10 << 2u << 1 << false << 2000;
    QTest::newRow("many stocks, spread starts") << 500 << 300 << 10 << 3u << 5000 << false << 2000;
    QTest::newRow("more new times than known") << 2000 << 50 << 3 << 4u << 20000 << false << 2000;
    QTest::newRow("daily, one stock") << 1 << 3000 << 5 << 5u << 1 << true << 2000;
    QTest::newRow("daily, spread starts, gaps") << 500 << 300 << 4 << 6u << 5000 << true << 2000;
    QTest::newRow("daily, before 1970") << 200 << 300 << 6 << 7u << 3000 << true << 1962;
    QTest::newRow("daily, sparse over decades") << 20 << 30 << 2 << 8u << 20000 << true << 1950;
}

void TestStreamTimeline::matchesEveryRecordCounted()
{
    QFETCH(int, stocks);
    QFETCH(int, maxRecords);
    QFETCH(int, gapOdds);
    QFETCH(quint32, seed);
    QFETCH(int, spread);
    QFETCH(bool, daily);
    QFETCH(int, year);
    const MarketData m = randomMarket(stocks, maxRecords, gapOdds, seed, spread, daily, year);
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
    const MarketData m = randomMarket(50, 200, 10, 5, 300);
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
