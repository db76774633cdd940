#pragma once

#include "InterceptFirst.h"
#include "OnlineOptions.h"

#include <Eigen/Dense>

#include <random>

namespace ss {

// A linear model y = b + w·x that learns one mini-batch at a time.
//  SGD: Spark's StreamingLinearRegressionWithSGD. Each batch runs up to
//       `iterations` steps of gradient descent on the squared error from
//       the current weights, step size step/sqrt(i), each step on a
//       Bernoulli sample of the batch (miniBatchFraction), stopping early
//       once a step moves the weights by less than the tolerance.
//  RLS: exact recursive least squares, example by example: after any
//       number of examples the weights are the least-squares fit of all of
//       them (with a vanishing ridge, so the first few have an answer).
class OnlineLinearRegression {
public:
    OnlineLinearRegression(int features, const RegressionOptions& options);

    int features() const { return static_cast<int>(weights_.size()) - 1; }
    // Intercept first.
    const Eigen::VectorXd& weights() const { return weights_; }

    double predict(const double* x) const { return interceptfirst::dot(weights_, x); }

    // Learns `count` examples laid out one after the other as
    // [x_1 .. x_features, y]. Returns false, and starts over from zero, if
    // the weights stopped being finite (SGD with too large a step).
    bool learn(const double* examples, std::size_t count, std::mt19937_64& random);

private:
    void learnSgd(const double* examples, std::size_t count, std::mt19937_64& random);
    void learnRls(const double* examples, std::size_t count);
    void startOver();

    RegressionOptions options_;
    Eigen::VectorXd weights_;
    Eigen::MatrixXd inverse_;  // RLS: (ridge·I + XᵀX)⁻¹
    Eigen::VectorXd gradient_, previous_, x_, px_;
};

} // namespace ss
