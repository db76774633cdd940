#pragma once

#include "BoundedHistory.h"
#include "core/stream/OnlineCall.h"
#include "OnlineLinearRegression.h"
#include "OnlineLogisticModel.h"
#include "OnlineOptions.h"
#include "OnlineSnapshot.h"
#include "RollingAccuracy.h"
#include "StreamingKMeans.h"
#include "core/model/LogisticModel.h"
#include "core/model/ProgressiveEvaluator.h"
#include "core/stream/PipelineStage.h"
#include "core/stream/ReplaySnapshot.h"

#include <optional>
#include <random>
#include <vector>

namespace ss {

// The learn-as-you-go models beside the static scorer, fed record by record
// in stream order (PredictionPipeline calls it when switched on):
//  * streaming k-means over each stock's last W returns, one update a
//    mini-batch (a timestamp, or N records);
//  * per cluster, a linear model of the next return: each record is
//    predicted with its stock's nearest centre's model as the last batch
//    left them, judged when the stock's next close arrives, and learnt
//    from at the end of that batch (predict, then learn);
//  * an online logistic scorer that calls every window the static model
//    calls and learns each call's outcome as soon as it resolves.
class OnlineLearningStage final : public PipelineStage {
public:
    // The scorer's window and features are those of startModel.
    OnlineLearningStage(std::size_t stocks, const OnlineOptions& options, const LogisticModel& startModel);

    void reset() override;
    void addStock() override;
    void process(const Tick& tick, const Windower& windower, std::optional<bool> staticUp) override
    {
        const bool batchEnds = options_.batchRecords ? inBatch_ == options_.batchRecords
                                                     : inBatch_ > 0 && tick.time != batchTime_;
        if (batchEnds)
            endBatch();
        batchTime_ = tick.time;
        ++inBatch_;
        latest_ = {};
        if (options_.clusteringEnabled())
            processReturns(tick, windower);
        if (options_.scorer.enabled)
            processCall(tick, windower, staticUp);
    }
    // The stream ended: its last batch is complete.
    void finish() override;
    // What the models said about the record process() took last: kept for
    // the one record only, so the pipeline can hand it to its sinks with
    // the static model's call without a copy of the stage's state.
    const OnlineCall* latestCall() const override { return &latest_; }

    const OnlineOptions& options() const { return options_; }
    OnlineSnapshot snapshot() const;
    std::shared_ptr<const StageSnapshot> stageSnapshot() const override
    {
        return std::make_shared<const OnlineSnapshot>(snapshot());
    }

private:
    struct PendingReturn {
        double predicted = 0;
        double close = 0;
        int cluster = 0;
        bool valid = false;
    };

    void processReturns(const Tick& tick, const Windower& windower);
    void processCall(const Tick& tick, const Windower& windower, std::optional<bool> staticUp);
    void endBatch();
    void learnClusters();
    // Adds a point to its nearest centre's batch sums; returns that centre.
    int accumulate(const double* point);
    OnlineLogisticModel& scorerFor(std::size_t stock)
    {
        return scorers_[options_.scorer.scope == OnlineScope::Global ? 0 : stock];
    }

    OnlineOptions options_;
    LogisticModel startModel_;
    std::size_t stocks_;
    std::size_t inBatch_ = 0;
    Timestamp batchTime_ = 0;
    std::size_t batches_ = 0;
    OnlineCall latest_;

    // Clustering and regression.
    int dimension_;
    StreamingKMeans kmeans_;
    StreamingKMeans::Matrix batchSums_;
    std::vector<double> batchCounts_;
    std::vector<double> seedPoints_;  // points seen before the centres exist
    std::vector<OnlineLinearRegression> regressions_;
    std::vector<std::vector<double>> examples_;  // per cluster: rows [x, next return]
    std::vector<RegressionTally> clusterTallies_;
    std::vector<std::size_t> batchResolved_;
    std::vector<double> batchRealPrice_, batchPredictedPrice_;
    std::vector<PendingReturn> pendingReturns_;
    std::vector<double> pendingFeatures_;  // stocks × dimension
    std::vector<int> stockCluster_;
    std::vector<std::size_t> lastSizes_;  // the latest batch's points per cluster
    std::mt19937_64 random_;
    std::size_t cappedReturns_ = 0;
    std::size_t regressionRestarts_ = 0;
    std::size_t splits_ = 0;
    BoundedHistory<ClusterFrame> clusterHistory_;

    // The online scorer.
    int scorerFeatures_;
    std::optional<OnlineLogisticModel> startScorer_;  // what each scorer starts as
    std::vector<OnlineLogisticModel> scorers_;        // one, or one per stock
    std::vector<double> callFeatures_;          // stocks × scorer features
    ProgressiveEvaluator onlineCalls_, staticCalls_;
    RollingAccuracy onlineRolling_, staticRolling_, upRolling_, lastMoveRolling_;  // upRolling_: "correct" = the close rose
    BoundedHistory<AccuracyPoint> accuracyHistory_;
    std::size_t scorerRestarts_ = 0;
};

// What a stream plugs in for clusters, per-cluster regression and the
// online scorer (see PredictionPipeline::plugStage); the scorer starts from
// the model in force when it is plugged in.
StageFactory onlineLearning(const OnlineOptions& options);

// The online figures of a stream's snapshot; null while online learning is off.
inline std::shared_ptr<const OnlineSnapshot> onlineOf(const ReplaySnapshot& snapshot)
{
    return snapshot.stage<OnlineSnapshot>();
}

} // namespace ss
