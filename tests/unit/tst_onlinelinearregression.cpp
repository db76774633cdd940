#include "core/online/OnlineLinearRegression.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace ss;

namespace {

constexpr int kFeatures = 3;
const double kTruth[kFeatures + 1] = {0.5, 2.0, -1.0, 0.25};  // intercept first

// A stationary stream: x uniform in [-1, 1), y = truth·[1, x] + noise.
std::vector<double> stream(int examples, double noise, quint64 seed)
{
    QRandomGenerator rng(seed);
    std::vector<double> rows;
    for (int e = 0; e < examples; ++e) {
        double y = kTruth[0];
        for (int j = 0; j < kFeatures; ++j) {
            const double x = rng.generateDouble() * 2 - 1;
            rows.push_back(x);
            y += kTruth[j + 1] * x;
        }
        rows.push_back(y + noise * (rng.generateDouble() * 2 - 1));
    }
    return rows;
}

// The closed-form least-squares fit of every example, from the normal
// equations (plus an optional ridge on every weight).
Eigen::VectorXd leastSquares(const std::vector<double>& rows, double ridge = 0)
{
    const int n = static_cast<int>(rows.size()) / (kFeatures + 1);
    Eigen::MatrixXd x(n, kFeatures + 1);
    Eigen::VectorXd y(n);
    for (int e = 0; e < n; ++e) {
        x(e, 0) = 1;
        for (int j = 0; j < kFeatures; ++j)
            x(e, j + 1) = rows[static_cast<std::size_t>(e * (kFeatures + 1) + j)];
        y[e] = rows[static_cast<std::size_t>(e * (kFeatures + 1) + kFeatures)];
    }
    const Eigen::MatrixXd a = x.transpose() * x + ridge * Eigen::MatrixXd::Identity(kFeatures + 1, kFeatures + 1);
    return a.ldlt().solve(x.transpose() * y);
}

void learnInBatches(OnlineLinearRegression& model, const std::vector<double>& rows, int batch, std::mt19937_64& rng)
{
    const std::size_t stride = kFeatures + 1;
    const std::size_t n = rows.size() / stride;
    for (std::size_t start = 0; start < n; start += static_cast<std::size_t>(batch))
        QVERIFY(model.learn(&rows[start * stride], std::min<std::size_t>(batch, n - start), rng));
}

} // namespace

class TestOnlineLinearRegression : public QObject {
    Q_OBJECT
private slots:
    void convergesToLeastSquares_data();
    void convergesToLeastSquares();
    void rlsIsExactAfterEveryBatch();
    void sgdStepByHand();
    void predictsFromWeights();
    void seededSamplingIsDeterministic();
    void divergenceStartsOver();
};

void TestOnlineLinearRegression::convergesToLeastSquares_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<double>("noise");
    QTest::addColumn<double>("fraction");
    QTest::addColumn<double>("tolerance");
    const int sgd = int(RegressionMethod::Sgd), rls = int(RegressionMethod::Rls);
    QTest::newRow("sgd, exact data") << sgd << 0.0 << 1.0 << 1e-6;
    QTest::newRow("sgd, noisy data") << sgd << 0.2 << 1.0 << 0.03;
    QTest::newRow("sgd, half mini-batches") << sgd << 0.2 << 0.5 << 0.03;
    QTest::newRow("rls, exact data") << rls << 0.0 << 1.0 << 1e-6;
    QTest::newRow("rls, noisy data") << rls << 0.2 << 1.0 << 1e-6;
}

// On a stationary stream both methods end at the least-squares solution
// of everything they saw: RLS exactly, SGD within its last batch's noise.
void TestOnlineLinearRegression::convergesToLeastSquares()
{
    QFETCH(int, method);
    QFETCH(double, noise);
    QFETCH(double, fraction);
    QFETCH(double, tolerance);
    RegressionOptions options;
    options.method = static_cast<RegressionMethod>(method);
    options.miniBatchFraction = fraction;
    options.convergenceTolerance = 0;  // every step, so the exact case gets there
    const std::vector<double> rows = stream(40000, noise, 11);
    OnlineLinearRegression model(kFeatures, options);
    std::mt19937_64 rng(5);
    learnInBatches(model, rows, 400, rng);
    const Eigen::VectorXd expected = leastSquares(rows);
    const double error = (model.weights() - expected).cwiseAbs().maxCoeff();
    QVERIFY2(error < tolerance, qPrintable(QStringLiteral("off by %1").arg(error)));
    if (noise == 0)
        QVERIFY((expected - Eigen::Map<const Eigen::VectorXd>(kTruth, kFeatures + 1)).cwiseAbs().maxCoeff() < 1e-9);
}

