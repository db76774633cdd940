#include "OnlineSummary.h"

#include "core/stream/ReplaySummary.h"

#include <QJsonArray>

#include <algorithm>

namespace ss {

namespace {

template <typename Number>
QJsonArray array(const Number* values, std::size_t count)
{
    QJsonArray a;
    for (std::size_t i = 0; i < count; ++i)
        a.append(static_cast<double>(values[i]));
    return a;
}

template <typename Number>
QJsonArray array(const std::vector<Number>& values)
{
    return array(values.data(), values.size());
}

QJsonObject regressionJson(const RegressionTally& t)
{
    return {
        {"predictions", static_cast<qint64>(t.count)},
        {"mae", t.mae()},
        {"rmse", t.rmse()},
        {"directional_accuracy", t.directionalAccuracy()},
        {"baseline",
         QJsonObject{{"mae", t.baselineMae()},
                     {"rmse", t.baselineRmse()},
                     {"directional_accuracy", t.baselineDirectionalAccuracy()}}},
    };
}

QJsonObject clustersJson(const OnlineSnapshot& s)
{
    const ClusteringOptions& c = s.options.clustering;
    const auto k = static_cast<std::size_t>(c.k);
    const auto w = static_cast<std::size_t>(c.featureWindow);
    QJsonArray centres;
    for (std::size_t i = 0; i < k && s.centres.size() == k * w; ++i)
        centres.append(array(&s.centres[i * w], w));
    std::vector<std::size_t> stocks(k, 0);
    for (const int cluster : s.stockCluster)
        if (cluster >= 0)
            ++stocks[static_cast<std::size_t>(cluster)];
    QJsonObject o{
        {"k", c.k},
        {"feature_window", c.featureWindow},
        {"batch", s.options.batchRecords ? QJsonValue(static_cast<qint64>(s.options.batchRecords)) : QJsonValue("day")},
        {"decay", c.effectiveDecay()},
        {"seed", static_cast<qint64>(c.seed)},
        {"batches", static_cast<qint64>(s.batches)},
        {"splits", static_cast<qint64>(s.splits)},
        {"centres", centres},
        {"weights", array(s.weights)},
        {"sizes", array(s.sizes)},
        {"stocks", array(stocks)},
    };
    if (c.halfLife)
        o.insert("half_life", *c.halfLife);
    return o;
}

QJsonObject regressionSummaryJson(const OnlineSnapshot& s)
{
    const RegressionOptions& r = s.options.regression;
    QJsonObject o = regressionJson(s.regression);
    o.insert("method", QString::fromLatin1(regressionMethodName(r.method)));
    if (r.method == RegressionMethod::Sgd) {
        o.insert("step", r.step);
        o.insert("mini_batch_fraction", r.miniBatchFraction);
        o.insert("iterations", r.iterations);
    }
    o.insert("capped_returns", static_cast<qint64>(s.cappedReturns));
    o.insert("restarts", static_cast<qint64>(s.regressionRestarts));
    QJsonArray clusters;
    for (std::size_t c = 0; c < s.clusterRegression.size(); ++c) {
        QJsonObject cluster = regressionJson(s.clusterRegression[c]);
        cluster.insert("weights", array(s.regressionWeights[c]));
        clusters.append(cluster);
    }
    o.insert("clusters", clusters);
    return o;
}

QJsonObject scorerJson(const OnlineSnapshot& s)
{
    const OnlineScorerOptions& options = s.options.scorer;
    QJsonObject o = tallyJson(s.onlineTally);
    o.insert("start", QString::fromLatin1(onlineStartName(options.start)));
    o.insert("update", QString::fromLatin1(onlineUpdateName(options.update)));
    o.insert("scope", QString::fromLatin1(onlineScopeName(options.scope)));
    if (options.update == OnlineUpdate::Sgd)
        o.insert("step", options.step);
    o.insert("restarts", static_cast<qint64>(s.scorerRestarts));
    if (!s.onlineWeights.empty())
        o.insert("weights", array(s.onlineWeights));
    o.insert("static", tallyJson(s.staticTally));
    return o;
}

} // namespace

void addOnlineSummary(QJsonObject& summary, const OnlineSnapshot& snapshot)
{
    if (snapshot.options.clusteringEnabled()) {
        summary.insert("clusters", clustersJson(snapshot));
        summary.insert("regression", regressionSummaryJson(snapshot));
    }
    if (snapshot.options.scorer.enabled)
        summary.insert("online", scorerJson(snapshot));
}

void OnlineSnapshot::addToSummary(QJsonObject& summary) const
{
    addOnlineSummary(summary, *this);
}

} // namespace ss
