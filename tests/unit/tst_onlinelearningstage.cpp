#include "Patience.h"
#include "core/online/OnlineLearningStage.h"
#include "core/stream/ReplayEngine.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <numeric>

using namespace ss;

namespace {

// The online stage's figures, as the pipeline's snapshot carries them.
OnlineSnapshot onlineState(const PredictionPipeline& pipeline)
{
    return *onlineOf(snapshotOf(pipeline, {}));
}

Timestamp day(int d)
{
    return timestamp::fromCivil(2000, 1, 3) + Timestamp(d) * timestamp::kSecondsPerDay;
}

// Each stock's closes from its daily returns: closes[s][d].
std::shared_ptr<const MarketData> fromReturns(const std::vector<std::vector<double>>& returns)
{
    std::vector<StockSeries> series;
    for (std::size_t s = 0; s < returns.size(); ++s) {
        StockSeries x;
        x.name = QStringLiteral("s%1.us").arg(s, 3, 10, QChar('0')).toStdString();
        double close = 50.0 + double(s);
        for (std::size_t d = 0; d <= returns[s].size(); ++d) {
            x.times.push_back(day(int(d)));
            x.closes.push_back(close);
            if (d < returns[s].size())
                close *= 1 + returns[s][d];
        }
        series.push_back(std::move(x));
    }
    return std::make_shared<const MarketData>(std::move(series));
}

std::shared_ptr<const MarketData> randomWalks(int stocks, int days, quint64 seed)
{
    QRandomGenerator rng(seed);
    std::vector<std::vector<double>> r(static_cast<std::size_t>(stocks));
    for (auto& stock : r)
        for (int d = 0; d < days; ++d)
            stock.push_back((rng.generateDouble() - 0.5) * 0.06);
    return fromReturns(r);
}

std::shared_ptr<const LogisticModel> flatModel(double intercept = 0)
{
    return std::make_shared<const LogisticModel>(5, FeatureTransform::Relative, std::vector<double>{0, 0, 0, 0},
                                                 intercept);
}

// Runs the pipeline over every record of `data` before `until`.
void run(PredictionPipeline& pipeline, TickMerger& merger, Timestamp until = std::numeric_limits<Timestamp>::max())
{
    Tick tick{};
    Timestamp next;
    while (merger.peekTime(next) && next < until && merger.next(tick))
        pipeline.process(tick);
    if (!merger.peekTime(next))
        pipeline.finish();
}

OnlineSnapshot replay(const MarketData& data, const OnlineOptions& options,
                      const std::shared_ptr<const LogisticModel>& model = flatModel())
{
    PredictionPipeline pipeline(data.stockCount(), model);
    pipeline.plugStage(onlineLearning(options));
    TickMerger merger(data);
    run(pipeline, merger);
    return onlineState(pipeline);
}

OnlineOptions clusters(int k, int window, double decay)
{
    OnlineOptions o;
    o.clustering.k = k;
    o.clustering.featureWindow = window;
    o.clustering.decay = decay;
    return o;
}

} // namespace

class TestOnlineLearningStage : public QObject {
    Q_OBJECT
private slots:
    void twoRegimesSwapClusters_data();
    void twoRegimesSwapClusters();
    void predictThenLearnByHand();
    void sameSeedSameRun();
    void projectionKeepsDistancesAlongTheCentres();
    void batchesOfRecords_data();
    void batchesOfRecords();
    void scorerThatCannotLearnMatchesTheStaticModel();
    void scorerLearnsWhatTheStaticModelMisses_data();
    void scorerLearnsWhatTheStaticModelMisses();
    void rollingLastMoveBaseline_data();
    void rollingLastMoveBaseline();
    void rewindStartsOver();
    void stocksAddedMidStream();
    void engineSnapshotCarriesTheFigures();
    void badOptions_data();
    void badOptions();
};

void TestOnlineLearningStage::twoRegimesSwapClusters_data()
{
    QTest::addColumn<double>("decay");
    QTest::newRow("decay 0.5: centres follow") << 0.5;
    QTest::newRow("decay 1: centres remember") << 1.0;
}

