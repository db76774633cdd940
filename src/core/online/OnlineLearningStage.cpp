#include "OnlineLearningStage.h"

#include "ReturnFeatures.h"

#include <algorithm>
#include <array>

namespace ss {

namespace {

Eigen::VectorXd startingWeights(const LogisticModel& model, OnlineStart start)
{
    Eigen::VectorXd w = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model.weights().size()) + 1);
    if (start == OnlineStart::Model) {
        w[0] = model.intercept();
        for (std::size_t j = 0; j < model.weights().size(); ++j)
            w[static_cast<Eigen::Index>(j) + 1] = model.weights()[j];
    }
    return w;
}

std::vector<double> toVector(const Eigen::VectorXd& v)
{
    return {v.data(), v.data() + v.size()};
}

// The two directions along which the centres spread most (unit columns),
// from the eigenvectors of their covariance. A stock's point on them costs
// two dot products, cheap enough for every snapshot.
Eigen::MatrixXd principalAxes(const StreamingKMeans::Matrix& centres)
{
    const Eigen::MatrixXd centred = centres.rowwise() - centres.colwise().mean();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(centred.transpose() * centred);
    const Eigen::MatrixXd& vectors = solver.eigenvectors();  // ascending eigenvalues
    Eigen::MatrixXd axes = Eigen::MatrixXd::Zero(centres.cols(), 2);
    for (Eigen::Index i = 0; i < std::min<Eigen::Index>(2, vectors.cols()); ++i)
        axes.col(i) = vectors.col(vectors.cols() - 1 - i);
    return axes;
}

} // namespace

StageFactory onlineLearning(const OnlineOptions& options)
{
    return [options](std::size_t stocks, const LogisticModel& model) -> std::unique_ptr<PipelineStage> {
        return std::make_unique<OnlineLearningStage>(stocks, options, model);
    };
}

OnlineLearningStage::OnlineLearningStage(std::size_t stocks, const OnlineOptions& options,
                                         const LogisticModel& startModel)
    : options_(options), startModel_(startModel), stocks_(stocks),
      dimension_(options.clustering.featureWindow),
      kmeans_(options.clustering.k, dimension_, options.clustering.effectiveDecay()),
      random_(options.clustering.seed),
      scorerFeatures_(static_cast<int>(startModel.weights().size())), onlineCalls_(stocks), staticCalls_(stocks)
{
    const auto k = static_cast<std::size_t>(options_.clustering.k);
    if (k > 0) {
        batchSums_ = StreamingKMeans::Matrix::Zero(options_.clustering.k, dimension_);
        batchCounts_.assign(k, 0.0);
        regressions_.assign(k, OnlineLinearRegression(dimension_, options_.regression));
        examples_.resize(k);
        clusterTallies_.resize(k);
        batchResolved_.assign(k, 0);
        batchRealPrice_.assign(k, 0.0);
        batchPredictedPrice_.assign(k, 0.0);
        pendingReturns_.resize(stocks);
        pendingFeatures_.resize(stocks * static_cast<std::size_t>(dimension_));
        stockCluster_.assign(stocks, -1);
    }
    if (options_.scorer.enabled) {
        startScorer_.emplace(startingWeights(startModel, options_.scorer.start), options_.scorer.update,
                             options_.scorer.step, 1.0 / startModel.regularizationC());
        scorers_.assign(options_.scorer.scope == OnlineScope::Global ? 1 : stocks, *startScorer_);
        callFeatures_.resize(stocks * static_cast<std::size_t>(scorerFeatures_));
    }
}

void OnlineLearningStage::reset()
{
    *this = OnlineLearningStage(stocks_, options_, startModel_);
}

void OnlineLearningStage::addStock()
{
    ++stocks_;
    if (options_.clusteringEnabled()) {
        pendingReturns_.emplace_back();
        pendingFeatures_.resize(stocks_ * static_cast<std::size_t>(dimension_));
        stockCluster_.push_back(-1);
    }
    if (options_.scorer.enabled) {
        if (options_.scorer.scope == OnlineScope::PerStock)
            scorers_.push_back(*startScorer_);
        callFeatures_.resize(stocks_ * static_cast<std::size_t>(scorerFeatures_));
        onlineCalls_.addStock();
        staticCalls_.addStock();
    }
}

