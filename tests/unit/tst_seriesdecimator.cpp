#include "app/charts/SeriesDecimator.h"

#include <QTest>

#include <cmath>

using namespace ss;

class TestSeriesDecimator : public QObject {
    Q_OBJECT

private slots:
    void shortLinesPassWhole_data();
    void shortLinesPassWhole();
    void longLinesKeepTheirExtremes();
    void nothingToShow_data();
    void nothingToShow();
    void yRangeCountsOnlyVisiblePoints();
};

namespace {
std::vector<QPointF> line(int n)
{
    std::vector<QPointF> points;
    for (int i = 0; i < n; ++i)
        points.emplace_back(i, std::sin(i / 7.0));
    return points;
}
} // namespace

void TestSeriesDecimator::shortLinesPassWhole_data()
{
    QTest::addColumn<double>("xMin");
    QTest::addColumn<double>("xMax");
    QTest::addColumn<int>("firstX");
    QTest::addColumn<int>("lastX");
    // Points strictly inside, plus one beyond each edge when there is one.
    QTest::newRow("whole") << 0.0 << 99.0 << 0 << 99;
    QTest::newRow("middle") << 20.5 << 40.5 << 20 << 41;
    QTest::newRow("past the end") << 90.0 << 200.0 << 89 << 99;
}

void TestSeriesDecimator::shortLinesPassWhole()
{
    QFETCH(double, xMin);
    QFETCH(double, xMax);
    QFETCH(int, firstX);
    QFETCH(int, lastX);
    const auto points = line(100);
    const QList<QPointF> out = SeriesDecimator::decimate(points, xMin, xMax, 500);
    QCOMPARE(out.size(), lastX - firstX + 1);
    QCOMPARE(out.front().x(), double(firstX));
    QCOMPARE(out.back().x(), double(lastX));
}

void TestSeriesDecimator::longLinesKeepTheirExtremes()
{
    std::vector<QPointF> points;
    for (int i = 0; i < 100000; ++i)
        points.emplace_back(i, 1.0);
    points[31337].setY(50.0);
    points[77777].setY(-7.0);
    const int buckets = 400;
    const QList<QPointF> out = SeriesDecimator::decimate(points, 0, 100000, buckets);
    QVERIFY(out.size() <= 2 * buckets + 2);
    QVERIFY(out.size() >= buckets);
    for (qsizetype i = 1; i < out.size(); ++i)
        QVERIFY(out[i - 1].x() < out[i].x());
    const auto has = [&](QPointF p) { return std::find(out.begin(), out.end(), p) != out.end(); };
    QVERIFY(has(QPointF(31337, 50.0)));
    QVERIFY(has(QPointF(77777, -7.0)));
}

void TestSeriesDecimator::nothingToShow_data()
{
    QTest::addColumn<int>("points");
    QTest::addColumn<double>("xMin");
    QTest::addColumn<double>("xMax");
    QTest::newRow("no points") << 0 << 0.0 << 10.0;
    QTest::newRow("empty range") << 100 << 5.0 << 5.0;
    QTest::newRow("reversed range") << 100 << 50.0 << 10.0;
    QTest::newRow("NaN range") << 100 << std::nan("") << 10.0;
}

void TestSeriesDecimator::nothingToShow()
{
    QFETCH(int, points);
    QFETCH(double, xMin);
    QFETCH(double, xMax);
    QVERIFY(SeriesDecimator::decimate(line(points), xMin, xMax, 100).isEmpty());
}

void TestSeriesDecimator::yRangeCountsOnlyVisiblePoints()
{
    const QList<QPointF> points{{0, 100}, {1, 2}, {2, 5}, {3, -100}};
    double lo = 0;
    double hi = 0;
    QVERIFY(SeriesDecimator::yRange(points, 1, 2, lo, hi));
    QCOMPARE(lo, 2.0);
    QCOMPARE(hi, 5.0);
    QVERIFY(!SeriesDecimator::yRange(points, 10, 20, lo, hi));
}

QTEST_MAIN(TestSeriesDecimator)
#include "tst_seriesdecimator.moc"
