#pragma once

#include "InterceptFirst.h"
#include "OnlineOptions.h"

#include <Eigen/Dense>

#include <vector>

namespace ss {

// p_up = sigmoid(b + w·x), learning from every labelled example as it comes.
//  SGD:    one gradient step on the example's log loss.
//  Newton: the online Newton step: the Hessian of every log loss so far,
//          plus a prior of precision 1/C around the starting weights (as
//          the L2 penalty of the batch trainer), kept as its inverse by
//          Sherman-Morrison; each step is w -= H⁻¹·gradient. No step size.
class OnlineLogisticModel {
public:
    // weights: intercept first.
    OnlineLogisticModel(Eigen::VectorXd weights, OnlineUpdate update, double step, double priorPrecision);

    int features() const { return static_cast<int>(weights_.size()) - 1; }
    const Eigen::VectorXd& weights() const { return weights_; }

    double margin(const double* x) const { return interceptfirst::dot(weights_, x); }

    // Returns false, and goes back to the starting weights, if an update
    // stopped being finite.
    bool learn(const double* x, bool up);

private:
    void startOver();

    Eigen::VectorXd start_;
    Eigen::VectorXd weights_;
    OnlineUpdate update_;
    double step_;
    double priorPrecision_;
    Eigen::MatrixXd inverseHessian_;
    Eigen::VectorXd x_, hx_;
};

} // namespace ss