// Ten stocks rise 1% a day while ten fall 1%; from day 100 the first ten
// fall 3% a day and the others rise 3%. Two clusters: each stock must end
// in the cluster the other group was in, and the centres follow the new
// regime as fast as the decay lets them.
void TestOnlineLearningStage::twoRegimesSwapClusters()
{
    QFETCH(double, decay);
    constexpr int kDays = 200, kSwitch = 100;
    std::vector<std::vector<double>> r(20);
    for (std::size_t s = 0; s < r.size(); ++s) {
        const double sign = s < 10 ? 1 : -1;
        const double jitter = 1e-4 * double(s % 10);  // so no two stocks are the same point
        for (int d = 0; d < kDays; ++d)
            r[s].push_back(d < kSwitch ? sign * 0.01 + jitter : -sign * 0.03 + jitter);
    }
    const auto data = fromReturns(r);
    PredictionPipeline pipeline(data->stockCount(), flatModel());
    pipeline.plugStage(onlineLearning(clusters(2, 2, decay)));
    TickMerger merger(*data);
    run(pipeline, merger, day(kSwitch));
    const OnlineSnapshot before = onlineState(pipeline);
    run(pipeline, merger);
    const OnlineSnapshot after = onlineState(pipeline);

    const int risingBefore = before.stockCluster[0];
    QVERIFY(risingBefore == 0 || risingBefore == 1);
    for (std::size_t s = 0; s < 20; ++s) {
        QCOMPARE(before.stockCluster[s], s < 10 ? risingBefore : 1 - risingBefore);
        QCOMPARE(after.stockCluster[s], s < 10 ? 1 - risingBefore : risingBefore);
    }
    // Cluster of the first ten at the switch: once about +1% (and the mean
    // of the others'), now where the first ten went, or its all-time mean.
    const auto centre = [](const OnlineSnapshot& s, int c) { return s.centres[std::size_t(c) * 2 + 1]; };
    QVERIFY(std::abs(centre(before, risingBefore) - 0.01045) < 1e-3);
    if (decay < 1) {
        QVERIFY(std::abs(centre(after, risingBefore) - 0.03045) < 1e-3);
        QVERIFY(std::abs(centre(after, 1 - risingBefore) + 0.02955) < 1e-3);
    } else {
        QVERIFY(std::abs(centre(after, risingBefore) - 0.02) < 2e-3);
    }
    QCOMPARE(after.splits, std::size_t(0));
}

// One stock up 1% a day; one cluster over its last return; exact least
// squares. Predictions start on day 2 (the centres form at the end of day
// 1, the first day with a return). The first two use the untrained model
// (a return of 0): the example from day 2's call resolves on day 3 and is
// learnt at the end of that day, after day 3's call. From then on one
// example (0.01 -> 0.01) is enough to predict 0.01 exactly.
void TestOnlineLearningStage::predictThenLearnByHand()
{
    constexpr int kDays = 20;
    const auto data = fromReturns({std::vector<double>(kDays - 1, 0.01)});
    OnlineOptions options = clusters(1, 1, 1.0);
    options.regression.method = RegressionMethod::Rls;
    const OnlineSnapshot s = replay(*data, options);

    const std::size_t predictions = kDays - 3;  // made on days 2 .. 19, the last one open
    QCOMPARE(s.batches, std::size_t(kDays));
    QCOMPARE(s.regression.count, predictions);
    QVERIFY(std::abs(s.regression.mae() - 2 * 0.01 / predictions) < 1e-8);
    QVERIFY(std::abs(s.regression.rmse() - std::sqrt(2 * 0.0001 / predictions)) < 1e-8);
    QCOMPARE(s.regression.directionalAccuracy(), double(predictions - 2) / predictions);
    QVERIFY(std::abs(s.regression.baselineMae() - 0.01) < 1e-12);
    QCOMPARE(s.regression.baselineDirectionalAccuracy(), 0.0);
    QCOMPARE(s.stockCluster, std::vector<int>{0});
    QVERIFY(std::abs(s.centres[0] - 0.01) < 1e-12);
    QCOMPARE(s.weights[0], double(kDays - 1));  // every return since day 1
    // Real against predicted prices, per batch: equal once it has learnt.
    const ClusterFrame& last = s.clusterHistory.back();
    QCOMPARE(last.resolved, std::vector<std::size_t>{1});
    QVERIFY(std::abs(last.predictedPrice[0] / last.realPrice[0] - 1) < 1e-8);
}

