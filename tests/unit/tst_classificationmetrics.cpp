#include "core/model/ClassificationMetrics.h"

#include <QJsonArray>
#include <QTest>

#include <cmath>

using namespace ss;

using Call = ClassificationMetrics::Call;

namespace {

// The AUC's definition, over every (up, down) pair: 1 when the up example
// scores higher, 1/2 on a tie.
double pairwiseAuc(const std::vector<Call>& calls)
{
    double wins = 0;
    double pairs = 0;
    for (const Call& up : calls) {
        if (!up.actualUp)
            continue;
        for (const Call& down : calls) {
            if (down.actualUp)
                continue;
            pairs += 1;
            wins += up.margin > down.margin ? 1.0 : up.margin == down.margin ? 0.5 : 0.0;
        }
    }
    return wins / pairs;
}

} // namespace

class TestClassificationMetrics : public QObject {
    Q_OBJECT
private slots:
    void countsAndRates();
    void rocAucHandlesTies_data();
    void rocAucHandlesTies();
    void wilsonInterval_data();
    void wilsonInterval();
    void probabilityScores();
    void undefinedFiguresAreNull_data();
    void undefinedFiguresAreNull();
    void rocCurveByHand();
    void rocCurveIsThinned();
    void calibrationBinsByHand();
};

// Six calls worked out by hand.
void TestClassificationMetrics::countsAndRates()
{
    const std::vector<Call> calls{
        {2.0, true, true},    // called up, went up: TP; last move right
        {0.5, false, true},   // called up, did not: FP; last move wrong
        {-1.0, false, false}, // TN; last move right
        {-0.2, true, false},  // FN; last move wrong
        {0.0, false, true},   // margin 0 is p = 0.5: not up, so TN; last move wrong
        {3.0, true, true},    // TP; last move right
    };
    const auto m = ClassificationMetrics::fromCalls(calls);
    QCOMPARE(m.examples(), std::size_t(6));
    QCOMPARE(m.truePositives(), std::uint64_t(2));
    QCOMPARE(m.falsePositives(), std::uint64_t(1));
    QCOMPARE(m.trueNegatives(), std::uint64_t(2));
    QCOMPARE(m.falseNegatives(), std::uint64_t(1));
    QCOMPARE(m.tally().accuracy(), 4.0 / 6);
    QCOMPARE(*m.precision(), 2.0 / 3);
    QCOMPARE(*m.recall(), 2.0 / 3);
    QCOMPARE(m.tally().alwaysUpAccuracy(), 3.0 / 6);
    QCOMPARE(m.tally().alwaysDownAccuracy(), 3.0 / 6);
    QCOMPARE(m.tally().lastMoveAccuracy(), 3.0 / 6);

    const QJsonObject json = m.toJson();
    QCOMPARE(json.value("examples").toInt(), 6);
    QCOMPARE(json.value("confusion_matrix").toObject().value("tp").toInt(), 2);
    QCOMPARE(json.value("confusion_matrix").toObject().value("fn").toInt(), 1);
    QCOMPARE(json.value("baselines").toObject().value("same_as_last_move").toDouble(), 0.5);
    QCOMPARE(json.value("accuracy_ci95").toArray().size(), 2);
}

void TestClassificationMetrics::rocAucHandlesTies_data()
{
    QTest::addColumn<QVector<double>>("margins");
    QTest::addColumn<QVector<int>>("ups");
    QTest::newRow("perfect") << QVector<double>{-2, -1, 1, 2} << QVector<int>{0, 0, 1, 1};
    QTest::newRow("reversed") << QVector<double>{-2, -1, 1, 2} << QVector<int>{1, 1, 0, 0};
    QTest::newRow("all tied") << QVector<double>{0.3, 0.3, 0.3, 0.3, 0.3} << QVector<int>{1, 0, 1, 0, 0};
    QTest::newRow("some ties") << QVector<double>{0.1, 0.1, 0.5, 0.5, 0.5, -3, 2, 2}
                               << QVector<int>{1, 0, 0, 1, 1, 0, 1, 0};
    QTest::newRow("unsorted") << QVector<double>{5, -1, 3, 0, 2, -4, 1} << QVector<int>{0, 1, 1, 0, 1, 0, 0};
}