void OnlineLearningStage::processReturns(const Tick& tick, const Windower& windower)
{
    const std::size_t stock = tick.stock;
    double* x = &pendingFeatures_[stock * static_cast<std::size_t>(dimension_)];
    PendingReturn& pending = pendingReturns_[stock];
    if (pending.valid) {
        const double actual = returns::relative(tick.close, pending.close);
        cappedReturns_ += tick.close / pending.close - 1.0 > returns::kMaxMove;
        const auto c = static_cast<std::size_t>(pending.cluster);
        clusterTallies_[c].add(pending.predicted, actual, tick.close > pending.close);
        std::vector<double>& examples = examples_[c];
        examples.insert(examples.end(), x, x + dimension_);
        examples.push_back(actual);
        ++batchResolved_[c];
        batchRealPrice_[c] += tick.close;
        batchPredictedPrice_[c] += pending.close * (1.0 + pending.predicted);
        pending.valid = false;
    }
    if (!returns::recent(windower, stock, dimension_, x))
        return;
    if (!kmeans_.initialized()) {
        seedPoints_.insert(seedPoints_.end(), x, x + dimension_);
        return;
    }
    const int c = accumulate(x);
    stockCluster_[stock] = c;
    pending = {regressions_[static_cast<std::size_t>(c)].predict(x), tick.close, c, true};
    latest_.cluster = c;
    latest_.predictedClose = tick.close * (1.0 + pending.predicted);
}

void OnlineLearningStage::processCall(const Tick& tick, const Windower& windower, std::optional<bool> staticUp)
{
    const std::size_t stock = tick.stock;
    double* x = &callFeatures_[stock * static_cast<std::size_t>(scorerFeatures_)];
    // Both evaluators hold a call on the same window, or neither does.
    const auto staticOutcome = staticCalls_.resolve(stock, tick.close);
    if (const auto outcome = onlineCalls_.resolve(stock, tick.close); outcome && staticOutcome) {
        onlineRolling_.add(outcome->correct);
        staticRolling_.add(staticOutcome->correct);
        upRolling_.add(outcome->actualUp);
        lastMoveRolling_.add(outcome->lastMoveCorrect);
        if (!scorerFor(stock).learn(x, outcome->actualUp))
            ++scorerRestarts_;
    }
    // Only the windows both scorers call are compared.
    std::array<double, features::kMaxWindow> window;
    const int w = startModel_.window();
    if (!staticUp || !windower.window(stock, w, window.data()))
        return;
    features::compute(startModel_.transform(), window.data(), w, x);
    const double n1 = window[static_cast<std::size_t>(w - 1)], n2 = window[static_cast<std::size_t>(w - 2)];
    latest_.pUp = LogisticModel::probability(scorerFor(stock).margin(x));
    const bool onlineUp = latest_.pUp > 0.5;
    onlineCalls_.call(stock, tick.time, n1, n2, onlineUp);
    staticCalls_.call(stock, tick.time, n1, n2, *staticUp);
}

void OnlineLearningStage::finish()
{
    if (inBatch_ > 0)
        endBatch();
}

int OnlineLearningStage::accumulate(const double* point)
{
    const int c = kmeans_.nearest(point);
    batchSums_.row(c) += Eigen::Map<const Eigen::RowVectorXd>(point, dimension_);
    batchCounts_[static_cast<std::size_t>(c)] += 1;
    return c;
}

void OnlineLearningStage::endBatch()
{
    if (options_.clusteringEnabled())
        learnClusters();
    if (options_.scorer.enabled)
        accuracyHistory_.offer(
            [&] { return AccuracyPoint{batchTime_, staticRolling_.accuracy(), onlineRolling_.accuracy(),
                                     upRolling_.accuracy(), lastMoveRolling_.accuracy()};
            });
    ++batches_;
    inBatch_ = 0;
}

