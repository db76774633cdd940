#include "core/online/StreamingKMeans.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace ss;
using Matrix = StreamingKMeans::Matrix;

namespace {

Matrix randomPoints(int rows, int dimension, quint64 seed)
{
    QRandomGenerator rng(seed);
    Matrix m(rows, dimension);
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < dimension; ++j)
            m(i, j) = rng.generateDouble() * 10 - 5 + (i % 3) * 4;
    return m;
}

// One iteration of Lloyd's batch k-means, written out on its own: every
// point to its nearest centre, every centre to the mean of its points (a
// centre with no points stays).
Matrix lloydStep(const Matrix& points, const Matrix& centres)
{
    Matrix sums = Matrix::Zero(centres.rows(), centres.cols());
    std::vector<int> counts(static_cast<std::size_t>(centres.rows()), 0);
    for (int i = 0; i < points.rows(); ++i) {
        int best = 0;
        for (int c = 1; c < centres.rows(); ++c)
            if ((points.row(i) - centres.row(c)).squaredNorm() < (points.row(i) - centres.row(best)).squaredNorm())
                best = c;
        sums.row(best) += points.row(i);
        ++counts[static_cast<std::size_t>(best)];
    }
    Matrix next = centres;
    for (int c = 0; c < centres.rows(); ++c)
        if (counts[static_cast<std::size_t>(c)] > 0)
            next.row(c) = sums.row(c) / counts[static_cast<std::size_t>(c)];
    return next;
}

bool near(const Matrix& a, const Matrix& b, double tolerance = 1e-12)
{
    return a.rows() == b.rows() && a.cols() == b.cols() && (a - b).cwiseAbs().maxCoeff() <= tolerance;
}

} // namespace

class TestStreamingKMeans : public QObject {
    Q_OBJECT
private slots:
    void oneBatchWithDecayOneIsLloyd_data();
    void oneBatchWithDecayOneIsLloyd();
    void decayOneRemembersEveryBatch();
    void decayZeroFollowsTheLastBatchOnly();
    void halfLifeHalvesTheWeight_data();
    void halfLifeHalvesTheWeight();
    void dyingClusterSplitsTheLargest();
    void seededStartIsDeterministic();
    void tooFewPointsToStart();
};

void TestStreamingKMeans::oneBatchWithDecayOneIsLloyd_data()
{
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("dimension");
    QTest::addColumn<int>("points");
    QTest::newRow("k=2, 2-d") << 2 << 2 << 50;
    QTest::newRow("k=3, 5-d") << 3 << 5 << 200;
    QTest::newRow("k=8, 5-d") << 8 << 5 << 1000;
}

// From the same start (weights 0, so the past counts for nothing either
// way), one streaming update is exactly one Lloyd iteration; repeating
// Lloyd from there, streaming with decay 0 on the same batch follows it.
void TestStreamingKMeans::oneBatchWithDecayOneIsLloyd()
{
    QFETCH(int, k);
    QFETCH(int, dimension);
    QFETCH(int, points);
    const Matrix batch = randomPoints(points, dimension, 7);
    const Matrix start = batch.topRows(k);

    StreamingKMeans streaming(k, dimension, 1.0);
    streaming.setInitialCenters(start, Eigen::VectorXd::Zero(k));
    QVERIFY(!streaming.update(batch));
    QVERIFY(near(streaming.centres(), lloydStep(batch, start)));
    QCOMPARE(streaming.weights().sum(), double(points));

    StreamingKMeans forgetful(k, dimension, 0.0);
    forgetful.setInitialCenters(start, Eigen::VectorXd::Zero(k));
    Matrix lloyd = start;
    for (int iteration = 0; iteration < 10; ++iteration) {
        lloyd = lloydStep(batch, lloyd);
        forgetful.update(batch);
        QVERIFY2(near(forgetful.centres(), lloyd, 1e-9), qPrintable(QString::number(iteration)));
    }
}

// Decay 1 over several batches: each centre is the plain mean of every
// point ever assigned to it.
void TestStreamingKMeans::decayOneRemembersEveryBatch()
{
    Matrix start(2, 1);
    start << 0, 10;
    StreamingKMeans s(2, 1, 1.0);
    s.setInitialCenters(start, Eigen::VectorXd::Zero(2));
    Matrix a(3, 1), b(3, 1);
    a << 1, 2, 9;   // 1, 2 -> centre 0; 9 -> centre 1
    b << 3, 11, 13; // centre 0 is now 1.5: 3 -> 0; 11, 13 -> 1
    s.update(a);
    s.update(b);
    QCOMPARE(s.centres()(0, 0), (1.0 + 2 + 3) / 3);
    QCOMPARE(s.centres()(1, 0), (9.0 + 11 + 13) / 3);
    QCOMPARE(s.weights()[0], 3.0);
    QCOMPARE(s.weights()[1], 3.0);
}

