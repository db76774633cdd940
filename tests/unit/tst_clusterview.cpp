// The Clusters view against the very snapshot it shows: the built-in
// sample replayed with three clusters, then every chart checked point by
// point, and the hint while clustering is off.
#include "OnlineSampleWindow.h"
#include "app/panels/ClusterView.h"

#include <QAreaSeries>
#include <QChart>
#include <QComboBox>
#include <QLineSeries>
#include <QScatterSeries>

#include <algorithm>
#include <cmath>

using namespace ss;

class TestClusterView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void saysHowToTurnItOn();
    void stocksArePlacedInTheirClusters();
    void sizesFollowTheBatches();
    void pricesOfTheChosenCluster_data();
    void pricesOfTheChosenCluster();
    void figuresAreTheRegressionsAgainstTheBaseline();
    void manyClustersKeepTheSizesChartReadable();
    void turningItOffShowsTheHintAgain();

private:
    static constexpr int kClusters = 3;
    static constexpr std::size_t kRecords = 20000;
    OnlineSnapshot online() const { return *onlineOf(window_->engine()->snapshot()); }

    QTemporaryDir settings_;
    std::unique_ptr<MainWindow> window_;
};

void TestClusterView::initTestCase()
{
    QVERIFY(settings_.isValid());
    test::isolateSettings(settings_, QStringLiteral("tst_clusterview"));
    window_ = test::sampleWindow();
    QVERIFY(window_);
}

void TestClusterView::saysHowToTurnItOn()
{
    window_->refreshViews();
    QVERIFY(window_->clusterView()->showsHint());
    QCOMPARE(window_->clusterView()->clusterCount(), 0);

    // The online scorer alone does not cluster.
    OnlineOptions scorerOnly;
    scorerOnly.scorer.enabled = true;
    window_->setOnlineOptions(scorerOnly);
    QVERIFY(window_->clusterView()->showsHint());

    OnlineOptions options;
    options.clustering.k = kClusters;
    options.scorer.enabled = true;
    window_->setOnlineOptions(options);
    QVERIFY(test::stepRecords(*window_, kRecords));
    window_->refreshViews();
    QVERIFY(!window_->clusterView()->showsHint());
}

void TestClusterView::stocksArePlacedInTheirClusters()
{
    const OnlineSnapshot s = online();
    const ClusterView* view = window_->clusterView();
    QCOMPARE(view->clusterCount(), kClusters);
    QCOMPARE(s.stockProjection.size(), 2 * s.stockCluster.size());
    std::size_t placed = 0;
    for (int c = 0; c < kClusters; ++c) {
        QList<QPointF> expected;
        for (std::size_t i = 0; i < s.stockCluster.size(); ++i)
            if (s.stockCluster[i] == c)
                expected.append(QPointF(s.stockProjection[2 * i], s.stockProjection[2 * i + 1]));
        QCOMPARE(view->stocks(c)->points(), expected);
        placed += static_cast<std::size_t>(expected.size());
    }
    // After thousands of records every stock of the sample has a cluster.
    QCOMPARE(placed, s.stockCluster.size());
    QVERIFY(placed > 20);
}

void TestClusterView::sizesFollowTheBatches()
{
    const OnlineSnapshot s = online();
    const ClusterView* view = window_->clusterView();
    QCOMPARE(view->shareBandCount(), std::min(kClusters, ClusterView::kMaxSizeLines));
    QVERIFY(!s.clusterHistory.empty());
    const ClusterFrame& last = s.clusterHistory.back();
    std::size_t lastTotal = 0;
    for (int c = 0; c < kClusters; ++c)
        lastTotal += last.sizes[static_cast<std::size_t>(c)];
    // One batch is one day of the sample: at most one record a stock.
    QVERIFY(lastTotal <= s.stockCluster.size());
    // Each cluster's stocks over the last batches the chart pools.
    std::vector<std::size_t> pooled(kClusters);
    std::size_t total = 0;
    const std::size_t from = s.clusterHistory.size() - std::min(s.clusterHistory.size(), ClusterView::kShareBatches);
    for (std::size_t i = from; i < s.clusterHistory.size(); ++i)
        for (int c = 0; c < kClusters; ++c) {
            pooled[static_cast<std::size_t>(c)] += s.clusterHistory[i].sizes[static_cast<std::size_t>(c)];
            total += s.clusterHistory[i].sizes[static_cast<std::size_t>(c)];
        }
    QVERIFY(total > 0);
    // Stacked: each band is its cluster's share of those stocks, the bands
    // meet edge to edge and fill the whole 100 %.
    double below = 0;
    for (int c = 0; c < kClusters; ++c) {
        const QLineSeries* upper = view->shareBand(c)->upperSeries();
        const QLineSeries* lower = view->shareBand(c)->lowerSeries();
        QVERIFY(upper->count() > 0);
        QVERIFY(static_cast<std::size_t>(upper->count()) <= s.clusterHistory.size());
        const double share = 100.0 * static_cast<double>(pooled[static_cast<std::size_t>(c)]) / total;
        QCOMPARE(lower->at(lower->count() - 1).y(), below);
        QVERIFY(qFuzzyCompare(upper->at(upper->count() - 1).y() - below + 1, share + 1));
        below = upper->at(upper->count() - 1).y();
    }
    QVERIFY(qFuzzyCompare(below, 100.0));
}