void TestClassificationMetrics::rocAucHandlesTies()
{
    QFETCH(QVector<double>, margins);
    QFETCH(QVector<int>, ups);
    std::vector<Call> calls;
    for (int i = 0; i < margins.size(); ++i)
        calls.push_back({margins[i], ups[i] == 1, false});
    const auto m = ClassificationMetrics::fromCalls(calls);
    QVERIFY(m.rocAuc());
    QVERIFY(std::abs(*m.rocAuc() - pairwiseAuc(calls)) < 1e-12);
    // The curve is the one the AUC measures: its trapezoids add up to it.
    double area = 0;
    const auto& curve = m.rocCurve();
    for (std::size_t i = 1; i < curve.size(); ++i)
        area += (curve[i].falsePositiveRate - curve[i - 1].falsePositiveRate)
                * (curve[i].truePositiveRate + curve[i - 1].truePositiveRate) / 2;
    QVERIFY(std::abs(area - pairwiseAuc(calls)) < 1e-12);
}

void TestClassificationMetrics::wilsonInterval_data()
{
    QTest::addColumn<int>("correct");
    QTest::addColumn<int>("total");
    QTest::newRow("8 of 10") << 8 << 10;
    QTest::newRow("0 of 5") << 0 << 5;
    QTest::newRow("5 of 5") << 5 << 5;
    QTest::newRow("5200 of 10000") << 5200 << 10000;
}

// Against the closed form p̃ ± z/(1 + z²/n)·sqrt(p̂(1-p̂)/n + z²/4n²), and
// against a published value: 8/10 gives [0.4902, 0.9433].
void TestClassificationMetrics::wilsonInterval()
{
    QFETCH(int, correct);
    QFETCH(int, total);
    std::vector<Call> calls;
    for (int i = 0; i < total; ++i)
        calls.push_back({1.0, i < correct, false});
    const auto m = ClassificationMetrics::fromCalls(calls);
    const double z = 1.959963984540054;
    const double n = total;
    const double p = static_cast<double>(correct) / n;
    const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    QVERIFY(std::abs(m.accuracyLow() - std::max(0.0, centre - half)) < 1e-12);
    QVERIFY(std::abs(m.accuracyHigh() - std::min(1.0, centre + half)) < 1e-12);
    QVERIFY(m.accuracyLow() <= p && p <= m.accuracyHigh());
    if (correct == 8 && total == 10) {
        QVERIFY(std::abs(m.accuracyLow() - 0.4902) < 5e-5);
        QVERIFY(std::abs(m.accuracyHigh() - 0.9433) < 5e-5);
    }
}

// Log loss and Brier from the probabilities sigmoid(margin), including
// margins far enough out to overflow a naive exp.
void TestClassificationMetrics::probabilityScores()
{
    const std::vector<Call> calls{{0.0, true, false}, {std::log(3.0), false, false}, {-800.0, false, false},
                                  {40.0, true, false}};
    const auto m = ClassificationMetrics::fromCalls(calls);
    // p = 1/2, 3/4, ~0, ~1
    const double logLoss = (std::log(2.0) + std::log(4.0) + std::log1p(std::exp(-800.0)) + std::log1p(std::exp(-40.0))) / 4;
    const double brier = (0.25 + 0.5625 + 0 + 0) / 4;
    QVERIFY(std::abs(m.logLoss() - logLoss) < 1e-12);
    QVERIFY(std::abs(m.brier() - brier) < 1e-12);
    QVERIFY(std::isfinite(m.logLoss()));
}

void TestClassificationMetrics::undefinedFiguresAreNull_data()
{
    QTest::addColumn<QVector<double>>("margins");
    QTest::addColumn<QVector<int>>("ups");
    QTest::addColumn<QStringList>("nullKeys");
    QTest::newRow("never calls up") << QVector<double>{-1, -2, -3} << QVector<int>{1, 0, 1}
                                    << QStringList{"precision"};
    QTest::newRow("nothing went up") << QVector<double>{1, -2, 3} << QVector<int>{0, 0, 0}
                                     << QStringList{"recall", "roc_auc"};
    QTest::newRow("everything went up") << QVector<double>{1, -2, 3} << QVector<int>{1, 1, 1}
                                        << QStringList{"roc_auc"};
    QTest::newRow("no examples") << QVector<double>{} << QVector<int>{}
                                 << QStringList{"precision", "recall", "roc_auc"};
}

