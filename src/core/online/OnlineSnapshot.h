#pragma once

#include "OnlineOptions.h"
#include "RegressionTally.h"
#include "core/data/Timestamp.h"
#include "core/model/Tally.h"
#include "core/stream/PipelineStage.h"

#include <cstddef>
#include <vector>

namespace ss {

// The clusters at the end of one batch. Matrices are row-major, one row a
// cluster. Prices are means over the predictions resolved in that batch
// (0 for a cluster with none).
struct ClusterFrame {
    Timestamp time = 0;                 // of the batch's last record
    std::vector<double> centres;        // k × featureWindow
    std::vector<std::size_t> sizes;     // the batch's points per cluster
    std::vector<std::size_t> resolved;  // predictions resolved per cluster
    std::vector<double> realPrice;      // mean close that arrived
    std::vector<double> predictedPrice; // mean close predicted for it
};

// Rolling accuracy of both scorers on the same calls, at the end of a batch.
struct AccuracyPoint {
    Timestamp time = 0;
    double staticAccuracy = 0;
    double onlineAccuracy = 0;
    // Share of the same rolling calls whose next close was up: what the
    // "always up" baseline scores on them (and 1 minus it, "always down").
    double upShare = 0;
    double lastMoveAccuracy = 0;  // the same-as-last-move baseline on the same calls
};

// A copy of everything the online stage knows, for views and summaries.
struct OnlineSnapshot : StageSnapshot {
    OnlineOptions options;
    std::size_t batches = 0;

    // Clustering and regression (empty while clustering is off).
    std::vector<double> centres;           // k × featureWindow, row-major
    std::vector<double> weights;           // Spark's cluster weights
    std::vector<std::size_t> sizes;        // points per cluster, latest batch
    std::vector<int> stockCluster;         // per stock; -1 before its first assignment
    // Per stock, x then y: its latest feature vector projected onto the
    // first two principal axes of the centres. Two numbers a stock rather
    // than its whole vector keep the snapshot's copy small, and the axes
    // along which the centres differ most are the ones that show clusters
    // apart (k = 3 centres lie in that plane exactly).
    std::vector<double> stockProjection;
    std::vector<RegressionTally> clusterRegression;
    RegressionTally regression;            // every cluster
    std::vector<std::vector<double>> regressionWeights;  // per cluster, intercept first
    std::size_t cappedReturns = 0;         // targets capped at returns::kMaxMove
    std::size_t regressionRestarts = 0;    // models that diverged and started over
    std::size_t splits = 0;                // dying clusters replaced
    std::vector<ClusterFrame> clusterHistory;

    // The online scorer beside the static model, on the calls both made.
    Tally onlineTally;
    Tally staticTally;
    std::size_t rollingSpan = 0;
    std::vector<AccuracyPoint> accuracyHistory;
    std::vector<double> onlineWeights;     // global scope only, intercept first
    std::size_t scorerRestarts = 0;

    // The summary's "clusters", "regression" and "online" objects.
    void addToSummary(QJsonObject& summary) const override;
};

} // namespace ss
