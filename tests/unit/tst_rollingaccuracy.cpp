#include "core/online/RollingAccuracy.h"

#include <QTest>

using namespace ss;

class TestRollingAccuracy : public QObject {
    Q_OBJECT
private slots:
    void lastCallsOnly();
};

void TestRollingAccuracy::lastCallsOnly()
{
    RollingAccuracy r(4);
    QCOMPARE(r.accuracy(), 0.0);
    r.add(true);
    r.add(false);
    QCOMPARE(r.accuracy(), 0.5);  // 1 of 2 so far
    r.add(true);
    r.add(true);
    QCOMPARE(r.accuracy(), 0.75);  // T F T T
    r.add(false);
    QCOMPARE(r.accuracy(), 0.5);  // F T T F: the first call fell out
    r.add(false);
    r.add(false);
    r.add(false);
    QCOMPARE(r.accuracy(), 0.0);
    r.clear();
    r.add(true);
    QCOMPARE(r.accuracy(), 1.0);
    QCOMPARE(r.span(), std::size_t(4));
}

QTEST_MAIN(TestRollingAccuracy)
#include "tst_rollingaccuracy.moc"