void TestClassificationMetrics::undefinedFiguresAreNull()
{
    QFETCH(QVector<double>, margins);
    QFETCH(QVector<int>, ups);
    QFETCH(QStringList, nullKeys);
    std::vector<Call> calls;
    for (int i = 0; i < margins.size(); ++i)
        calls.push_back({margins[i], ups[i] == 1, true});
    const QJsonObject json = ClassificationMetrics::fromCalls(calls).toJson();
    for (const char* key : {"precision", "recall", "roc_auc"})
        QCOMPARE(json.value(key).isNull(), nullKeys.contains(key));
    for (const char* key : {"accuracy", "log_loss", "brier"})
        QVERIFY(json.value(key).isDouble() && std::isfinite(json.value(key).toDouble()));
}

// Three up and three down, one tie across the classes: the threshold falls
// through 2, 1 (both at once), 0.5, -1, -2.
void TestClassificationMetrics::rocCurveByHand()
{
    const std::vector<Call> calls{{1, false, false}, {-1, true, false}, {2, true, false},
                                  {0.5, false, false}, {-2, false, false}, {1, true, false}};
    const auto m = ClassificationMetrics::fromCalls(calls);
    const std::vector<std::pair<double, double>> expected{{0, 0},         {0, 1.0 / 3},   {1.0 / 3, 2.0 / 3},
                                                          {2.0 / 3, 2.0 / 3}, {2.0 / 3, 1}, {1, 1}};
    QCOMPARE(m.rocCurve().size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(m.rocCurve()[i].falsePositiveRate, expected[i].first);
        QCOMPARE(m.rocCurve()[i].truePositiveRate, expected[i].second);
    }
    // One outcome only: no curve, as no AUC.
    QVERIFY(ClassificationMetrics::fromCalls({{1, true, false}, {2, true, false}}).rocCurve().empty());
}

// Thousands of distinct margins give a plot's worth of points, still from
// (0, 0) to (1, 1) and never going back.
void TestClassificationMetrics::rocCurveIsThinned()
{
    std::vector<Call> calls;
    for (int i = 0; i < 20000; ++i)
        calls.push_back({std::sin(i * 0.37) + i * 1e-6, (i * 7919) % 13 < 6, false});
    const auto curve = ClassificationMetrics::fromCalls(calls).rocCurve();
    QVERIFY(curve.size() <= 2 * ClassificationMetrics::kRocPoints + 2);
    QVERIFY(curve.size() >= ClassificationMetrics::kRocPoints / 2);
    QCOMPARE(curve.front().falsePositiveRate, 0.0);
    QCOMPARE(curve.front().truePositiveRate, 0.0);
    QCOMPARE(curve.back().falsePositiveRate, 1.0);
    QCOMPARE(curve.back().truePositiveRate, 1.0);
    for (std::size_t i = 1; i < curve.size(); ++i) {
        QVERIFY(curve[i].falsePositiveRate >= curve[i - 1].falsePositiveRate);
        QVERIFY(curve[i].truePositiveRate >= curve[i - 1].truePositiveRate);
    }
}

// 20 calls make ten bins of two, by rising margin; 3 calls make three of one.
void TestClassificationMetrics::calibrationBinsByHand()
{
    std::vector<Call> calls;
    for (int i = 19; i >= 0; --i)
        calls.push_back({(i - 10) * 0.1, i % 3 == 0, false});
    const auto bins = ClassificationMetrics::fromCalls(calls).calibration();
    QCOMPARE(bins.size(), std::size_t(ClassificationMetrics::kCalibrationBins));
    for (int b = 0; b < 10; ++b) {
        const int i = 2 * b;
        const double p0 = 1 / (1 + std::exp(-(i - 10) * 0.1));
        const double p1 = 1 / (1 + std::exp(-(i + 1 - 10) * 0.1));
        const auto& bin = bins[static_cast<std::size_t>(b)];
        QCOMPARE(bin.examples, std::uint64_t(2));
        QVERIFY(std::abs(bin.meanPredicted - (p0 + p1) / 2) < 1e-12);
        QCOMPARE(bin.observedUp, ((i % 3 == 0) + ((i + 1) % 3 == 0)) / 2.0);
    }
    const auto few = ClassificationMetrics::fromCalls({{0, true, false}, {-1, false, false}, {1, true, false}})
                         .calibration();
    QCOMPARE(few.size(), std::size_t(3));
    QCOMPARE(few[0].observedUp, 0.0);
    QCOMPARE(few[0].meanPredicted, 1 / (1 + std::exp(1.0)));
    QVERIFY(ClassificationMetrics::fromCalls({}).calibration().empty());
}

QTEST_MAIN(TestClassificationMetrics)
#include "tst_classificationmetrics.moc"
