#pragma once

#include "Tally.h"

#include <QJsonObject>

#include <cstddef>
#include <optional>
#include <vector>

namespace ss {

class ExampleSet;
class LogisticModel;

// How well a model's up/down calls score on a set of examples, beside the
// three naive baselines of SPEC.md on exactly the same examples.
class ClassificationMetrics {
public:
    struct Call {
        double margin;  // w·x + b; the call is "up" when it is > 0 (p_up > 0.5)
        bool actualUp;
        bool lastMoveUp;
    };
    struct RocPoint {
        double falsePositiveRate;
        double truePositiveRate;
    };
    // One of kCalibrationBins runs of equally many examples, by rising p_up.
    struct CalibrationBin {
        double meanPredicted;
        double observedUp;  // share that went up
        std::uint64_t examples;
    };
    static constexpr int kCalibrationBins = 10;
    // A plot needs no more; the curve is thinned to about this many points.
    static constexpr int kRocPoints = 200;

    static ClassificationMetrics fromCalls(std::vector<Call> calls);
    // The model's calls on rows [begin, end) of the examples.
    static ClassificationMetrics evaluate(const LogisticModel& model, const ExampleSet& examples, std::size_t begin,
                                          std::size_t end);

    std::size_t examples() const { return static_cast<std::size_t>(tally_.resolved); }
    // Counts of calls and the baselines' scores.
    const Tally& tally() const { return tally_; }
    std::uint64_t truePositives() const { return truePositives_; }
    std::uint64_t falsePositives() const { return tally_.predictedUp - truePositives_; }
    std::uint64_t falseNegatives() const { return tally_.actualUp - truePositives_; }
    std::uint64_t trueNegatives() const { return tally_.correct - truePositives_; }
    // Wilson score interval: unlike the normal approximation it stays
    // within [0, 1] and is sound for small or lopsided samples.
    double accuracyLow() const { return accuracyLow_; }
    double accuracyHigh() const { return accuracyHigh_; }
    // Undefined (nullopt) when no call said up, no example went up, or the
    // examples hold one outcome only.
    std::optional<double> precision() const;
    std::optional<double> recall() const;
    std::optional<double> rocAuc() const { return rocAuc_; }
    double logLoss() const { return logLoss_; }
    double brier() const { return brier_; }
    // From (0, 0) to (1, 1) over falling thresholds; empty when the AUC is undefined.
    const std::vector<RocPoint>& rocCurve() const { return rocCurve_; }
    // Predicted against observed up share; fewer bins than examples only.
    const std::vector<CalibrationBin>& calibration() const { return calibration_; }

    // snake_case keys; undefined figures are null.
    QJsonObject toJson() const;

private:
    Tally tally_;
    std::uint64_t truePositives_ = 0;
    double accuracyLow_ = 0;
    double accuracyHigh_ = 0;
    std::optional<double> rocAuc_;
    double logLoss_ = 0;
    double brier_ = 0;
    std::vector<RocPoint> rocCurve_;
    std::vector<CalibrationBin> calibration_;
};

} // namespace ss
