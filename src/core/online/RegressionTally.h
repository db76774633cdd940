#pragma once

#include <cmath>
#include <cstdint>

namespace ss {

// Running error figures of next-return predictions, judged as each one's
// next close arrives, beside the naive baseline (next price = last price,
// a return of 0) on exactly the same predictions. Direction follows
// SPEC.md: up means a higher close, a tie is not up, so the baseline's
// direction is always "not up".
struct RegressionTally {
    std::uint64_t count = 0;
    double absError = 0;
    double squaredError = 0;
    std::uint64_t directionCorrect = 0;
    double baselineAbsError = 0;
    double baselineSquaredError = 0;
    std::uint64_t actualUp = 0;

    void add(double predicted, double actual, bool up)
    {
        const double error = predicted - actual;
        ++count;
        absError += std::abs(error);
        squaredError += error * error;
        directionCorrect += (predicted > 0) == up;
        baselineAbsError += std::abs(actual);
        baselineSquaredError += actual * actual;
        actualUp += up;
    }

    double mae() const { return mean(absError); }
    double rmse() const { return std::sqrt(mean(squaredError)); }
    double directionalAccuracy() const { return mean(static_cast<double>(directionCorrect)); }
    double baselineMae() const { return mean(baselineAbsError); }
    double baselineRmse() const { return std::sqrt(mean(baselineSquaredError)); }
    double baselineDirectionalAccuracy() const { return mean(static_cast<double>(count - actualUp)); }

    RegressionTally& operator+=(const RegressionTally& o)
    {
        count += o.count;
        absError += o.absError;
        squaredError += o.squaredError;
        directionCorrect += o.directionCorrect;
        baselineAbsError += o.baselineAbsError;
        baselineSquaredError += o.baselineSquaredError;
        actualUp += o.actualUp;
        return *this;
    }

private:
    double mean(double sum) const { return count ? sum / static_cast<double>(count) : 0.0; }
};

} // namespace ss
