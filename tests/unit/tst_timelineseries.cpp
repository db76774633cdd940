#include "app/charts/TimelineSeries.h"

#include <QTest>

using namespace ss;

class TestTimelineSeries : public QObject {
    Q_OBJECT

private slots:
    void keepsEverythingUntilFull();
    void staysBoundedAndEvenlySpread_data();
    void staysBoundedAndEvenlySpread();
    void clearStartsOver();
};

void TestTimelineSeries::keepsEverythingUntilFull()
{
    TimelineSeries t(8);
    for (int i = 0; i < 8; ++i)
        t.add(i, {double(i), 0, 0, 0});
    QCOMPARE(t.size(), std::size_t{8});
    const QList<QPointF> first = t.line(0);
    for (int i = 0; i < 8; ++i)
        QCOMPARE(first[i], QPointF(i, i));
}

void TestTimelineSeries::staysBoundedAndEvenlySpread_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("samples");
    QTest::newRow("a little over") << 16 << 17;
    QTest::newRow("many times over") << 64 << 100000;
    QTest::newRow("tiny") << 2 << 1000;
}

void TestTimelineSeries::staysBoundedAndEvenlySpread()
{
    QFETCH(int, capacity);
    QFETCH(int, samples);
    TimelineSeries t(static_cast<std::size_t>(capacity));
    for (int i = 0; i < samples; ++i)
        t.add(i, {double(i), 1, 2, 3});
    QVERIFY(t.size() <= static_cast<std::size_t>(capacity));
    QVERIFY(t.size() >= static_cast<std::size_t>(capacity) / 2);
    const QList<QPointF> points = t.line(0);
    QCOMPARE(points.front().x(), 0.0);
    // Kept samples are equally far apart: every stride-th one.
    const double step = points.size() > 1 ? points[1].x() - points[0].x() : 1;
    for (qsizetype i = 1; i < points.size(); ++i) {
        QCOMPARE(points[i].x() - points[i - 1].x(), step);
        QCOMPARE(points[i].y(), points[i].x());
    }
    QCOMPARE(t.line(3).front().y(), 3.0);
}

void TestTimelineSeries::clearStartsOver()
{
    TimelineSeries t(4);
    for (int i = 0; i < 100; ++i)
        t.add(i, {});
    t.clear();
    QCOMPARE(t.size(), std::size_t{0});
    t.add(5, {});
    t.add(6, {});
    QCOMPARE(t.size(), std::size_t{2});
    QCOMPARE(t.lastX(), 6.0);
}

QTEST_MAIN(TestTimelineSeries)
#include "tst_timelineseries.moc"