void TestClusterView::pricesOfTheChosenCluster_data()
{
    QTest::addColumn<int>("cluster");
    for (int c = 0; c < kClusters; ++c)
        QTest::addRow("cluster %d", c + 1) << c;
}

void TestClusterView::pricesOfTheChosenCluster()
{
    QFETCH(int, cluster);
    const OnlineSnapshot s = online();
    ClusterView* view = window_->clusterView();
    view->clusterChoice()->setCurrentIndex(cluster);
    const auto c = static_cast<std::size_t>(cluster);

    const ClusterFrame* lastPriced = nullptr;
    qsizetype priced = 0;
    for (const ClusterFrame& f : s.clusterHistory)
        if (f.resolved[c] > 0) {
            lastPriced = &f;
            ++priced;
        }
    QVERIFY(lastPriced);
    const QLineSeries* real = view->realPrice();
    const QLineSeries* predicted = view->predictedPrice();
    // Thinned to about two points a pixel, each line on its own.
    const auto pixels = static_cast<qsizetype>(real->chart()->plotArea().width());
    const QLineSeries* upper = view->errorBand()->upperSeries();
    const QLineSeries* lower = view->errorBand()->lowerSeries();
    for (const QLineSeries* line : {real, predicted, upper, lower}) {
        QVERIFY(line->count() > 0 && line->count() <= priced);
        QVERIFY(line->count() <= 2 * pixels + 3);
    }
    QCOMPARE(real->at(real->count() - 1).y(), lastPriced->realPrice[c]);
    QCOMPARE(predicted->at(predicted->count() - 1).y(), lastPriced->predictedPrice[c]);

    // The band is one RMSE of the cluster's predicted returns either side.
    const RegressionTally& t = s.clusterRegression[c];
    QVERIFY(t.count > 0);
    const double rmse = std::sqrt(t.squaredError / static_cast<double>(t.count));
    QCOMPARE(upper->at(upper->count() - 1).y(), lastPriced->predictedPrice[c] * (1 + rmse));
    QCOMPARE(lower->at(lower->count() - 1).y(), lastPriced->predictedPrice[c] * (1 - rmse));
}

void TestClusterView::figuresAreTheRegressionsAgainstTheBaseline()
{
    const OnlineSnapshot s = online();
    const RegressionTally& all = s.regression;
    QVERIFY(all.count > 0);
    const auto n = static_cast<double>(all.count);
    const QString text = window_->clusterView()->figures();
    for (double figure : {all.absError / n, all.baselineAbsError / n, std::sqrt(all.squaredError / n),
                          std::sqrt(all.baselineSquaredError / n), static_cast<double>(all.directionCorrect) / n})
        QVERIFY2(text.contains(QString::number(figure, 'f', 4)), qPrintable(text));
}

// Switched on mid-replay with more clusters than the sizes chart draws.
void TestClusterView::manyClustersKeepTheSizesChartReadable()
{
    constexpr int kMany = ClusterView::kMaxSizeLines + 2;
    OnlineOptions options;
    options.clustering.k = kMany;
    window_->setOnlineOptions(options);
    QVERIFY(test::stepRecords(*window_, kRecords));
    window_->refreshViews();
    const OnlineSnapshot s = online();
    const ClusterView* view = window_->clusterView();
    QCOMPARE(view->clusterCount(), kMany);
    QCOMPARE(view->shareBandCount(), ClusterView::kMaxSizeLines);
    for (int c = 0; c < kMany; ++c)
        QCOMPARE(view->stocks(c)->count(),
                 qsizetype(std::count(s.stockCluster.begin(), s.stockCluster.end(), c)));
}

void TestClusterView::turningItOffShowsTheHintAgain()
{
    window_->setOnlineOptions(OnlineOptions{});
    QVERIFY(window_->clusterView()->showsHint());
    QCOMPARE(window_->clusterView()->clusterCount(), 0);
}

QTEST_MAIN(TestClusterView)
#include "tst_clusterview.moc"
