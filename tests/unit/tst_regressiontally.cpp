#include "core/online/RegressionTally.h"

#include <QTest>

#include <cmath>

using namespace ss;

class TestRegressionTally : public QObject {
    Q_OBJECT
private slots:
    void handCheckedSeries();
    void sumsOfParts();
    void empty();
};

// Three predictions of the next return, worked by hand.
void TestRegressionTally::handCheckedSeries()
{
    RegressionTally t;
    t.add(0.01, 0.02, true);    // error 0.01; said up, went up: right
    t.add(-0.02, -0.01, false); // error 0.01; said down, went down: right
    t.add(0.0, 0.01, true);     // error 0.01; 0 is not up, went up: wrong
    QCOMPARE(t.count, 3u);
    QVERIFY(std::abs(t.mae() - 0.01) < 1e-15);
    QVERIFY(std::abs(t.rmse() - 0.01) < 1e-15);
    QCOMPARE(t.directionalAccuracy(), 2.0 / 3);
    // Next price = last price: a predicted return of 0 each time.
    QVERIFY(std::abs(t.baselineMae() - 0.04 / 3) < 1e-15);
    QVERIFY(std::abs(t.baselineRmse() - std::sqrt(0.0006 / 3)) < 1e-15);
    QCOMPARE(t.baselineDirectionalAccuracy(), 1.0 / 3);
}

void TestRegressionTally::sumsOfParts()
{
    RegressionTally a, b, both;
    a.add(0.1, 0.3, true);
    both.add(0.1, 0.3, true);
    b.add(-0.2, 0.0, false);
    both.add(-0.2, 0.0, false);
    a += b;
    QCOMPARE(a.count, both.count);
    QCOMPARE(a.mae(), both.mae());
    QCOMPARE(a.rmse(), both.rmse());
    QCOMPARE(a.directionalAccuracy(), both.directionalAccuracy());
    QCOMPARE(a.baselineRmse(), both.baselineRmse());
    QCOMPARE(a.mae(), (0.2 + 0.2) / 2);
}

void TestRegressionTally::empty()
{
    const RegressionTally t;
    QCOMPARE(t.mae(), 0.0);
    QCOMPARE(t.rmse(), 0.0);
    QCOMPARE(t.directionalAccuracy(), 0.0);
    QCOMPARE(t.baselineDirectionalAccuracy(), 0.0);
}

QTEST_MAIN(TestRegressionTally)
#include "tst_regressiontally.moc"
