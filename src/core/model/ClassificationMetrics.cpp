#include "ClassificationMetrics.h"

#include "ExampleSet.h"
#include "LogisticModel.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace ss {

namespace {

// The two-sided 95% normal quantile.
constexpr double kZ95 = 1.959963984540054;

QJsonValue orNull(std::optional<double> v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

// Mann-Whitney: the probability that a random up example scores above a
// random down one, ties counting half; calls sorted by rising margin.
std::optional<double> rankAuc(const std::vector<ClassificationMetrics::Call>& calls, std::uint64_t ups)
{
    const auto n = static_cast<std::uint64_t>(calls.size());
    if (ups == 0 || ups == n)
        return std::nullopt;
    double upRankSum = 0;
    for (std::size_t i = 0; i < calls.size();) {
        std::size_t j = i;
        std::uint64_t upsInTie = 0;
        for (; j < calls.size() && calls[j].margin == calls[i].margin; ++j)
            upsInTie += calls[j].actualUp;
        // Tied margins share the mean of ranks i+1..j.
        upRankSum += static_cast<double>(upsInTie) * (static_cast<double>(i + 1 + j) / 2.0);
        i = j;
    }
    const double p = static_cast<double>(ups);
    const double q = static_cast<double>(n - ups);
    return (upRankSum - p * (p + 1) / 2) / (p * q);
}

// Calls sorted by rising margin. Thresholds fall from above the highest
// margin; tied margins move together, so this is the curve the AUC
// measures the area under.
std::vector<ClassificationMetrics::RocPoint> rocPoints(const std::vector<ClassificationMetrics::Call>& sorted,
                                                       std::uint64_t ups)
{
    const auto n = static_cast<std::uint64_t>(sorted.size());
    if (ups == 0 || ups == n)
        return {};
    const double p = static_cast<double>(ups);
    const double q = static_cast<double>(n - ups);
    constexpr double kStep = 1.0 / ClassificationMetrics::kRocPoints;
    std::vector<ClassificationMetrics::RocPoint> curve{{0, 0}};
    std::uint64_t tp = 0;
    std::uint64_t fp = 0;
    for (std::size_t i = sorted.size(); i > 0;) {
        const double margin = sorted[i - 1].margin;
        for (; i > 0 && sorted[i - 1].margin == margin; --i)
            (sorted[i - 1].actualUp ? tp : fp) += 1;
        const ClassificationMetrics::RocPoint point{static_cast<double>(fp) / q, static_cast<double>(tp) / p};
        const auto& last = curve.back();
        if (i == 0 || point.falsePositiveRate - last.falsePositiveRate >= kStep
            || point.truePositiveRate - last.truePositiveRate >= kStep)
            curve.push_back(point);
    }
    return curve;
}

// Calls sorted by rising margin, cut into bins of equal counts: a model
// whose calls all sit near 0.5 still shows every bin.
std::vector<ClassificationMetrics::CalibrationBin> calibrationBins(const std::vector<ClassificationMetrics::Call>& sorted)
{
    constexpr auto kBins = static_cast<std::size_t>(ClassificationMetrics::kCalibrationBins);
    std::vector<ClassificationMetrics::CalibrationBin> bins;
    for (std::size_t b = 0; b < kBins; ++b) {
        const std::size_t begin = sorted.size() * b / kBins;
        const std::size_t end = sorted.size() * (b + 1) / kBins;
        if (begin == end)
            continue;
        double predicted = 0;
        double ups = 0;
        for (std::size_t i = begin; i < end; ++i) {
            predicted += LogisticModel::probability(sorted[i].margin);
            ups += sorted[i].actualUp;
        }
        const auto k = static_cast<double>(end - begin);
        bins.push_back({predicted / k, ups / k, end - begin});
    }
    return bins;
}

} // namespace

ClassificationMetrics ClassificationMetrics::fromCalls(std::vector<Call> calls)
{
    ClassificationMetrics m;
    Tally& t = m.tally_;
    double logLossSum = 0;
    double brierSum = 0;
    for (const Call& c : calls) {
        const bool predictedUp = c.margin > 0;
        ++t.windows;
        ++t.resolved;
        t.correct += predictedUp == c.actualUp;
        t.predictedUp += predictedUp;
        t.actualUp += c.actualUp;
        t.lastMoveCorrect += c.lastMoveUp == c.actualUp;
        m.truePositives_ += predictedUp && c.actualUp;
        const double y = c.actualUp ? 1.0 : 0.0;
        logLossSum += std::max(c.margin, 0.0) + std::log1p(std::exp(-std::abs(c.margin))) - y * c.margin;
        const double p = LogisticModel::probability(c.margin);
        brierSum += (p - y) * (p - y);
    }
    const auto n = static_cast<double>(calls.size());
    if (n > 0) {
        m.logLoss_ = logLossSum / n;
        m.brier_ = brierSum / n;
        const double acc = t.accuracy();
        const double z2 = kZ95 * kZ95;
        const double centre = (acc + z2 / (2 * n)) / (1 + z2 / n);
        const double half = kZ95 / (1 + z2 / n) * std::sqrt(acc * (1 - acc) / n + z2 / (4 * n * n));
        m.accuracyLow_ = std::max(0.0, centre - half);
        m.accuracyHigh_ = std::min(1.0, centre + half);
    }
    std::sort(calls.begin(), calls.end(), [](const Call& a, const Call& b) { return a.margin < b.margin; });
    m.calibration_ = calibrationBins(calls);
    m.rocAuc_ = rankAuc(calls, t.actualUp);
    m.rocCurve_ = rocPoints(calls, t.actualUp);
    return m;
}

ClassificationMetrics ClassificationMetrics::evaluate(const LogisticModel& model, const ExampleSet& examples,
                                                      std::size_t begin, std::size_t end)
{
    const Eigen::Map<const Eigen::VectorXd> weights(model.weights().data(),
                                                    static_cast<Eigen::Index>(model.weights().size()));
    const auto first = static_cast<Eigen::Index>(begin);
    const auto count = static_cast<Eigen::Index>(end - begin);
    const Eigen::VectorXd margins = (examples.features().middleRows(first, count) * weights).array()
                                    + model.intercept();
    std::vector<Call> calls;
    calls.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i)
        calls.push_back({margins(static_cast<Eigen::Index>(i - begin)), examples.labels()(static_cast<Eigen::Index>(i)) > 0.5,
                         examples.lastMoveUp()[i]});
    return fromCalls(std::move(calls));
}