void TestOnlineLearningStage::sameSeedSameRun()
{
    const auto data = randomWalks(60, 80, 5);
    OnlineOptions options = clusters(4, 5, 0.9);
    options.regression.miniBatchFraction = 0.5;
    options.scorer.enabled = true;
    const OnlineSnapshot a = replay(*data, options);
    const OnlineSnapshot b = replay(*data, options);
    options.clustering.seed = 43;
    const OnlineSnapshot c = replay(*data, options);
    QCOMPARE(a.centres, b.centres);
    QCOMPARE(a.stockCluster, b.stockCluster);
    QCOMPARE(a.regressionWeights, b.regressionWeights);
    QCOMPARE(a.regression.absError, b.regression.absError);
    QCOMPARE(a.onlineTally.correct, b.onlineTally.correct);
    QVERIFY(a.centres != c.centres);
}

// Stocks that move by the same return every day have feature vectors r·(1,
// …, 1), all on one line, and so have the centres, their means: the first
// principal axis is that line, and on it two stocks lie √W·|ra - rb| apart,
// with nothing along the second axis.
void TestOnlineLearningStage::projectionKeepsDistancesAlongTheCentres()
{
    constexpr int kWindow = 5;
    std::vector<double> rates;
    for (double base : {-0.02, 0.0, 0.03})
        for (int i = 0; i < 4; ++i)
            rates.push_back(base + 0.001 * i);
    std::vector<std::vector<double>> returns;
    for (double r : rates)
        returns.emplace_back(40, r);
    const OnlineSnapshot s = replay(*fromReturns(returns), clusters(3, kWindow, 1.0));
    QCOMPARE(s.stockProjection.size(), 2 * rates.size());
    for (std::size_t a = 0; a < rates.size(); ++a) {
        QVERIFY(std::abs(s.stockProjection[2 * a + 1]) < 1e-9);
        for (std::size_t b = 0; b < a; ++b) {
            const double apart = std::abs(s.stockProjection[2 * a] - s.stockProjection[2 * b]);
            QVERIFY(std::abs(apart - std::sqrt(double(kWindow)) * std::abs(rates[a] - rates[b])) < 1e-9);
        }
    }
}

void TestOnlineLearningStage::batchesOfRecords_data()
{
    QTest::addColumn<int>("batchRecords");
    QTest::addColumn<int>("batches");
    // 7 stocks × 30 days = 210 records.
    QTest::newRow("days") << 0 << 30;
    QTest::newRow("one record") << 1 << 210;
    QTest::newRow("50 records") << 50 << 5;  // 4 full and a last one of 10
    QTest::newRow("more than all") << 1000 << 1;
}

void TestOnlineLearningStage::batchesOfRecords()
{
    QFETCH(int, batchRecords);
    QFETCH(int, batches);
    OnlineOptions options = clusters(2, 3, 1.0);
    options.batchRecords = std::size_t(batchRecords);
    const OnlineSnapshot s = replay(*randomWalks(7, 29, 1), options);
    QCOMPARE(s.batches, std::size_t(batches));
    // Every point of the stream went into some batch: 7 stocks × 27 days with three returns.
    QCOMPARE(std::accumulate(s.weights.begin(), s.weights.end(), 0.0), 7.0 * 27);
}

// SGD with a vanishing step never moves off the static model's weights:
// both make the same calls, and the tallies of both are the pipeline's.
void TestOnlineLearningStage::scorerThatCannotLearnMatchesTheStaticModel()
{
    const auto data = randomWalks(30, 200, 8);
    const auto model = std::make_shared<const LogisticModel>(5, FeatureTransform::Relative,
                                                             std::vector<double>{3, -2, 1, -4}, 0.01);
    OnlineOptions options;
    options.scorer.enabled = true;
    options.scorer.update = OnlineUpdate::Sgd;
    options.scorer.step = 1e-300;
    PredictionPipeline pipeline(data->stockCount(), model);
    pipeline.plugStage(onlineLearning(options));
    TickMerger merger(*data);
    run(pipeline, merger);
    const OnlineSnapshot s = onlineState(pipeline);
    const Tally& t = pipeline.evaluator().overall();
    for (const Tally& scorer : {s.onlineTally, s.staticTally}) {
        QCOMPARE(scorer.windows, t.windows);
        QCOMPARE(scorer.resolved, t.resolved);
        QCOMPARE(scorer.correct, t.correct);
        QCOMPARE(scorer.actualUp, t.actualUp);
        QCOMPARE(scorer.lastMoveCorrect, t.lastMoveCorrect);
    }
    QVERIFY(t.correct > 0 && t.correct < t.resolved);
    QVERIFY(!s.accuracyHistory.empty());
    QCOMPARE(s.accuracyHistory.back().onlineAccuracy, s.accuracyHistory.back().staticAccuracy);
}

