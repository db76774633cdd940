#include "core/online/OnlineLogisticModel.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace ss;

namespace {
double sigmoid(double m)
{
    return 1 / (1 + std::exp(-m));
}
} // namespace

class TestOnlineLogisticModel : public QObject {
    Q_OBJECT
private slots:
    void sgdStepByHand();
    void newtonStepByHand();
    void newtonFindsTheGeneratingModel();
    void divergenceStartsOver();
};

void TestOnlineLogisticModel::sgdStepByHand()
{
    OnlineLogisticModel m(Eigen::Vector2d(0.5, -1.0), OnlineUpdate::Sgd, 0.1, 1.0);
    const double x = 2.0;
    QCOMPARE(m.margin(&x), 0.5 - 2.0);
    // Went up: residual p - 1 with p = sigmoid(-1.5).
    const double residual = sigmoid(-1.5) - 1;
    QVERIFY(m.learn(&x, true));
    QCOMPARE(m.weights()[0], 0.5 - 0.1 * residual);
    QCOMPARE(m.weights()[1], -1.0 - 0.1 * residual * x);
}

// From w = 0 with a prior of precision 2: p = 1/2, curvature 1/4. The
// Hessian is H = 2·I + (1/4)·[1, x][1, x]ᵀ; the step is -H⁻¹·(p - y)·[1, x].
void TestOnlineLogisticModel::newtonStepByHand()
{
    OnlineLogisticModel m(Eigen::Vector2d::Zero(), OnlineUpdate::Newton, 0.1, 2.0);
    const double x = 3.0;
    QVERIFY(m.learn(&x, false));
    // H = [[2.25, 0.75], [0.75, 4.25]]; det = 9.5625 - 0.5625 = 9.
    // H⁻¹·[1, 3] = [4.25 - 2.25, -0.75 + 6.75] / 9 = [2, 6] / 9; times -(1/2 - 0).
    QVERIFY(std::abs(m.weights()[0] - (-1.0 / 9)) < 1e-15);
    QVERIFY(std::abs(m.weights()[1] - (-3.0 / 9)) < 1e-15);
}

// Labels drawn from a known logistic model: the online Newton steps end
// near it, as a batch fit of the same examples would.
void TestOnlineLogisticModel::newtonFindsTheGeneratingModel()
{
    const Eigen::Vector3d truth(-0.3, 1.5, -2.0);
    QRandomGenerator rng(3);
    OnlineLogisticModel m(Eigen::Vector3d::Zero(), OnlineUpdate::Newton, 0.1, 1.0);
    for (int i = 0; i < 50000; ++i) {
        const double x[2] = {rng.generateDouble() * 4 - 2, rng.generateDouble() * 4 - 2};
        const double p = sigmoid(truth[0] + truth[1] * x[0] + truth[2] * x[1]);
        QVERIFY(m.learn(x, rng.generateDouble() < p));
    }
    const double error = (m.weights() - truth).cwiseAbs().maxCoeff();
    QVERIFY2(error < 0.08, qPrintable(QStringLiteral("off by %1").arg(error)));
}

void TestOnlineLogisticModel::divergenceStartsOver()
{
    OnlineLogisticModel m(Eigen::Vector2d(0.1, 0.2), OnlineUpdate::Sgd, 1e300, 1.0);
    const double x = 1e300;
    QVERIFY(!m.learn(&x, false));
    QCOMPARE(m.weights(), Eigen::VectorXd(Eigen::Vector2d(0.1, 0.2)));
}

QTEST_MAIN(TestOnlineLogisticModel)
#include "tst_onlinelogisticmodel.moc"
