#include "OnlineLinearRegression.h"

#include <cmath>

namespace ss {

OnlineLinearRegression::OnlineLinearRegression(int features, const RegressionOptions& options)
    : options_(options), gradient_(features + 1), previous_(features + 1), x_(features + 1), px_(features + 1)
{
    startOver();
}

void OnlineLinearRegression::startOver()
{
    const Eigen::Index n = px_.size();
    weights_ = Eigen::VectorXd::Zero(n);
    if (options_.method == RegressionMethod::Rls)
        inverse_ = Eigen::MatrixXd::Identity(n, n) / options_.ridge;
}

bool OnlineLinearRegression::learn(const double* examples, std::size_t count, std::mt19937_64& random)
{
    if (count == 0)
        return true;
    if (options_.method == RegressionMethod::Sgd)
        learnSgd(examples, count, random);
    else
        learnRls(examples, count);
    if (weights_.allFinite() && (options_.method == RegressionMethod::Sgd || inverse_.allFinite()))
        return true;
    startOver();
    return false;
}

void OnlineLinearRegression::learnSgd(const double* examples, std::size_t count, std::mt19937_64& random)
{
    const int d = features();
    const std::size_t stride = static_cast<std::size_t>(d) + 1;
    const bool sampled = options_.miniBatchFraction < 1.0;
    std::bernoulli_distribution take(options_.miniBatchFraction);
    bool havePrevious = false;
    for (int i = 1; i <= options_.iterations; ++i) {
        gradient_.setZero();
        std::size_t used = 0;
        for (std::size_t e = 0; e < count; ++e) {
            if (sampled && !take(random))
                continue;
            const double* x = examples + e * stride;
            const double error = predict(x) - x[d];
            gradient_[0] += error;
            for (int j = 0; j < d; ++j)
                gradient_[j + 1] += error * x[j];
            ++used;
        }
        // Spark skips a step whose sample came out empty.
        if (used == 0)
            continue;
        previous_ = weights_;
        weights_ -= (options_.step / std::sqrt(static_cast<double>(i)) / static_cast<double>(used)) * gradient_;
        // Spark judges convergence from its second step on.
        if (havePrevious
            && (weights_ - previous_).norm() < options_.convergenceTolerance * std::max(weights_.norm(), 1.0))
            break;
        havePrevious = true;
    }
}

void OnlineLinearRegression::learnRls(const double* examples, std::size_t count)
{
    const int d = features();
    const std::size_t stride = static_cast<std::size_t>(d) + 1;
    for (std::size_t e = 0; e < count; ++e) {
        const double* row = examples + e * stride;
        interceptfirst::extend(row, x_);
        px_.noalias() = inverse_ * x_;
        const double denominator = 1.0 + x_.dot(px_);
        const double error = row[d] - weights_.dot(x_);
        weights_ += (error / denominator) * px_;
        // Sherman-Morrison, written as a symmetric outer product so the
        // inverse stays symmetric through millions of updates.
        inverse_.noalias() -= (px_ / denominator) * px_.transpose();
    }
}

} // namespace ss