void TestOnlineLearningStage::scorerLearnsWhatTheStaticModelMisses_data()
{
    QTest::addColumn<int>("update");
    QTest::addColumn<int>("scope");
    QTest::addColumn<int>("start");
    QTest::newRow("newton, global") << int(OnlineUpdate::Newton) << int(OnlineScope::Global) << int(OnlineStart::Model);
    QTest::newRow("newton, per stock") << int(OnlineUpdate::Newton) << int(OnlineScope::PerStock) << int(OnlineStart::Model);
    QTest::newRow("sgd, global") << int(OnlineUpdate::Sgd) << int(OnlineScope::Global) << int(OnlineStart::Model);
    QTest::newRow("sgd, from zero") << int(OnlineUpdate::Sgd) << int(OnlineScope::Global) << int(OnlineStart::Zero);
}

// Every stock rises every day; the static model always says down. The
// online scorer must learn to say up: right on nearly every call, where
// the static model is never right.
void TestOnlineLearningStage::scorerLearnsWhatTheStaticModelMisses()
{
    QFETCH(int, update);
    QFETCH(int, scope);
    QFETCH(int, start);
    const auto data = fromReturns(std::vector<std::vector<double>>(10, std::vector<double>(300, 0.002)));
    OnlineOptions options;
    options.scorer.enabled = true;
    options.scorer.update = static_cast<OnlineUpdate>(update);
    options.scorer.scope = static_cast<OnlineScope>(scope);
    options.scorer.start = static_cast<OnlineStart>(start);
    options.scorer.step = 0.5;
    const OnlineSnapshot s = replay(*data, options, flatModel(-1));
    QCOMPARE(s.staticTally.correct, 0u);
    QCOMPARE(s.staticTally.alwaysUpAccuracy(), 1.0);
    QCOMPARE(s.onlineTally.resolved, s.staticTally.resolved);
    QVERIFY2(s.onlineTally.accuracy() > 0.9, qPrintable(QString::number(s.onlineTally.accuracy())));
    QCOMPARE(s.accuracyHistory.back().staticAccuracy, 0.0);
    QCOMPARE(s.accuracyHistory.back().onlineAccuracy, 1.0);
    QCOMPARE(s.onlineWeights.empty(), scope == int(OnlineScope::PerStock));
}

void TestOnlineLearningStage::rollingLastMoveBaseline_data()
{
    QTest::addColumn<double>("secondReturn");
    QTest::addColumn<double>("expected");
    // Every move repeats the one before: the baseline is always right.
    QTest::newRow("trend") << 0.01 << 1.0;
    // Every move undoes the one before: it is always wrong.
    QTest::newRow("zigzag") << -0.01 << 0.0;
}

// The Compare view's "same as last move" line, on series whose answer is
// known without running the baseline.
void TestOnlineLearningStage::rollingLastMoveBaseline()
{
    QFETCH(double, secondReturn);
    QFETCH(double, expected);
    std::vector<double> returns;
    for (int day = 0; day < 200; ++day)
        returns.push_back(day % 2 ? secondReturn : 0.01);
    OnlineOptions options;
    options.scorer.enabled = true;
    const OnlineSnapshot s = replay(*fromReturns({returns, returns}), options);
    QVERIFY(!s.accuracyHistory.empty());
    QCOMPARE(s.accuracyHistory.back().lastMoveAccuracy, expected);
    QCOMPARE(s.staticTally.lastMoveAccuracy(), expected);
}

void TestOnlineLearningStage::rewindStartsOver()
{
    const auto data = randomWalks(20, 60, 2);
    OnlineOptions options = clusters(3, 4, 0.8);
    options.scorer.enabled = true;
    PredictionPipeline pipeline(data->stockCount(), flatModel());
    pipeline.plugStage(onlineLearning(options));
    TickMerger merger(*data);
    run(pipeline, merger);
    const OnlineSnapshot first = onlineState(pipeline);
    pipeline.reset();
    merger.rewind();
    run(pipeline, merger);
    const OnlineSnapshot second = onlineState(pipeline);
    QCOMPARE(second.batches, first.batches);
    QCOMPARE(second.centres, first.centres);
    QCOMPARE(second.regression.count, first.regression.count);
    QCOMPARE(second.onlineTally.correct, first.onlineTally.correct);
    QCOMPARE(second.clusterHistory.size(), first.clusterHistory.size());
}

