#include "core/model/ProgressiveEvaluator.h"

#include <QTest>

using namespace ss;

class TestProgressiveEvaluator : public QObject {
    Q_OBJECT
private slots:
    void handCheckedSeries();
    void stocksAreSeparate();
    void nothingToResolve();
};

// Three calls worked out by hand, including a tie (which is "not up").
void TestProgressiveEvaluator::handCheckedSeries()
{
    ProgressiveEvaluator e(1);
    // n1 = 10 after 9 (last move up); says up; next close 11: up. Right; last-move right.
    e.call(0, 1, 10, 9, true);
    auto o = e.resolve(0, 11);
    QVERIFY(o && o->actualUp && o->correct && o->callTime == 1);
    // n1 = 11 after 10; says down; next close 11: a tie, not up. Right; last-move (up) wrong.
    e.call(0, 2, 11, 10, false);
    o = e.resolve(0, 11);
    QVERIFY(o && !o->actualUp && o->correct);
    // n1 = 11 after 11 (no move: last-move says down); says up; next 10: down. Wrong; last-move right.
    e.call(0, 3, 11, 11, true);
    o = e.resolve(0, 10);
    QVERIFY(o && !o->actualUp && !o->correct);
    // A fourth call stays open.
    e.call(0, 4, 10, 11, false);

    const Tally& t = e.overall();
    QCOMPARE(t.windows, 4u);
    QCOMPARE(t.resolved, 3u);
    QCOMPARE(t.correct, 2u);
    QCOMPARE(t.actualUp, 1u);
    QCOMPARE(t.predictedUp, 2u);
    QCOMPARE(t.lastMoveCorrect, 2u);
    QCOMPARE(t.accuracy(), 2.0 / 3);
    QCOMPARE(t.alwaysUpAccuracy(), 1.0 / 3);
    QCOMPARE(t.alwaysDownAccuracy(), 2.0 / 3);
    QCOMPARE(t.lastMoveAccuracy(), 2.0 / 3);
    QCOMPARE(t.bestBaselineAccuracy(), 2.0 / 3);
    QCOMPARE(e.openCalls(), std::size_t(1));
}

void TestProgressiveEvaluator::stocksAreSeparate()
{
    ProgressiveEvaluator e(2);
    e.call(0, 1, 10, 9, true);
    QVERIFY(!e.resolve(1, 20));  // stock 1 has no open call
    QVERIFY(e.resolve(0, 12));
    QCOMPARE(e.stock(0).resolved, 1u);
    QCOMPARE(e.stock(1).resolved, 0u);
    QCOMPARE(e.overall().resolved, 1u);
}

void TestProgressiveEvaluator::nothingToResolve()
{
    ProgressiveEvaluator e(1);
    QVERIFY(!e.resolve(0, 1));
    QCOMPARE(e.overall().accuracy(), 0.0);  // no division by zero
    e.reset(3);
    QCOMPARE(e.stocks().size(), std::size_t(3));
}

QTEST_MAIN(TestProgressiveEvaluator)
#include "tst_progressiveevaluator.moc"