std::optional<double> ClassificationMetrics::precision() const
{
    if (tally_.predictedUp == 0)
        return std::nullopt;
    return Tally::ratio(truePositives_, tally_.predictedUp);
}

std::optional<double> ClassificationMetrics::recall() const
{
    if (tally_.actualUp == 0)
        return std::nullopt;
    return Tally::ratio(truePositives_, tally_.actualUp);
}

QJsonObject ClassificationMetrics::toJson() const
{
    return {
        {"examples", static_cast<qint64>(examples())},
        {"accuracy", tally_.accuracy()},
        {"accuracy_ci95", QJsonArray{accuracyLow_, accuracyHigh_}},
        {"precision", orNull(precision())},
        {"recall", orNull(recall())},
        {"roc_auc", orNull(rocAuc_)},
        {"log_loss", logLoss_},
        {"brier", brier_},
        {"up_share", Tally::ratio(tally_.actualUp, tally_.resolved)},
        {"confusion_matrix",
         QJsonObject{{"tp", static_cast<qint64>(truePositives())},
                     {"fp", static_cast<qint64>(falsePositives())},
                     {"tn", static_cast<qint64>(trueNegatives())},
                     {"fn", static_cast<qint64>(falseNegatives())}}},
        {"baselines",
         QJsonObject{{"always_up", tally_.alwaysUpAccuracy()},
                     {"always_down", tally_.alwaysDownAccuracy()},
                     {"same_as_last_move", tally_.lastMoveAccuracy()}}},
    };
}

} // namespace ss