void OnlineLearningStage::learnClusters()
{
    if (!kmeans_.initialized()) {
        const auto rows = static_cast<Eigen::Index>(seedPoints_.size()) / dimension_;
        const Eigen::Map<const StreamingKMeans::Matrix> points(seedPoints_.data(), rows, dimension_);
        // Too few points yet: keep them for the next batch.
        if (!kmeans_.initializeFrom(points, options_.clustering.seed))
            return;
        for (Eigen::Index i = 0; i < rows; ++i)
            accumulate(points.row(i).data());
        seedPoints_ = {};
    }
    if (const auto split = kmeans_.update(batchSums_, batchCounts_)) {
        // Both halves of the split cluster start from the model it had.
        regressions_[static_cast<std::size_t>(split->dying)] = regressions_[static_cast<std::size_t>(split->largest)];
        ++splits_;
    }
    const std::size_t stride = static_cast<std::size_t>(dimension_) + 1;
    for (std::size_t c = 0; c < regressions_.size(); ++c) {
        if (!regressions_[c].learn(examples_[c].data(), examples_[c].size() / stride, random_))
            ++regressionRestarts_;
        examples_[c].clear();
    }
    lastSizes_.assign(batchCounts_.begin(), batchCounts_.end());
    clusterHistory_.offer([&] {
        ClusterFrame frame;
        frame.time = batchTime_;
        frame.centres.assign(kmeans_.centres().data(), kmeans_.centres().data() + kmeans_.centres().size());
        frame.sizes = lastSizes_;
        frame.resolved = batchResolved_;
        for (std::size_t c = 0; c < batchResolved_.size(); ++c) {
            const double n = static_cast<double>(std::max<std::size_t>(batchResolved_[c], 1));
            frame.realPrice.push_back(batchRealPrice_[c] / n);
            frame.predictedPrice.push_back(batchPredictedPrice_[c] / n);
        }
        return frame;
    });
    batchSums_.setZero();
    std::fill(batchCounts_.begin(), batchCounts_.end(), 0.0);
    std::fill(batchResolved_.begin(), batchResolved_.end(), 0);
    std::fill(batchRealPrice_.begin(), batchRealPrice_.end(), 0.0);
    std::fill(batchPredictedPrice_.begin(), batchPredictedPrice_.end(), 0.0);
}

OnlineSnapshot OnlineLearningStage::snapshot() const
{
    OnlineSnapshot s;
    s.options = options_;
    s.batches = batches_;
    if (options_.clusteringEnabled()) {
        s.centres.assign(kmeans_.centres().data(), kmeans_.centres().data() + kmeans_.centres().size());
        s.weights = toVector(kmeans_.weights());
        s.sizes = lastSizes_;
        s.stockCluster = stockCluster_;
        if (kmeans_.initialized()) {
            const Eigen::MatrixXd axes = principalAxes(kmeans_.centres());
            s.stockProjection.resize(2 * stocks_);
            const Eigen::Map<const StreamingKMeans::Matrix> x(
                pendingFeatures_.data(), static_cast<Eigen::Index>(stocks_), dimension_);
            Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, 2, Eigen::RowMajor>>(
                s.stockProjection.data(), static_cast<Eigen::Index>(stocks_), 2) = x * axes;
        }
        s.clusterRegression = clusterTallies_;
        for (const RegressionTally& t : clusterTallies_)
            s.regression += t;
        for (const OnlineLinearRegression& r : regressions_)
            s.regressionWeights.push_back(toVector(r.weights()));
        s.cappedReturns = cappedReturns_;
        s.regressionRestarts = regressionRestarts_;
        s.splits = splits_;
        s.clusterHistory = clusterHistory_.points();
    }
    if (options_.scorer.enabled) {
        s.onlineTally = onlineCalls_.overall();
        s.staticTally = staticCalls_.overall();
        s.rollingSpan = onlineRolling_.span();
        s.accuracyHistory = accuracyHistory_.points();
        if (options_.scorer.scope == OnlineScope::Global)
            s.onlineWeights = toVector(scorers_.front().weights());
        s.scorerRestarts = scorerRestarts_;
    }
    return s;
}

} // namespace ss
