#include "OnlineLogisticModel.h"

#include "core/model/LogisticModel.h"

namespace ss {

OnlineLogisticModel::OnlineLogisticModel(Eigen::VectorXd weights, OnlineUpdate update, double step,
                                         double priorPrecision)
    : start_(weights), weights_(std::move(weights)), update_(update), step_(step), priorPrecision_(priorPrecision),
      x_(start_.size()), hx_(start_.size())
{
    startOver();
}

void OnlineLogisticModel::startOver()
{
    weights_ = start_;
    if (update_ == OnlineUpdate::Newton)
        inverseHessian_ = Eigen::MatrixXd::Identity(start_.size(), start_.size()) / priorPrecision_;
}

bool OnlineLogisticModel::learn(const double* x, bool up)
{
    interceptfirst::extend(x, x_);
    const double p = LogisticModel::probability(margin(x));
    const double residual = p - (up ? 1.0 : 0.0);
    if (update_ == OnlineUpdate::Sgd) {
        weights_ -= (step_ * residual) * x_;
    } else {
        const double curvature = p * (1.0 - p);
        hx_.noalias() = inverseHessian_ * x_;
        inverseHessian_.noalias() -= (curvature / (1.0 + curvature * x_.dot(hx_))) * hx_ * hx_.transpose();
        hx_.noalias() = inverseHessian_ * x_;
        weights_ -= residual * hx_;
    }
    if (weights_.allFinite())
        return true;
    startOver();
    return false;
}

} // namespace ss