// A live feed numbers its stocks as they come: a stage told of each new
// stock before its first record gives the figures of one that knew them all
// from the start.
void TestOnlineLearningStage::stocksAddedMidStream()
{
    const auto data = randomWalks(15, 50, 6);
    OnlineOptions options = clusters(3, 4, 0.9);
    options.scorer.enabled = true;
    options.scorer.scope = OnlineScope::PerStock;
    const OnlineSnapshot all = replay(*data, options);

    PredictionPipeline pipeline(0, flatModel());
    pipeline.plugStage(onlineLearning(options));
    TickMerger merger(*data);
    Tick tick{};
    std::size_t known = 0;
    while (merger.next(tick)) {
        while (known <= tick.stock)
            QCOMPARE(pipeline.addStock(), known++);
        pipeline.process(tick);
    }
    pipeline.finish();
    const OnlineSnapshot grown = onlineState(pipeline);
    QCOMPARE(grown.stockCluster, all.stockCluster);
    QCOMPARE(grown.centres, all.centres);
    QCOMPARE(grown.regression.absError, all.regression.absError);
    QCOMPARE(grown.onlineTally.correct, all.onlineTally.correct);
    QCOMPARE(grown.staticTally.resolved, all.staticTally.resolved);
}

void TestOnlineLearningStage::engineSnapshotCarriesTheFigures()
{
    const auto data = randomWalks(12, 40, 3);
    ReplayEngine plain(data, flatModel());
    plain.play();
    QVERIFY(plain.waitUntilDone(std::chrono::milliseconds(kPatienceMs)));
    QVERIFY(!onlineOf(plain.snapshot()));

    ReplayEngine engine(data, flatModel());
    OnlineOptions options = clusters(3, 5, 1.0);
    options.scorer.enabled = true;
    engine.plugStage(onlineLearning(options));
    engine.play();
    QVERIFY(engine.waitUntilDone(std::chrono::milliseconds(kPatienceMs)));
    const ReplaySnapshot s = engine.snapshot();
    const auto online = onlineOf(s);
    QVERIFY(online);
    QCOMPARE(online->batches, std::size_t(41));  // the last batch completes at the end
    QCOMPARE(online->stockCluster.size(), std::size_t(12));
    QCOMPARE(online->clusterHistory.back().time, day(40));
    QCOMPARE(online->staticTally.resolved, s.overall.resolved);
}

void TestOnlineLearningStage::badOptions_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("negative k") << 0 << -1.0 << "clusters";
    QTest::newRow("huge k") << 0 << 1e6 << "clusters";
    QTest::newRow("no returns") << 1 << 0.0 << "feature window";
    QTest::newRow("window past the ring") << 1 << 64.0 << "feature window";
    QTest::newRow("decay above 1") << 2 << 1.5 << "decay";
    QTest::newRow("decay NaN") << 2 << qQNaN() << "decay";
    QTest::newRow("half-life 0") << 3 << 0.0 << "half-life";
    QTest::newRow("half-life infinite") << 3 << qInf() << "half-life";
    QTest::newRow("step 0") << 4 << 0.0 << "step";
    QTest::newRow("fraction 0") << 5 << 0.0 << "fraction";
    QTest::newRow("fraction above 1") << 5 << 1.01 << "fraction";
    QTest::newRow("no iterations") << 6 << 0.0 << "iterations";
    QTest::newRow("online step negative") << 7 << -0.1 << "online step";
}

void TestOnlineLearningStage::badOptions()
{
    QFETCH(int, field);
    QFETCH(double, value);
    QFETCH(QString, message);
    OnlineOptions o = clusters(2, 5, 1);
    QVERIFY(!o.problem());
    switch (field) {
    case 0: o.clustering.k = int(value); break;
    case 1: o.clustering.featureWindow = int(value); break;
    case 2: o.clustering.decay = value; break;
    case 3: o.clustering.halfLife = value; break;
    case 4: o.regression.step = value; break;
    case 5: o.regression.miniBatchFraction = value; break;
    case 6: o.regression.iterations = int(value); break;
    case 7: o.scorer.step = value; break;
    }
    const auto problem = o.problem();
    QVERIFY(problem);
    QVERIFY2(problem->contains(message), qPrintable(*problem));
}

QTEST_MAIN(TestOnlineLearningStage)
#include "tst_onlinelearningstage.moc"
