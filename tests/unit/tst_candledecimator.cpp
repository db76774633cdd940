// Candles merged to fit a plot: nothing lost of the range they cover.
#include "app/charts/CandleDecimator.h"

#include <QTest>

using namespace ss;

namespace {

// Day d: opens at d, closes at d + 0.5, ranges d - 1 .. d + 2, except a
// spike on day 37, and trades d + 1 shares.
std::vector<Candle> days(int n)
{
    std::vector<Candle> c;
    for (int d = 0; d < n; ++d)
        c.push_back({Timestamp{d} * timestamp::kSecondsPerDay, double(d), d == 37 ? 1000.0 : d + 2.0, d - 1.0, d + 0.5,
                     d + 1.0});
    return c;
}

} // namespace

class TestCandleDecimator : public QObject {
    Q_OBJECT
private slots:
    void keepsFewDaysAsTheyAre();
    void mergesManyDaysKeepingTheirExtremes();
    void onlyTheRangeCounts();
};

void TestCandleDecimator::keepsFewDaysAsTheyAre()
{
    const auto c = days(10);
    const auto out = CandleDecimator::decimate(c, 0, 9 * timestamp::kSecondsPerDay, 10);
    QCOMPARE(out.size(), std::size_t{10});
    QCOMPARE(out[3].open, 3.0);
}

void TestCandleDecimator::mergesManyDaysKeepingTheirExtremes()
{
    const auto c = days(100);
    const Timestamp last = 99 * timestamp::kSecondsPerDay;
    const auto out = CandleDecimator::decimate(c, 0, last, 10);
    QCOMPARE(out.size(), std::size_t{10});
    // Ten days a bucket: the first's open and time, the last's close, the
    // extremes, the volumes summed.
    for (std::size_t b = 0; b < out.size(); ++b) {
        const double first = 10.0 * static_cast<double>(b);
        QCOMPARE(out[b].time, static_cast<Timestamp>(first) * timestamp::kSecondsPerDay);
        QCOMPARE(out[b].open, first);
        QCOMPARE(out[b].close, first + 9.5);
        QCOMPARE(out[b].low, first - 1);
        QCOMPARE(out[b].high, b == 3 ? 1000.0 : first + 11);
        QCOMPARE(out[b].volume, 10 * first + 55);  // (first + 1) + ... + (first + 10)
    }
}

void TestCandleDecimator::onlyTheRangeCounts()
{
    const auto c = days(100);
    const auto out = CandleDecimator::decimate(c, 20 * timestamp::kSecondsPerDay, 29 * timestamp::kSecondsPerDay, 50);
    QCOMPARE(out.size(), std::size_t{10});
    QCOMPARE(out.front().open, 20.0);
    QCOMPARE(out.back().close, 29.5);
    QVERIFY(CandleDecimator::decimate(c, 500 * timestamp::kSecondsPerDay, 600 * timestamp::kSecondsPerDay, 50).empty());
    QVERIFY(CandleDecimator::decimate(c, 30 * timestamp::kSecondsPerDay, 20 * timestamp::kSecondsPerDay, 50).empty());
}

QTEST_MAIN(TestCandleDecimator)
#include "tst_candledecimator.moc"
