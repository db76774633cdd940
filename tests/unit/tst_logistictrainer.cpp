#include "ReferenceFits.h"
#include "core/data/DataLoader.h"
#include "core/model/ExampleSet.h"
#include "core/model/LogisticTrainer.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace ss;

namespace {

// Gradient of 0.5·‖w‖² + C·Σ logloss(w·x + b), written out plainly so the
// test does not lean on the solver's own arithmetic.
Eigen::VectorXd objectiveGradient(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                                  double b, double c)
{
    Eigen::VectorXd g = Eigen::VectorXd::Zero(w.size() + 1);
    g.head(w.size()) = w;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double p = 1.0 / (1.0 + std::exp(-(x.row(i).dot(w) + b)));
        g.head(w.size()) += c * (p - y(i)) * x.row(i).transpose();
        g(w.size()) += c * (p - y(i));
    }
    return g;
}

// n points of two standard normal features, labelled up where
// a·x0 + b·x1 + noise·N(0,1) > threshold.
struct Labelled {
    Eigen::MatrixXd x;
    Eigen::VectorXd y;
};
Labelled linearlyLabelled(Eigen::Index n, double a, double b, double noise, double threshold, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal;
    Labelled d{Eigen::MatrixXd(n, 2), Eigen::VectorXd(n)};
    for (Eigen::Index i = 0; i < n; ++i) {
        d.x(i, 0) = normal(rng);
        d.x(i, 1) = normal(rng);
        d.y(i) = a * d.x(i, 0) + b * d.x(i, 1) + noise * normal(rng) > threshold ? 1.0 : 0.0;
    }
    return d;
}

} // namespace

class TestLogisticTrainer : public QObject {
    Q_OBJECT
private slots:
    void agreesWithScikitLearnOnIbm_data();
    void agreesWithScikitLearnOnIbm();
    void separableDataStaysFinite();
    void gradientVanishesOnNoisyData_data();
    void gradientVanishesOnNoisyData();
    void threadsGiveTheSameFit();
    void constantColumnGetsNoWeight();
    void manyColumns();
    void refusesWhatHasNoOptimum_data();
    void refusesWhatHasNoOptimum();
    void reportsProgressToTheOptimum();
    void cancelStopsTheFit();
};

void TestLogisticTrainer::agreesWithScikitLearnOnIbm_data()
{
    QTest::addColumn<QString>("transform");
    QTest::addColumn<bool>("allExamples");  // every example, as --test-fraction 0 fits, or the training part
    QTest::newRow("raw") << "raw" << false;
    QTest::newRow("relative") << "relative" << false;
    QTest::newRow("raw, all examples") << "raw" << true;
    QTest::newRow("relative, all examples") << "relative" << true;
}

// The reference holds scikit-learn's newton-cholesky optimum on the same
// examples (tests/reference/sklearn_reference.py says how it was made).
void TestLogisticTrainer::agreesWithScikitLearnOnIbm()
{
    QFETCH(QString, transform);
    QFETCH(bool, allExamples);
    const QJsonObject ref = ibmReferenceFit(transform, allExamples ? "all_examples_fits" : "fits");
    QVERIFY2(!ref.isEmpty(), "tests/reference/ibm_reference.json is missing");
    const LoadResult loaded = DataLoader::load(STOCKSTREAM_SAMPLE_DIR "/ibm.us.txt");
    QVERIFY(loaded.data && loaded.data->stockCount() == 1);
    const int window = ref.value("window").toInt();
    const ExampleSet examples =
        ExampleSet::fromSeries(loaded.data->stock(0), *features::parseTransform(transform.toStdString()), window);
    QCOMPARE(static_cast<qint64>(examples.size()), ref.value("examples").toInteger());

    const auto rows = static_cast<Eigen::Index>(ref.value(allExamples ? "examples" : "train_examples").toInteger());
    LogisticTrainer::Options options;
    options.c = ref.value("C").toDouble();
    const auto fit = LogisticTrainer::fit(examples.features().topRows(rows), examples.labels().head(rows), options);
    QVERIFY2(fit.converged, fit.error.c_str());

    const QString difference =
        differenceFromReference({fit.weights.begin(), fit.weights.end()}, fit.intercept, ref);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

// Two points, one each side of zero: any weight separates them, yet the L2
// term keeps the optimum finite. By symmetry b = 0 and w solves
// w = 2C·sigmoid(-w); the test finds that root by bisection.
void TestLogisticTrainer::separableDataStaysFinite()
{
    Eigen::MatrixXd x(2, 1);
    x << -1, 1;
    Eigen::VectorXd y(2);
    y << 0, 1;
    const double c = 100;
    double lo = 0, hi = 2 * c;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (mid - 2 * c / (1 + std::exp(mid)) < 0 ? lo : hi) = mid;
    }
    LogisticTrainer::Options options;
    options.c = c;
    const auto fit = LogisticTrainer::fit(x, y, options);
    QVERIFY2(fit.converged, fit.error.c_str());
    QVERIFY(std::isfinite(fit.weights(0)) && std::isfinite(fit.intercept));
    QVERIFY(std::abs(fit.weights(0) - lo) <= 1e-9 * lo);
    QVERIFY(std::abs(fit.intercept) <= 1e-9);

    // Many separable points in two dimensions, with a strong C.
    const Labelled many = linearlyLabelled(400, 1, 0.5, 0, 0.1, 7);
    options.c = 1e4;
    const auto separated = LogisticTrainer::fit(many.x, many.y, options);
    QVERIFY2(separated.converged, separated.error.c_str());
    QVERIFY(separated.weights.allFinite() && std::isfinite(separated.intercept));
    const Eigen::VectorXd g = objectiveGradient(many.x, many.y, separated.weights, separated.intercept, options.c);
    QVERIFY2(g.cwiseAbs().maxCoeff() <= 1e-6 * options.c * static_cast<double>(many.x.rows()),
             qPrintable(QString::number(g.cwiseAbs().maxCoeff())));
}

