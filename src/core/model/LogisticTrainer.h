#pragma once

#include <Eigen/Core>

#include <atomic>
#include <functional>
#include <string>

namespace ss {

// Fits L2-regularised logistic regression with exactly scikit-learn's
// objective,  0.5·‖w‖² + C·Σ logloss(w·x + b),  the intercept b not
// penalised, to its optimum: Newton's method with a backtracking line search.
//
// Internally every feature column is centred and scaled to unit variance and
// the penalty rescaled to match, which is the same objective in other
// coordinates: the optimum maps back exactly, while the Hessian of badly
// scaled, nearly collinear features (the raw closes) stays well conditioned.
// The Hessian is accumulated block by block over the rows, so memory does not
// grow with the number of examples beyond the examples themselves; large
// sets are split over threads.
class LogisticTrainer {
public:
    struct Options {
        double c = 1.0;
        // Stop once every gradient component, in the standardised
        // coordinates, is below tolerance · C · n: each of the n loss terms
        // contributes O(C) there, so this is relative to the objective's scale.
        double tolerance = 1e-10;
        int maxIterations = 100;  // a safety net; Newton needs far fewer
        unsigned threads = 0;     // 0: all cores, for large sets
        // Read between Newton steps, so a pooled fit of millions of rows
        // can be abandoned from another thread within one step.
        const std::atomic<bool>* cancel = nullptr;
        // Told the stopping measure (see Result::gradientNorm) before the
        // first step and after every step: Newton's steps are few and
        // uneven, so its fall towards tolerance is the honest progress.
        std::function<void(int iteration, double gradientNorm)> progress;
    };

    struct Result {
        Eigen::VectorXd weights;
        double intercept = 0;
        double objective = 0;
        double gradientNorm = 0;  // the stopping measure: max |gradient| / (C · n)
        int iterations = 0;
        bool converged = false;
        bool cancelled = false;
        std::string error;        // set when the data has no finite optimum or the solver gave up
    };

    // x: one example a row; y: 1.0 for up, 0.0 otherwise.
    static Result fit(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                      const Options& options);
};

} // namespace ss
