#include "core/data/DataLoader.h"
#include "ReferenceFits.h"
#include "core/model/ModelTrainer.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

using namespace ss;

namespace {

StockSeries series(const std::vector<double>& closes, const char* name = "x.us")
{
    StockSeries s{name, {}, closes};
    for (std::size_t i = 0; i < closes.size(); ++i)
        s.times.push_back(timestamp::fromCivil(2001, 2, 1) + static_cast<Timestamp>(i) * timestamp::kSecondsPerDay);
    return s;
}

QString date(Timestamp t)
{
    return QString::fromStdString(timestamp::formatDate(t));
}

} // namespace

class TestModelTrainer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void ibmHoldOutMatchesScikitLearn_data();
    void ibmHoldOutMatchesScikitLearn();
    void testFractionZeroFitsOnAll_data();
    void testFractionZeroFitsOnAll();
    void savedModelLoadsBack();
    void pooledStocksFitOnAll();
    void badInput_data();
    void badInput();
    void trainingCountHoldsOutTheTail_data();
    void trainingCountHoldsOutTheTail();
    void progressRunsFromZeroToOne();
    void cancelledRunGivesNoModel();
    void cancelWhileBuildingExamples();

private:
    std::shared_ptr<const MarketData> ibm_;
};

void TestModelTrainer::initTestCase()
{
    const LoadResult loaded = DataLoader::load(STOCKSTREAM_SAMPLE_DIR "/ibm.us.txt");
    QVERIFY(loaded.data && loaded.data->stockCount() == 1);
    ibm_ = loaded.data;
}

void TestModelTrainer::ibmHoldOutMatchesScikitLearn_data()
{
    QTest::addColumn<QString>("transform");
    QTest::newRow("raw") << "raw";
    QTest::newRow("relative") << "relative";
}

// The hold-out figures against scikit-learn's metrics for its own optimum on
// the same examples (tests/reference/sklearn_reference.py).
void TestModelTrainer::ibmHoldOutMatchesScikitLearn()
{
    QFETCH(QString, transform);
    const QJsonObject ref = ibmReferenceFit(transform);
    QVERIFY(!ref.isEmpty());
    TrainingOptions options;
    options.transform = *features::parseTransform(transform.toStdString());
    const StockSeries& s = ibm_->stock(0);
    const auto out = ModelTrainer::train(s, "ibm.us.txt", options);
    QVERIFY2(out.model, qPrintable(out.error));
    QVERIFY(out.test);

    // Sizes and spans from the series itself.
    const std::size_t n = s.size() - 5;
    const auto held = static_cast<std::size_t>(std::floor(static_cast<double>(n) * 0.2));
    QCOMPARE(out.examples, n);
    QCOMPARE(out.test->examples(), held);
    QCOMPARE(out.train->examples(), n - held);
    const QJsonObject trainedOn = out.model->trainedOn();
    QCOMPARE(trainedOn.value("file").toString(), QStringLiteral("ibm.us.txt"));
    QCOMPARE(trainedOn.value("fit_on").toString(), QStringLiteral("train part"));
    QCOMPARE(trainedOn.value("examples").toInteger(), static_cast<qint64>(n - held));
    QCOMPARE(trainedOn.value("from").toString(), date(s.times.front()));
    QCOMPARE(trainedOn.value("to").toString(), date(s.times[n - held + 4]));
    const QJsonObject holdOut = trainedOn.value("hold_out").toObject();
    QCOMPARE(holdOut.value("examples").toInteger(), static_cast<qint64>(held));
    QCOMPARE(holdOut.value("from").toString(), date(s.times[n - held]));
    QCOMPARE(holdOut.value("to").toString(), date(s.times.back()));

    const QJsonObject expected = ref.value("test").toObject();
    const QJsonObject actual = out.model->metrics().value("test").toObject();
    for (const char* key : {"accuracy", "precision", "recall", "roc_auc", "log_loss", "brier"})
        QVERIFY2(std::abs(actual.value(key).toDouble() - expected.value(key).toDouble()) < 1e-6,
                 qPrintable(key + QStringLiteral(": %1 vs %2").arg(actual.value(key).toDouble()).arg(
                                      expected.value(key).toDouble())));
    QCOMPARE(actual.value("confusion_matrix").toObject(), expected.value("confusion_matrix").toObject());
    const QJsonObject baselines = actual.value("baselines").toObject();
    const QJsonObject expectedBaselines = expected.value("baselines").toObject();
    for (const char* key : {"always_up", "always_down", "same_as_last_move"})
        QVERIFY(std::abs(baselines.value(key).toDouble() - expectedBaselines.value(key).toDouble()) < 1e-12);
}

void TestModelTrainer::testFractionZeroFitsOnAll_data()
{
    QTest::addColumn<QString>("transform");
    QTest::newRow("raw") << "raw";
    QTest::newRow("relative") << "relative";
}