void TestLogisticTrainer::gradientVanishesOnNoisyData_data()
{
    QTest::addColumn<double>("c");
    QTest::addColumn<double>("featureScale");
    QTest::newRow("C=1, unit features") << 1.0 << 1.0;
    QTest::newRow("C=0.001, unit features") << 0.001 << 1.0;
    QTest::newRow("C=1, features around 1000") << 1.0 << 1000.0;
    QTest::newRow("C=50, tiny features") << 50.0 << 1e-4;
}

// On overlapping classes and badly scaled, correlated columns the solver must
// still land where the exact objective's gradient is zero.
void TestLogisticTrainer::gradientVanishesOnNoisyData()
{
    QFETCH(double, c);
    QFETCH(double, featureScale);
    std::mt19937 rng(11);
    std::normal_distribution<double> normal;
    const Eigen::Index n = 3000;
    Eigen::MatrixXd x(n, 3);
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double level = 5 + normal(rng);
        x(i, 0) = featureScale * level;
        x(i, 1) = featureScale * (level + 0.01 * normal(rng));  // nearly collinear with column 0
        x(i, 2) = normal(rng);
        y(i) = x(i, 2) + (x(i, 1) - x(i, 0)) / featureScale * 50 + normal(rng) > 0 ? 1.0 : 0.0;
    }
    LogisticTrainer::Options options;
    options.c = c;
    const auto fit = LogisticTrainer::fit(x, y, options);
    QVERIFY2(fit.converged, fit.error.c_str());
    const Eigen::VectorXd g = objectiveGradient(x, y, fit.weights, fit.intercept, c);
    // Each loss term's gradient is at most |x| in size.
    const double scale = c * static_cast<double>(n) * std::max(1.0, x.cwiseAbs().maxCoeff());
    QVERIFY2(g.cwiseAbs().maxCoeff() <= 1e-9 * scale,
             qPrintable(QStringLiteral("|g| = %1, scale %2").arg(g.cwiseAbs().maxCoeff()).arg(scale)));
}

// Large sets are split over threads; the split must not change the optimum.
void TestLogisticTrainer::threadsGiveTheSameFit()
{
    // Enough rows for the work to be split.
    const Labelled d = linearlyLabelled(600000, 0.3, -0.2, 1, 0, 3);
    LogisticTrainer::Options one;
    one.threads = 1;
    LogisticTrainer::Options two;
    two.threads = 2;
    const auto a = LogisticTrainer::fit(d.x, d.y, one);
    const auto b = LogisticTrainer::fit(d.x, d.y, two);
    QVERIFY(a.converged && b.converged);
    for (Eigen::Index j = 0; j < 2; ++j)
        QVERIFY(std::abs(a.weights(j) - b.weights(j)) <= 1e-9 * std::abs(a.weights(j)));
    QVERIFY(std::abs(a.intercept - b.intercept) <= 1e-9);
}

// A column that never varies (a flat stretch of closes, say) can only shift
// the margin, which the free intercept does at no cost: its weight is 0.
void TestLogisticTrainer::constantColumnGetsNoWeight()
{
    Labelled d = linearlyLabelled(2000, 1, 0, 1, 0, 5);
    d.x.col(1).setConstant(3.0);
    const auto fit = LogisticTrainer::fit(d.x, d.y, LogisticTrainer::Options{});
    QVERIFY2(fit.converged, fit.error.c_str());
    QVERIFY(std::abs(fit.weights(1)) < 1e-9);
    QVERIFY(objectiveGradient(d.x, d.y, fit.weights, fit.intercept, 1.0).cwiseAbs().maxCoeff() < 1e-6);
}

