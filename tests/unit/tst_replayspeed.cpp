#include "app/session/ReplaySpeed.h"

#include <QTest>

using namespace ss;

class TestReplaySpeed : public QObject {
    Q_OBJECT

private slots:
    void notchesGoFromSlowToMax();
    void outOfRangeNotchesClamp_data();
    void outOfRangeNotchesClamp();
};

void TestReplaySpeed::notchesGoFromSlowToMax()
{
    const int last = ReplaySpeed::notchCount() - 1;
    QVERIFY(ReplaySpeed::defaultNotch() > 0 && ReplaySpeed::defaultNotch() < last);
    const Pace slowest = ReplaySpeed::pace(0);
    QCOMPARE(slowest.unit, Pace::Unit::Timestamps);
    QVERIFY(slowest.rate > 0 && slowest.rate <= 5);
    for (int n = 1; n < last; ++n) {
        QCOMPARE(ReplaySpeed::pace(n).unit, Pace::Unit::Timestamps);
        QVERIFY(ReplaySpeed::pace(n).rate > ReplaySpeed::pace(n - 1).rate);
    }
    QVERIFY(ReplaySpeed::pace(last).unlimited());
    QCOMPARE(ReplaySpeed::label(last), QStringLiteral("max"));
    QVERIFY(ReplaySpeed::label(0).endsWith(QStringLiteral("days/s")));
}

void TestReplaySpeed::outOfRangeNotchesClamp_data()
{
    QTest::addColumn<int>("notch");
    QTest::addColumn<int>("same");
    QTest::newRow("below") << -5 << 0;
    QTest::newRow("above") << 1000 << ReplaySpeed::notchCount() - 1;
}

void TestReplaySpeed::outOfRangeNotchesClamp()
{
    QFETCH(int, notch);
    QFETCH(int, same);
    QCOMPARE(ReplaySpeed::pace(notch).rate, ReplaySpeed::pace(same).rate);
    QCOMPARE(ReplaySpeed::label(notch), ReplaySpeed::label(same));
}

QTEST_MAIN(TestReplaySpeed)
#include "tst_replayspeed.moc"