// RLS is the ridge fit of everything so far, whatever the batches.
void TestOnlineLinearRegression::rlsIsExactAfterEveryBatch()
{
    RegressionOptions options;
    options.method = RegressionMethod::Rls;
    options.ridge = 0.5;  // large enough to see
    OnlineLinearRegression model(kFeatures, options);
    std::mt19937_64 rng(1);
    const std::vector<double> rows = stream(60, 0.3, 2);
    const std::size_t stride = kFeatures + 1;
    std::size_t done = 0;
    for (const std::size_t batch : {1, 4, 15, 40}) {
        QVERIFY(model.learn(&rows[done * stride], batch, rng));
        done += batch;
        const std::vector<double> seen(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(done * stride));
        QVERIFY((model.weights() - leastSquares(seen, 0.5)).cwiseAbs().maxCoeff() < 1e-10);
    }
}

// Two examples, two iterations, worked by hand: Spark's step is
// step/sqrt(i) times the mean gradient (w·x - y)·x.
void TestOnlineLinearRegression::sgdStepByHand()
{
    RegressionOptions options;
    options.step = 0.5;
    options.iterations = 2;
    options.convergenceTolerance = 0;
    OnlineLinearRegression model(1, options);
    const double rows[] = {1.0, 2.0, -1.0, 0.0};  // (x=1, y=2), (x=-1, y=0)
    std::mt19937_64 rng(1);
    QVERIFY(model.learn(rows, 2, rng));
    // i=1 from w=(0,0): errors -2 and 0; mean gradient (-1, -1); w = (0.5, 0.5).
    // i=2: predictions 1 and 0, errors -1 and 0; mean gradient (-0.5, -0.5);
    //      step 0.5/sqrt(2): w = 0.5 + 0.25/sqrt(2) each.
    const double w = 0.5 + 0.25 / std::sqrt(2.0);
    QCOMPARE(model.weights()[0], w);
    QCOMPARE(model.weights()[1], w);
}

void TestOnlineLinearRegression::predictsFromWeights()
{
    RegressionOptions options;
    options.method = RegressionMethod::Rls;
    OnlineLinearRegression model(2, options);
    QCOMPARE(model.predict(std::array{3.0, 4.0}.data()), 0.0);
    // y = 1 + 2a - b, exactly, from three examples: RLS finds it.
    const double rows[] = {0, 0, 1, 1, 0, 3, 0, 1, 0, 2, 2, 3};
    std::mt19937_64 rng(1);
    QVERIFY(model.learn(rows, 4, rng));
    QVERIFY(std::abs(model.predict(std::array{3.0, 4.0}.data()) - 3.0) < 1e-5);
}

void TestOnlineLinearRegression::seededSamplingIsDeterministic()
{
    RegressionOptions options;
    options.miniBatchFraction = 0.3;
    const std::vector<double> rows = stream(2000, 0.5, 4);
    OnlineLinearRegression a(kFeatures, options), b(kFeatures, options), c(kFeatures, options);
    std::mt19937_64 ra(9), rb(9), rc(10);
    learnInBatches(a, rows, 100, ra);
    learnInBatches(b, rows, 100, rb);
    learnInBatches(c, rows, 100, rc);
    QCOMPARE(a.weights(), b.weights());
    QVERIFY(a.weights() != c.weights());
}

// A step far too large makes SGD blow up: the model says so and starts
// over from zero instead of predicting infinities.
void TestOnlineLinearRegression::divergenceStartsOver()
{
    RegressionOptions options;
    options.step = 1e200;
    options.convergenceTolerance = 0;
    OnlineLinearRegression model(kFeatures, options);
    const std::vector<double> rows = stream(50, 0, 1);
    std::mt19937_64 rng(1);
    QVERIFY(!model.learn(rows.data(), 50, rng));
    QCOMPARE(model.weights(), Eigen::VectorXd::Zero(kFeatures + 1));
}

QTEST_MAIN(TestOnlineLinearRegression)
#include "tst_onlinelinearregression.moc"