// Decay 0: after any history, each centre is the mean of the last batch's
// points that were nearest to it.
void TestStreamingKMeans::decayZeroFollowsTheLastBatchOnly()
{
    const Matrix history = randomPoints(300, 3, 1);
    const Matrix last = randomPoints(300, 3, 2);
    StreamingKMeans s(3, 3, 0.0);
    s.setInitialCenters(history.topRows(3), Eigen::VectorXd::Zero(3));
    s.update(history);
    s.update(history.bottomRows(100));
    const Matrix before = s.centres();
    QVERIFY(!s.update(last));
    QVERIFY(near(s.centres(), lloydStep(last, before)));
    QCOMPARE(s.weights().sum(), 300.0);
}

void TestStreamingKMeans::halfLifeHalvesTheWeight_data()
{
    QTest::addColumn<double>("halfLife");
    QTest::newRow("1 batch") << 1.0;
    QTest::newRow("5 batches") << 5.0;
    QTest::newRow("2.5 batches") << 2.5;
}

void TestStreamingKMeans::halfLifeHalvesTheWeight()
{
    QFETCH(double, halfLife);
    const double decay = StreamingKMeans::decayForHalfLife(halfLife);
    QVERIFY(decay > 0 && decay < 1);
    QVERIFY(std::abs(std::pow(decay, halfLife) - 0.5) < 1e-12);
    // A batch of 8 points, then empty batches: its weight halves every halfLife.
    StreamingKMeans s(1, 1, decay);
    s.setInitialCenters(Matrix::Zero(1, 1), Eigen::VectorXd::Zero(1));
    s.update(Matrix::Ones(8, 1));
    for (int i = 0; i < 10; ++i)
        s.update(Matrix(0, 1));
    QVERIFY(std::abs(s.weights()[0] - 8 * std::pow(0.5, 10 / halfLife)) < 1e-9);
}

// A centre no point comes near loses all weight: Spark splits the largest
// cluster in two, both halves with half the weight, a hair apart.
void TestStreamingKMeans::dyingClusterSplitsTheLargest()
{
    Matrix start(3, 2);
    start << 0, 0, 100, 100, 5, 5;
    StreamingKMeans s(3, 2, 0.5);
    s.setInitialCenters(start, Eigen::Vector3d(4, 1e-9, 2));
    Matrix batch(4, 2);
    batch << 1, 1, -1, -1, 2, 0, 0, 2;  // all nearest centre 0
    const auto split = s.update(batch);
    QVERIFY(split);
    QCOMPARE(split->largest, 0);
    QCOMPARE(split->dying, 1);
    const double largestWeight = 4 * 0.5 + 4;
    const double weight = (largestWeight + 1e-9 * 0.5) / 2;
    QCOMPARE(s.weights()[0], weight);
    QCOMPARE(s.weights()[1], weight);
    QCOMPARE(s.weights()[2], 2 * 0.5);
    // Centre 0 moved to (4·0.5·0 + sum of the batch) / weight = (2, 2) / 6.
    const double centre = 2.0 / 6;
    QVERIFY(std::abs(s.centres()(0, 0) - centre) < 1e-12 && s.centres()(0, 0) > centre);
    QVERIFY(std::abs(s.centres()(1, 0) - centre) < 1e-12 && s.centres()(1, 0) < centre);
    QCOMPARE(s.centres()(2, 0), 5.0);
}

void TestStreamingKMeans::seededStartIsDeterministic()
{
    const Matrix points = randomPoints(500, 4, 3);
    StreamingKMeans a(6, 4, 1.0), b(6, 4, 1.0), other(6, 4, 1.0);
    QVERIFY(a.initializeFrom(points, 99));
    QVERIFY(b.initializeFrom(points, 99));
    QVERIFY(other.initializeFrom(points, 100));
    QCOMPARE(a.centres(), b.centres());
    QVERIFY(a.centres() != other.centres());
    // Every centre is one of the points, no point twice.
    for (int c = 0; c < 6; ++c) {
        int found = 0;
        for (int i = 0; i < points.rows(); ++i)
            found += points.row(i) == a.centres().row(c);
        QCOMPARE(found, 1);
        for (int d = 0; d < c; ++d)
            QVERIFY(a.centres().row(c) != a.centres().row(d));
    }
    QCOMPARE(a.weights().sum(), 0.0);
}

void TestStreamingKMeans::tooFewPointsToStart()
{
    StreamingKMeans s(4, 2, 1.0);
    QVERIFY(!s.initializeFrom(randomPoints(3, 2, 1), 1));
    QVERIFY(!s.initialized());
    QVERIFY(s.initializeFrom(randomPoints(4, 2, 1), 1));
    QVERIFY(s.initialized());
}

QTEST_MAIN(TestStreamingKMeans)
#include "tst_streamingkmeans.moc"
