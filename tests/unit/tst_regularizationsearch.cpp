// The walk-forward search over C. Expected figures are worked out here from
// the folds' definition, with the test's own log loss.
#include "core/data/DataLoader.h"
#include "core/model/ExampleSet.h"
#include "core/model/RegularizationSearch.h"

#include <QTest>

#include <atomic>
#include <cmath>

using namespace ss;

class TestRegularizationSearch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void logGrid_data();
    void logGrid();
    void walkForwardByHand();
    void badInput_data();
    void badInput();
    void cancelled();

private:
    std::shared_ptr<const MarketData> ibm_;
};

void TestRegularizationSearch::initTestCase()
{
    const LoadResult loaded = DataLoader::load(STOCKSTREAM_SAMPLE_DIR "/ibm.us.txt");
    QVERIFY(loaded.data && loaded.data->stockCount() == 1);
    ibm_ = loaded.data;
}

void TestRegularizationSearch::logGrid_data()
{
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addColumn<int>("count");
    QTest::addColumn<QVector<double>>("expected");
    QTest::newRow("decades") << 1e-2 << 1e2 << 5 << QVector<double>{1e-2, 1e-1, 1, 10, 100};
    QTest::newRow("one value") << 3.0 << 3.0 << 1 << QVector<double>{3};
    QTest::newRow("zero low") << 0.0 << 1.0 << 3 << QVector<double>{};
    QTest::newRow("high below low") << 1.0 << 0.5 << 3 << QVector<double>{};
    QTest::newRow("no values") << 1.0 << 10.0 << 0 << QVector<double>{};
}

void TestRegularizationSearch::logGrid()
{
    QFETCH(double, low);
    QFETCH(double, high);
    QFETCH(int, count);
    QFETCH(QVector<double>, expected);
    const auto grid = RegularizationSearch::logGrid(low, high, count);
    QCOMPARE(grid.size(), static_cast<std::size_t>(expected.size()));
    for (std::size_t i = 0; i < grid.size(); ++i)
        QVERIFY(std::abs(grid[i] - expected[static_cast<int>(i)]) <= 1e-12 * expected[static_cast<int>(i)]);
}

// Folds of the 80% training part of ibm.us: block k+1 predicted by a fit on
// blocks 0..k. The hold-out's examples never enter.
void TestRegularizationSearch::walkForwardByHand()
{
    TrainingOptions options;
    const std::vector<double> grid{1e-3, 1, 1e3};
    constexpr int kFolds = 3;
    const auto result = RegularizationSearch::search(ibm_->stock(0), options, grid, kFolds);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.curve.size(), grid.size());

    const ExampleSet examples = ExampleSet::fromSeries(ibm_->stock(0), options.transform, options.window);
    const std::size_t n = examples.size();
    const auto train = n - static_cast<std::size_t>(std::floor(n * 0.2));
    double bestLoss = INFINITY;
    double bestC = 0;
    for (std::size_t g = 0; g < grid.size(); ++g) {
        double loss = 0;
        std::size_t right = 0;
        std::size_t predicted = 0;
        for (int fold = 1; fold <= kFolds; ++fold) {
            const std::size_t begin = train * static_cast<std::size_t>(fold) / (kFolds + 1);
            const std::size_t end = train * static_cast<std::size_t>(fold + 1) / (kFolds + 1);
            LogisticTrainer::Options fitOptions;
            fitOptions.c = grid[g];
            const auto fit = LogisticTrainer::fit(examples.features().topRows(static_cast<Eigen::Index>(begin)),
                                                  examples.labels().head(static_cast<Eigen::Index>(begin)), fitOptions);
            QVERIFY(fit.converged);
            for (std::size_t i = begin; i < end; ++i) {
                const auto r = static_cast<Eigen::Index>(i);
                const double margin = examples.features().row(r).dot(fit.weights) + fit.intercept;
                const double p = 1 / (1 + std::exp(-margin));
                const double y = examples.labels()(r);
                loss -= y * std::log(p) + (1 - y) * std::log(1 - p);
                right += (p > 0.5) == (y > 0.5);
                ++predicted;
            }
        }
        const auto& point = result.curve[g];
        QCOMPARE(point.c, grid[g]);
        QCOMPARE(point.examples, predicted);
        QVERIFY(std::abs(point.logLoss - loss / predicted) < 1e-9);
        QCOMPARE(point.accuracy, static_cast<double>(right) / predicted);
        if (loss < bestLoss) {
            bestLoss = loss;
            bestC = grid[g];
        }
    }
    QCOMPARE(result.bestC, bestC);
}

void TestRegularizationSearch::badInput_data()
{
    QTest::addColumn<int>("closes");
    QTest::addColumn<QVector<double>>("grid");
    QTest::addColumn<int>("window");
    QTest::addColumn<QString>("why");
    QTest::newRow("too few examples") << 12 << QVector<double>{1} << 5 << "too few";
    QTest::newRow("no C") << 500 << QVector<double>{} << 5 << "at least one value";
    QTest::newRow("C = 0") << 500 << QVector<double>{1, 0} << 5 << "C must be";
    QTest::newRow("W out of range") << 500 << QVector<double>{1} << 61 << "window must be";
}

void TestRegularizationSearch::badInput()
{
    QFETCH(int, closes);
    QFETCH(QVector<double>, grid);
    QFETCH(int, window);
    QFETCH(QString, why);
    StockSeries s = ibm_->stock(0);
    s.times.resize(static_cast<std::size_t>(closes));
    s.closes.resize(static_cast<std::size_t>(closes));
    TrainingOptions options;
    options.window = window;
    const auto result = RegularizationSearch::search(s, options, {grid.begin(), grid.end()});
    QVERIFY(result.curve.empty());
    QVERIFY2(result.error.contains(why), qPrintable(result.error));
}

void TestRegularizationSearch::cancelled()
{
    std::atomic<bool> cancel{false};
    TrainingOptions options;
    options.cancel = &cancel;
    int reports = 0;
    options.progress = [&](double) { cancel = ++reports == 2; };
    const auto result = RegularizationSearch::search(ibm_->stock(0), options, {0.1, 1, 10});
    QVERIFY(result.cancelled);
    QVERIFY(result.curve.empty());
    QCOMPARE(reports, 2);
}

QTEST_MAIN(TestRegularizationSearch)
#include "tst_regularizationsearch.moc"
