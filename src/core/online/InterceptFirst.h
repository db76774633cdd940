#pragma once

#include <Eigen/Dense>

namespace ss::interceptfirst {

// The online models keep their weights intercept first: [b, w_1 .. w_n].

// b + w·x for the n features at x.
inline double dot(const Eigen::VectorXd& weights, const double* x)
{
    double y = weights[0];
    for (Eigen::Index j = 1; j < weights.size(); ++j)
        y += weights[j] * x[j - 1];
    return y;
}

// [1, x_1 .. x_n] into out, sized n + 1.
inline void extend(const double* x, Eigen::VectorXd& out)
{
    out[0] = 1.0;
    for (Eigen::Index j = 1; j < out.size(); ++j)
        out[j] = x[j - 1];
}

} // namespace ss::interceptfirst