// The saved model against scikit-learn's optimum on every example
// (tests/reference/sklearn_reference.py, "all_examples_fits").
void TestModelTrainer::testFractionZeroFitsOnAll()
{
    QFETCH(QString, transform);
    const QJsonObject ref = ibmReferenceFit(transform, "all_examples_fits");
    QVERIFY(!ref.isEmpty());
    TrainingOptions options;
    options.transform = *features::parseTransform(transform.toStdString());
    options.testFraction = 0;
    const StockSeries& s = ibm_->stock(0);
    const auto out = ModelTrainer::train(s, "ibm.us.txt", options);
    QVERIFY2(out.model, qPrintable(out.error));
    QVERIFY(!out.test);
    QCOMPARE(out.train->examples(), s.size() - 5);
    const QJsonObject trainedOn = out.model->trainedOn();
    QCOMPARE(trainedOn.value("fit_on").toString(), QStringLiteral("all examples"));
    QCOMPARE(trainedOn.value("to").toString(), date(s.times.back()));
    QVERIFY(!trainedOn.contains("hold_out"));
    QVERIFY(out.model->metrics().contains("train"));
    QVERIFY(!out.model->metrics().contains("test"));

    const QString difference = differenceFromReference(out.model->weights(), out.model->intercept(), ref);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestModelTrainer::savedModelLoadsBack()
{
    TrainingOptions options;
    options.transform = FeatureTransform::Raw;
    options.window = 7;
    options.c = 0.5;
    const auto out = ModelTrainer::train(ibm_->stock(0), "ibm.us.txt", options);
    QVERIFY2(out.model, qPrintable(out.error));
    QTemporaryDir dir;
    const QString path = dir.filePath("m.json");
    QString error;
    QVERIFY2(out.model->save(path, &error), qPrintable(error));
    const auto loaded = LogisticModel::load(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->window(), 7);
    QCOMPARE(loaded->transform(), FeatureTransform::Raw);
    QCOMPARE(loaded->weights(), out.model->weights());
    QCOMPARE(loaded->intercept(), out.model->intercept());
    QCOMPARE(loaded->regularizationC(), 0.5);
    QCOMPARE(loaded->trainedOn(), out.model->trainedOn());
    QCOMPARE(loaded->metrics(), out.model->metrics());
}

// Two stocks' examples in one fit; their runs never mix (a: 40 closes give
// 35 examples, b: 3 closes give none, c: 30 give 25). c starts a day before
// a and ends earlier: the span runs from c's first close to a's last.
void TestModelTrainer::pooledStocksFitOnAll()
{
    std::vector<double> a, c;
    for (int i = 0; i < 40; ++i)
        a.push_back(10 + (i * 7 % 5));
    for (int i = 0; i < 30; ++i)
        c.push_back(50 + (i * 3 % 7));
    StockSeries early = series(c, "c.us");
    for (Timestamp& t : early.times)
        t -= timestamp::kSecondsPerDay;
    const std::vector<StockSeries> stocks{series(a, "a.us"), series({1, 2, 3}, "b.us"), early};
    TrainingOptions options;
    const auto refused = ModelTrainer::train(stocks, "prices", options);
    QVERIFY(!refused.model);
    QVERIFY2(refused.error.contains("test fraction of 0"), qPrintable(refused.error));

    options.testFraction = 0;
    const auto out = ModelTrainer::train(stocks, "prices", options);
    QVERIFY2(out.model, qPrintable(out.error));
    QCOMPARE(out.examples, std::size_t(60));
    QCOMPARE(out.model->trainedOn().value("stocks").toInt(), 3);
    QCOMPARE(out.model->trainedOn().value("fit_on").toString(), QStringLiteral("all examples"));
    QCOMPARE(out.model->trainedOn().value("from").toString(), date(early.times.front()));
    QCOMPARE(out.model->trainedOn().value("to").toString(), date(stocks[0].times.back()));
    QVERIFY(!out.test);
}

void TestModelTrainer::badInput_data()
{
    QTest::addColumn<QVector<double>>("closes");
    QTest::addColumn<int>("window");
    QTest::addColumn<double>("c");
    QTest::addColumn<double>("testFraction");
    QTest::addColumn<QString>("why");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QVector<double> zigzag;
    for (int i = 0; i < 100; ++i)
        zigzag.push_back(10 + (i * 7 % 5));
    QVector<double> rising;
    for (int i = 0; i < 100; ++i)
        rising.push_back(10 + i);

    QTest::newRow("fewer than W+1 closes") << QVector<double>{1, 2, 3, 4, 5} << 5 << 1.0 << 0.2 << "at least 6";
    QTest::newRow("no closes") << QVector<double>{} << 5 << 1.0 << 0.2 << "has 0 closes";
    QTest::newRow("constant series") << QVector<double>(100, 42.0) << 5 << 1.0 << 0.2 << "labelled down";
    QTest::newRow("only rises") << rising << 5 << 1.0 << 0.2 << "labelled up";
    QTest::newRow("W = 1") << zigzag << 1 << 1.0 << 0.2 << "window must be from 2 to 60";
    QTest::newRow("W = 61") << zigzag << 61 << 1.0 << 0.2 << "window must be from 2 to 60";
    QTest::newRow("C = 0") << zigzag << 5 << 0.0 << 0.2 << "C must be";
    QTest::newRow("C < 0") << zigzag << 5 << -1.0 << 0.2 << "C must be";
    QTest::newRow("C NaN") << zigzag << 5 << nan << 0.2 << "C must be";
    QTest::newRow("C infinite") << zigzag << 5 << inf << 0.2 << "C must be";
    QTest::newRow("F = 1") << zigzag << 5 << 1.0 << 1.0 << "test fraction";
    QTest::newRow("F < 0") << zigzag << 5 << 1.0 << -0.1 << "test fraction";
    QTest::newRow("F NaN") << zigzag << 5 << 1.0 << nan << "test fraction";
    QTest::newRow("hold-out of nothing") << QVector<double>{1, 2, 1, 2, 1, 2, 1} << 5 << 1.0 << 0.2 << "holds out none";
}

// Each a one-line reason and no model: never a NaN model.
void TestModelTrainer::badInput()
{
    QFETCH(QVector<double>, closes);
    QFETCH(int, window);
    QFETCH(double, c);
    QFETCH(double, testFraction);
    QFETCH(QString, why);
    TrainingOptions options;
    options.window = window;
    options.c = c;
    options.testFraction = testFraction;
    const auto out = ModelTrainer::train(series({closes.begin(), closes.end()}), "x.us.txt", options);
    QVERIFY(!out.model);
    QVERIFY2(out.error.contains(why), qPrintable(out.error));
    QVERIFY(!out.error.contains('\n'));
}

void TestModelTrainer::trainingCountHoldsOutTheTail_data()
{
    QTest::addColumn<int>("examples");
    QTest::addColumn<double>("fraction");
    QTest::addColumn<int>("trained");
    QTest::newRow("a fifth of 100") << 100 << 0.2 << 80;
    QTest::newRow("a fifth of 7: floor(1.4) held out") << 7 << 0.2 << 6;
    QTest::newRow("half of 3: floor(1.5) held out") << 3 << 0.5 << 2;
    QTest::newRow("nothing held out") << 10 << 0.0 << 10;
    QTest::newRow("none") << 0 << 0.2 << 0;
}

void TestModelTrainer::trainingCountHoldsOutTheTail()
{
    QFETCH(int, examples);
    QFETCH(double, fraction);
    QFETCH(int, trained);
    QCOMPARE(ModelTrainer::trainingCount(static_cast<std::size_t>(examples), fraction), static_cast<std::size_t>(trained));
}

// Never backwards, from 0 to 1; the model is the same as without reports.
void TestModelTrainer::progressRunsFromZeroToOne()
{
    std::vector<double> seen;
    TrainingOptions options;
    options.progress = [&](double f) { seen.push_back(f); };
    const auto out = ModelTrainer::train(ibm_->stock(0), "ibm.us.txt", options);
    QVERIFY2(out.model, qPrintable(out.error));
    QVERIFY(seen.size() >= 3);
    QCOMPARE(seen.front(), 0.0);
    QCOMPARE(seen.back(), 1.0);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    const auto quiet = ModelTrainer::train(ibm_->stock(0), "ibm.us.txt", TrainingOptions{});
    QCOMPARE(out.model->weights(), quiet.model->weights());
}

void TestModelTrainer::cancelledRunGivesNoModel()
{
    std::atomic<bool> cancel{true};
    TrainingOptions options;
    options.cancel = &cancel;
    const auto before = ModelTrainer::train(ibm_->stock(0), "ibm.us.txt", options);
    QVERIFY(!before.model);
    QVERIFY(before.cancelled);
    QVERIFY2(before.error.contains("cancelled"), qPrintable(before.error));

    // Raised once the fit has started.
    cancel = false;
    options.progress = [&](double f) { cancel = f > 0.1; };
    const auto during = ModelTrainer::train(ibm_->stock(0), "ibm.us.txt", options);
    QVERIFY(!during.model);
    QVERIFY(during.cancelled);
    QVERIFY(!during.fit.converged);
}

// Raised when the first of four pooled stocks' examples are built: the
// build stops there, and the solver never starts.
void TestModelTrainer::cancelWhileBuildingExamples()
{
    const std::vector<StockSeries> stocks(4, ibm_->stock(0));
    std::atomic<bool> cancel{false};
    std::vector<double> seen;
    TrainingOptions options;
    options.testFraction = 0;
    options.cancel = &cancel;
    options.progress = [&](double f) {
        seen.push_back(f);
        cancel = f > 0;
    };
    const auto out = ModelTrainer::train(stocks, "ibm.us.txt", options);
    QVERIFY(!out.model);
    QVERIFY(out.cancelled);
    QVERIFY2(out.error.contains("cancelled"), qPrintable(out.error));
    QCOMPARE(out.fit.iterations, 0);
    QCOMPARE(seen.size(), std::size_t(2));
    QCOMPARE(seen[0], 0.0);
    QVERIFY(seen[1] > 0 && seen[1] < 1);
}

QTEST_MAIN(TestModelTrainer)
#include "tst_modeltrainer.moc"
