// The training dialog's verdict on hand-made hold-out calls: every branch,
// which baseline it names, and the words it uses.
#include "app/panels/HoldOutVerdict.h"
#include "core/model/ClassificationMetrics.h"

#include <QTest>

#include <cmath>

using namespace ss;

namespace {

// n calls; the first `ups` went up; the model is right on the first
// `modelRight`, same-as-last-move on the first `lastMoveRight`.
ClassificationMetrics calls(int n, int ups, int modelRight, int lastMoveRight)
{
    std::vector<ClassificationMetrics::Call> calls;
    for (int i = 0; i < n; ++i) {
        const bool up = i < ups;
        const bool calledUp = i < modelRight ? up : !up;
        calls.push_back({calledUp ? 1.0 : -1.0, up, i < lastMoveRight ? up : !up});
    }
    return ClassificationMetrics::fromCalls(std::move(calls));
}

// The lower end of the Wilson score interval at 95 %, worked out here.
double wilsonLow(double right, double n)
{
    const double z = 1.959963984540054;
    const double p = right / n;
    const double centre = p + z * z / (2 * n);
    const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    return (centre - half) / (1 + z * z / n);
}

} // namespace

class TestHoldOutVerdict : public QObject {
    Q_OBJECT
private slots:
    void judges_data();
    void judges();
};

void TestHoldOutVerdict::judges_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("ups");
    QTest::addColumn<int>("modelRight");
    QTest::addColumn<int>("lastMoveRight");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("best");
    QTest::addColumn<QString>("words");
    // always-up 60 %, always-down 40 %, last move 50 %; the model 55 %.
    QTest::newRow("behind always-up") << 100 << 60 << 55 << 50 << int(HoldOutVerdict::NotBetter)
                                      << int(HoldOutVerdict::AlwaysUp) << "<b>Not better than a naive baseline.</b>";
    // always-down 60 %, the model 60 % too: a tie is no lead.
    QTest::newRow("level with always-down") << 100 << 40 << 60 << 50 << int(HoldOutVerdict::NotBetter)
                                            << int(HoldOutVerdict::AlwaysDown) << "<b>Not better than a naive baseline.</b>";
    // last move 53 %, the model 56 % of 100: its interval reaches down to about 46 %.
    QTest::newRow("ahead of last move by chance") << 100 << 50 << 56 << 53 << int(HoldOutVerdict::NotClearlyBetter)
                                                  << int(HoldOutVerdict::LastMove)
                                                  << "<b>Not clearly better than a naive baseline.</b>";
    // always-up 55 %, the model 70 % of 1,000: its interval starts near 67 %.
    QTest::newRow("clearly ahead") << 1000 << 550 << 700 << 500 << int(HoldOutVerdict::Better)
                                   << int(HoldOutVerdict::AlwaysUp) << "<b>Better than all three naive baselines.</b>";
    // always-down 54 %, the model 56 % of 10,000: its interval starts near 55 %.
    QTest::newRow("two points ahead of always-down on many days")
        << 10000 << 4600 << 5600 << 5000 << int(HoldOutVerdict::Better) << int(HoldOutVerdict::AlwaysDown)
        << "<b>Better than all three naive baselines.</b>";
    // All three baselines at 50 %: the first, always-up, is named.
    QTest::newRow("baselines tie") << 100 << 50 << 40 << 50 << int(HoldOutVerdict::NotBetter)
                                   << int(HoldOutVerdict::AlwaysUp) << "<b>Not better than a naive baseline.</b>";
}

void TestHoldOutVerdict::judges()
{
    QFETCH(int, n);
    QFETCH(int, ups);
    QFETCH(int, modelRight);
    QFETCH(int, lastMoveRight);
    QFETCH(int, kind);
    QFETCH(int, best);
    QFETCH(QString, words);
    const double baselines[] = {double(ups) / n, double(n - ups) / n, double(lastMoveRight) / n};
    const double bestAccuracy = baselines[best];
    for (double b : baselines)
        QVERIFY(b <= bestAccuracy);
    // The row says what it claims: the model's lead, and where its interval starts.
    const double accuracy = double(modelRight) / n;
    switch (kind) {
    case HoldOutVerdict::NotBetter: QVERIFY(accuracy <= bestAccuracy); break;
    case HoldOutVerdict::NotClearlyBetter:
        QVERIFY(accuracy > bestAccuracy && wilsonLow(modelRight, n) <= bestAccuracy);
        break;
    default: QVERIFY(wilsonLow(modelRight, n) > bestAccuracy); break;
    }

    const ClassificationMetrics holdOut = calls(n, ups, modelRight, lastMoveRight);
    const HoldOutVerdict v = HoldOutVerdict::of(holdOut);
    QCOMPARE(int(v.kind), kind);
    QCOMPARE(int(v.best), best);
    QCOMPARE(v.bestAccuracy, bestAccuracy);
    QCOMPARE(v.accuracy, accuracy);
    QCOMPARE(v.examples, std::size_t(n));
    const QString text = v.text();
    QVERIFY2(text.startsWith(words), qPrintable(text));
    QVERIFY2(text.contains(HoldOutVerdict::baselineName(static_cast<HoldOutVerdict::Baseline>(best))), qPrintable(text));
    QVERIFY2(text.contains(QLocale().toString(n)), qPrintable(text));

    // A model file's record of the same hold-out gets the same verdict.
    const auto fromFile = HoldOutVerdict::fromJson(holdOut.toJson());
    QVERIFY(fromFile);
    QCOMPARE(int(fromFile->kind), kind);
    QCOMPARE(int(fromFile->best), best);
    QCOMPARE(fromFile->accuracy, accuracy);
    QCOMPARE(fromFile->examples, std::size_t(n));
    QCOMPARE(fromFile->text(), text);
}

QTEST_MAIN(TestHoldOutVerdict)
#include "tst_holdoutverdict.moc"