// Past a handful of columns the Hessian is accumulated differently (a
// matrix product instead of dot products); the optimum must not notice.
void TestLogisticTrainer::manyColumns()
{
    std::mt19937 rng(13);
    std::normal_distribution<double> normal;
    const Eigen::Index n = 5000;
    const Eigen::Index columns = 40;
    Eigen::MatrixXd x(n, columns);
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        double score = normal(rng);
        for (Eigen::Index j = 0; j < columns; ++j) {
            x(i, j) = normal(rng) + 0.1 * static_cast<double>(j);
            score += (j % 3 == 0 ? 0.2 : -0.05) * x(i, j);
        }
        y(i) = score > 0 ? 1.0 : 0.0;
    }
    const auto fit = LogisticTrainer::fit(x, y, LogisticTrainer::Options{});
    QVERIFY2(fit.converged, fit.error.c_str());
    const Eigen::VectorXd g = objectiveGradient(x, y, fit.weights, fit.intercept, 1.0);
    QVERIFY2(g.cwiseAbs().maxCoeff() <= 1e-9 * static_cast<double>(n) * x.cwiseAbs().maxCoeff(),
             qPrintable(QString::number(g.cwiseAbs().maxCoeff())));
}

void TestLogisticTrainer::refusesWhatHasNoOptimum_data()
{
    QTest::addColumn<QVector<double>>("feature");
    QTest::addColumn<QVector<double>>("labels");
    QTest::addColumn<double>("c");
    QTest::addColumn<QString>("why");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("all down") << QVector<double>{1, 2, 3} << QVector<double>{0, 0, 0} << 1.0 << "labelled down";
    QTest::newRow("all up") << QVector<double>{1, 2, 3} << QVector<double>{1, 1, 1} << 1.0 << "labelled up";
    QTest::newRow("no examples") << QVector<double>{} << QVector<double>{} << 1.0 << "no examples";
    QTest::newRow("NaN feature") << QVector<double>{1, nan, 3} << QVector<double>{0, 1, 0} << 1.0 << "finite";
    QTest::newRow("infinite feature") << QVector<double>{1, inf, 3} << QVector<double>{0, 1, 0} << 1.0 << "finite";
    QTest::newRow("C = 0") << QVector<double>{1, 2, 3} << QVector<double>{0, 1, 0} << 0.0 << "C must";
    QTest::newRow("C < 0") << QVector<double>{1, 2, 3} << QVector<double>{0, 1, 0} << -1.0 << "C must";
    QTest::newRow("C NaN") << QVector<double>{1, 2, 3} << QVector<double>{0, 1, 0} << nan << "C must";
}

void TestLogisticTrainer::refusesWhatHasNoOptimum()
{
    QFETCH(QVector<double>, feature);
    QFETCH(QVector<double>, labels);
    QFETCH(double, c);
    QFETCH(QString, why);
    const Eigen::MatrixXd x = Eigen::Map<const Eigen::VectorXd>(feature.data(), feature.size());
    const Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(labels.data(), labels.size());
    LogisticTrainer::Options options;
    options.c = c;
    const auto fit = LogisticTrainer::fit(x, y, options);
    QVERIFY(!fit.converged);
    QVERIFY2(QString::fromStdString(fit.error).contains(why), fit.error.c_str());
}

// One report before the first step and one after each, the last one at or
// below the tolerance it stops at.
void TestLogisticTrainer::reportsProgressToTheOptimum()
{
    const Labelled d = linearlyLabelled(5000, 0.8, -0.5, 1, 0.2, 11);
    std::vector<std::pair<int, double>> reports;
    LogisticTrainer::Options options;
    options.progress = [&](int iteration, double norm) { reports.emplace_back(iteration, norm); };
    const auto fit = LogisticTrainer::fit(d.x, d.y, options);
    QVERIFY(fit.converged);
    QCOMPARE(reports.size(), static_cast<std::size_t>(fit.iterations) + 1);
    for (std::size_t i = 0; i < reports.size(); ++i)
        QCOMPARE(reports[i].first, static_cast<int>(i));
    QVERIFY(reports.front().second > options.tolerance);
    QCOMPARE(reports.back().second, fit.gradientNorm);
    QVERIFY(reports.back().second <= options.tolerance);
}

// A cancel flag raised before or during the fit stops it short, with no
// claim of an optimum.
void TestLogisticTrainer::cancelStopsTheFit()
{
    const Labelled d = linearlyLabelled(5000, 0.8, -0.5, 1, 0.2, 11);
    std::atomic<bool> cancel{true};
    LogisticTrainer::Options options;
    options.cancel = &cancel;
    const auto before = LogisticTrainer::fit(d.x, d.y, options);
    QVERIFY(before.cancelled);
    QVERIFY(!before.converged);
    QCOMPARE(before.iterations, 0);
    QCOMPARE(before.error, std::string("cancelled"));

    cancel = false;
    options.progress = [&](int iteration, double) { cancel = iteration == 1; };
    const auto during = LogisticTrainer::fit(d.x, d.y, options);
    QVERIFY(during.cancelled);
    QCOMPARE(during.iterations, 1);
}

QTEST_MAIN(TestLogisticTrainer)
#include "tst_logistictrainer.moc"
