#include "OnlineOptions.h"

#include "StreamingKMeans.h"
#include "core/stream/Windower.h"

#include <cmath>

namespace ss {

namespace {
constexpr int kMaxClusters = 1000;
// Each stock's feature vector is read back from the windower's ring.
constexpr int kMaxFeatureWindow = static_cast<int>(Windower::kCapacity) - 1;

bool positiveFinite(double x)
{
    return x > 0 && std::isfinite(x);
}
} // namespace

double ClusteringOptions::effectiveDecay() const
{
    return halfLife ? StreamingKMeans::decayForHalfLife(*halfLife) : decay;
}

std::optional<QString> OnlineOptions::problem() const
{
    if (clustering.k < 0 || clustering.k > kMaxClusters)
        return QStringLiteral("the number of clusters must be from 1 to %1").arg(kMaxClusters);
    if (clustering.featureWindow < 1 || clustering.featureWindow > kMaxFeatureWindow)
        return QStringLiteral("the feature window must be from 1 to %1 returns").arg(kMaxFeatureWindow);
    if (!(clustering.decay >= 0 && clustering.decay <= 1))
        return QStringLiteral("the decay must be a number from 0 to 1");
    if (clustering.halfLife && !positiveFinite(*clustering.halfLife))
        return QStringLiteral("the half-life must be a positive number of batches");
    if (!positiveFinite(regression.step))
        return QStringLiteral("the regression step size must be a positive number");
    if (!(regression.miniBatchFraction > 0 && regression.miniBatchFraction <= 1))
        return QStringLiteral("the mini-batch fraction must be above 0 and at most 1");
    if (regression.iterations < 1)
        return QStringLiteral("the number of SGD iterations must be at least 1");
    if (!(regression.convergenceTolerance >= 0) || !std::isfinite(regression.convergenceTolerance))
        return QStringLiteral("the convergence tolerance must be a finite number, 0 or more");
    if (!positiveFinite(regression.ridge))
        return QStringLiteral("the ridge of recursive least squares must be a positive number");
    if (!positiveFinite(scorer.step))
        return QStringLiteral("the online step size must be a positive number");
    return std::nullopt;
}

const char* regressionMethodName(RegressionMethod method)
{
    return method == RegressionMethod::Sgd ? "sgd" : "rls";
}

const char* onlineStartName(OnlineStart start)
{
    return start == OnlineStart::Model ? "model" : "zero";
}

const char* onlineUpdateName(OnlineUpdate update)
{
    return update == OnlineUpdate::Sgd ? "sgd" : "newton";
}

const char* onlineScopeName(OnlineScope scope)
{
    return scope == OnlineScope::Global ? "global" : "stock";
}

} // namespace ss
