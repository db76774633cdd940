#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace ss {

enum class RegressionMethod { Sgd, Rls };
enum class OnlineStart { Model, Zero };
enum class OnlineUpdate { Sgd, Newton };
enum class OnlineScope { Global, PerStock };

// Streaming k-means over every stock's recent returns, with Spark's
// StreamingKMeans semantics. Off while k is 0.
struct ClusteringOptions {
    int k = 0;
    int featureWindow = 5;  // returns per stock (needs one close more)
    double decay = 1.0;     // 1 remembers every batch, 0 only the latest
    std::optional<double> halfLife;  // in batches; when set, decay follows from it
    std::uint64_t seed = 42;

    double effectiveDecay() const;
};

// One linear model of the next return per cluster. The SGD figures are
// Spark's StreamingLinearRegressionWithSGD defaults.
struct RegressionOptions {
    RegressionMethod method = RegressionMethod::Sgd;
    double step = 0.1;
    double miniBatchFraction = 1.0;
    int iterations = 50;
    double convergenceTolerance = 0.001;
    // Recursive least squares starts from P = I / ridge: a ridge penalty
    // this small is gone after the first few examples.
    double ridge = 1e-6;
};

// A logistic direction scorer that keeps learning from every resolved call.
struct OnlineScorerOptions {
    bool enabled = false;
    OnlineStart start = OnlineStart::Model;
    OnlineUpdate update = OnlineUpdate::Newton;
    OnlineScope scope = OnlineScope::Global;
    double step = 0.05;  // SGD only
};

struct OnlineOptions {
    // Records per mini-batch; 0 makes every timestamp (a trading day of
    // daily data) one batch.
    std::size_t batchRecords = 0;
    ClusteringOptions clustering;
    RegressionOptions regression;
    OnlineScorerOptions scorer;

    bool clusteringEnabled() const { return clustering.k > 0; }
    bool enabled() const { return clusteringEnabled() || scorer.enabled; }
    // The first option out of range, as one sentence; nullopt when all fit.
    std::optional<QString> problem() const;
};

const char* regressionMethodName(RegressionMethod method);
const char* onlineStartName(OnlineStart start);
const char* onlineUpdateName(OnlineUpdate update);
const char* onlineScopeName(OnlineScope scope);

} // namespace ss
