#include "core/system/ThinnedSeries.h"

#include <QTest>

#include <array>

using namespace ss;

namespace {

// A sample as the charts' timelines keep them: a date and a few lines' values.
struct Sample {
    double x;
    std::array<double, 4> values;
};

} // namespace

class TestThinnedSeries : public QObject {
    Q_OBJECT

private slots:
    void keepsEverythingUntilFull();
    void staysBoundedAndEvenlySpread_data();
    void staysBoundedAndEvenlySpread();
    void clearStartsOver();
};

void TestThinnedSeries::keepsEverythingUntilFull()
{
    ThinnedSeries<Sample> t(8);
    for (int i = 0; i < 8; ++i)
        t.add({double(i), {double(i), 0, 0, 0}});
    QCOMPARE(t.items().size(), std::size_t{8});
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(t.items()[i].x, double(i));
        QCOMPARE(t.items()[i].values[0], double(i));
    }
}

void TestThinnedSeries::staysBoundedAndEvenlySpread_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("samples");
    QTest::newRow("a little over") << 16 << 17;
    QTest::newRow("many times over") << 64 << 100000;
    QTest::newRow("tiny") << 2 << 1000;
}

void TestThinnedSeries::staysBoundedAndEvenlySpread()
{
    QFETCH(int, capacity);
    QFETCH(int, samples);
    ThinnedSeries<Sample> t(static_cast<std::size_t>(capacity));
    for (int i = 0; i < samples; ++i)
        t.add({double(i), {double(i), 1, 2, 3}});
    const std::vector<Sample>& kept = t.items();
    QVERIFY(kept.size() <= static_cast<std::size_t>(capacity));
    QVERIFY(kept.size() >= static_cast<std::size_t>(capacity) / 2);
    QCOMPARE(kept.front().x, 0.0);
    // Kept samples are equally far apart: every stride-th one.
    const double step = kept.size() > 1 ? kept[1].x - kept[0].x : 1;
    for (std::size_t i = 1; i < kept.size(); ++i) {
        QCOMPARE(kept[i].x - kept[i - 1].x, step);
        QCOMPARE(kept[i].values[0], kept[i].x);
    }
    QCOMPARE(kept.front().values[3], 3.0);
}

void TestThinnedSeries::clearStartsOver()
{
    ThinnedSeries<Sample> t(4);
    for (int i = 0; i < 100; ++i)
        t.add({double(i), {}});
    t.clear();
    QCOMPARE(t.items().size(), std::size_t{0});
    t.add({5, {}});
    t.add({6, {}});
    QCOMPARE(t.items().size(), std::size_t{2});
    QCOMPARE(t.items().back().x, 6.0);
}

QTEST_MAIN(TestThinnedSeries)
#include "tst_thinnedseries.moc"
