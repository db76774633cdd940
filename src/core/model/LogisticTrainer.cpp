#include "LogisticTrainer.h"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>
#include <vector>

namespace ss {

namespace {

using Eigen::Index;

// Rows are standardised a block at a time, so the scaled copy stays small.
constexpr Index kBlockRows = 2048;
// Below this many rows a second thread costs more than it saves.
constexpr Index kMinRowsPerThread = 1 << 18;
// Up to this many parameters the Hessian's block update is cheaper as plain
// dot products than as a packed matrix product.
constexpr Index kDotProductColumns = 16;

// Column means and reciprocal standard deviations: z = (x - mean) · invScale.
struct Scaling {
    Eigen::RowVectorXd mean;
    Eigen::RowVectorXd invScale;
};

Scaling standardisation(const Eigen::Ref<const Eigen::MatrixXd>& x)
{
    Scaling s;
    s.mean = x.colwise().mean();
    s.invScale.resize(x.cols());
    for (Index j = 0; j < x.cols(); ++j) {
        const double sd = std::sqrt((x.col(j).array() - s.mean(j)).square().mean());
        // A constant column only meets the penalty; any positive scale keeps
        // the objective the same, 1 keeps it simple.
        s.invScale(j) = sd > 0 && std::isfinite(sd) ? 1.0 / sd : 1.0;
    }
    return s;
}

// Sum of the log losses, their gradient and Hessian over some rows, in the
// standardised coordinates theta = [v, c] (c the intercept).
struct LossSums {
    double loss = 0;
    Eigen::VectorXd gradient;
    Eigen::MatrixXd hessian;

    explicit LossSums(Index parameters)
        : gradient(Eigen::VectorXd::Zero(parameters)), hessian(Eigen::MatrixXd::Zero(parameters, parameters))
    {
    }
    LossSums& operator+=(const LossSums& o)
    {
        loss += o.loss;
        gradient += o.gradient;
        hessian += o.hessian;
        return *this;
    }
};

// Scratch space for one thread's blocks, allocated once an evaluation.
struct BlockBuffers {
    Eigen::MatrixXd z;         // standardised rows, with a column of ones
    Eigen::MatrixXd weighted;  // z scaled by each row's curvature
    Eigen::ArrayXd margin, decay, inverse, residual, curvature;

    explicit BlockBuffers(Index columns)
        : z(kBlockRows, columns), weighted(kBlockRows, columns), margin(kBlockRows), decay(kBlockRows),
          inverse(kBlockRows), residual(kBlockRows), curvature(kBlockRows)
    {
        z.col(columns - 1).setOnes();
    }
};

// Σ log(1 + a_i) for a_i in [0, 1]. The log is not vectorised for doubles,
// so it is taken once per 64 terms, of their product (at most 2^64, no
// overflow); the product's roundings cost about as much accuracy as 64
// separate logs would.
double sumOfLogOnePlus(const Eigen::Ref<const Eigen::ArrayXd>& a)
{
    constexpr Index kTerms = 64;
    double sum = 0;
    for (Index i = 0; i < a.size(); i += kTerms)
        sum += std::log((1.0 + a.segment(i, std::min(kTerms, a.size() - i))).prod());
    return sum;
}

// hessian += zᵀ · diag(curvature) · z, where z's last column is all ones.
// With a handful of columns, the lower triangle as dot products beats a
// blocked matrix product (the caller mirrors it); with many, it does not.
template <typename Rows, typename Weights, typename Scratch>
void addCurvature(const Rows& z, const Weights& curvature, Scratch weighted, Eigen::MatrixXd& hessian)
{
    const Index d = z.cols() - 1;
    if (z.cols() > kDotProductColumns) {
        weighted = (z.array().colwise() * curvature).matrix();
        hessian.noalias() += z.transpose() * weighted;
        return;
    }
    auto column = weighted.col(0);
    for (Index j = 0; j < d; ++j) {
        column = (z.col(j).array() * curvature).matrix();
        for (Index i = j; i < d; ++i)
            hessian(i, j) += z.col(i).dot(column);
        hessian(d, j) += column.sum();
    }
    hessian(d, d) += curvature.sum();
}

void accumulate(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                const Scaling& scaling, const Eigen::VectorXd& theta, Index begin, Index end, LossSums& sums)
{
    const Index d = x.cols();
    BlockBuffers b(d + 1);
    for (Index r = begin; r < end; r += kBlockRows) {
        const Index k = std::min(kBlockRows, end - r);
        auto z = b.z.topRows(k);
        z.leftCols(d) = ((x.middleRows(r, k).rowwise() - scaling.mean).array().rowwise()
                         * scaling.invScale.array()).matrix();
        auto u = b.margin.head(k);
        u.matrix().noalias() = z * theta;
        const auto label = y.segment(r, k).array();
        // With a = exp(-|u|) nothing overflows: logloss = max(u,0) + log(1+a) - y·u,
        // p = sigmoid(u), and p(1-p) = a / (1+a)^2 without cancellation.
        auto a = b.decay.head(k);
        a = (-u.abs()).exp();
        sums.loss += (u.max(0.0) - label * u).sum() + sumOfLogOnePlus(a);
        auto inverse = b.inverse.head(k);
        inverse = 1.0 / (1.0 + a);
        auto residual = b.residual.head(k);
        residual = (u >= 0.0).select(1.0, a) * inverse - label;
        auto curvature = b.curvature.head(k);
        curvature = a * inverse.square();
        sums.gradient.noalias() += z.transpose() * residual.matrix();
        addCurvature(z, curvature, b.weighted.topRows(k), sums.hessian);
    }
}

class Objective {
public:
    Objective(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y, double c,
              unsigned threads)
        : x_(x), y_(y), c_(c), scaling_(standardisation(x))
    {
        // 0.5·‖w‖² with w_j = v_j · invScale_j.
        penalty_ = Eigen::VectorXd::Zero(x.cols() + 1);
        penalty_.head(x.cols()) = scaling_.invScale.transpose().array().square();
        const Index rows = x.rows();
        const auto useful = static_cast<unsigned>(std::max<Index>(1, rows / kMinRowsPerThread));
        threads_ = std::clamp(threads ? threads : std::thread::hardware_concurrency(), 1u, useful);
    }

    struct Value {
        double f = 0;
        Eigen::VectorXd gradient;
        Eigen::MatrixXd hessian;
        double gradientMax = 0;
    };

    Value operator()(const Eigen::VectorXd& theta) const
    {
        const Index parameters = theta.size();
        std::vector<LossSums> parts(threads_, LossSums(parameters));
        const Index rows = x_.rows();
        auto work = [&](unsigned t) {
            accumulate(x_, y_, scaling_, theta, rows * t / threads_, rows * (t + 1) / threads_, parts[t]);
        };
        {
            std::vector<std::jthread> pool;
            for (unsigned t = 1; t < threads_; ++t)
                pool.emplace_back(work, t);
            work(0);
        }
        for (unsigned t = 1; t < threads_; ++t)
            parts[0] += parts[t];
        const LossSums& sum = parts[0];
        Value v;
        v.f = 0.5 * theta.dot(penalty_.cwiseProduct(theta)) + c_ * sum.loss;
        v.gradient = penalty_.cwiseProduct(theta) + c_ * sum.gradient;
        v.hessian = c_ * sum.hessian;
        if (theta.size() <= kDotProductColumns)
            v.hessian.triangularView<Eigen::StrictlyUpper>() = v.hessian.transpose();
        v.hessian.diagonal() += penalty_;
        v.gradientMax = v.gradient.cwiseAbs().maxCoeff();
        return v;
    }

    const Scaling& scaling() const { return scaling_; }

private:
    Eigen::Ref<const Eigen::MatrixXd> x_;
    Eigen::Ref<const Eigen::VectorXd> y_;
    double c_;
    Scaling scaling_;
    Eigen::VectorXd penalty_;
    unsigned threads_ = 1;
};

// Newton's direction; steepest descent should the Hessian be numerically
// singular (it is positive definite in exact arithmetic).
Eigen::VectorXd descentDirection(const Objective::Value& at)
{
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(at.hessian);
    if (ldlt.info() == Eigen::Success) {
        Eigen::VectorXd step = -ldlt.solve(at.gradient);
        if (step.allFinite() && step.dot(at.gradient) < 0)
            return step;
    }
    return -at.gradient;
}

} // namespace

LogisticTrainer::Result LogisticTrainer::fit(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                             const Eigen::Ref<const Eigen::VectorXd>& y, const Options& options)
{
    Result result;
    const Index n = x.rows();
    const Index d = x.cols();
    if (n == 0 || y.size() != n) {
        result.error = "no examples to fit";
        return result;
    }
    if (!(options.c > 0) || !std::isfinite(options.c)) {
        result.error = "C must be a positive finite number";
        return result;
    }
    if (!x.allFinite()) {
        result.error = "a feature is not a finite number";
        return result;
    }
    const double upShare = y.mean();
    if (!(upShare > 0 && upShare < 1)) {
        // The unpenalised intercept would run off to infinity.
        result.error = upShare > 0 ? "every example is labelled up: a fit needs both outcomes"
                                   : "every example is labelled down: a fit needs both outcomes";
        return result;
    }

    const Objective objective(x, y, options.c, options.threads);
    const double scale = options.c * static_cast<double>(n);
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(d + 1);
    theta(d) = std::log(upShare / (1 - upShare));
    Objective::Value at = objective(theta);
    const auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
    if (options.progress)
        options.progress(0, at.gradientMax / scale);

    while (at.gradientMax > options.tolerance * scale && result.iterations < options.maxIterations && !cancelled()) {
        const Eigen::VectorXd step = descentDirection(at);
        const double slope = step.dot(at.gradient);
        bool accepted = false;
        double t = 1;
        for (int halvings = 0; halvings < 60 && !accepted; ++halvings) {
            Objective::Value trial = objective(theta + t * step);
            // Armijo's sufficient decrease; at the optimum's doorstep the
            // decrease drowns in rounding, so a step that keeps the objective
            // level within rounding and shrinks the gradient also counts.
            const bool decreases = trial.f <= at.f + 1e-4 * t * slope;
            const bool levelButCloser = trial.f <= at.f + 1e-13 * std::abs(at.f) && trial.gradientMax < at.gradientMax;
            if (std::isfinite(trial.f) && (decreases || levelButCloser)) {
                theta += t * step;
                at = std::move(trial);
                accepted = true;
            } else {
                t *= 0.5;
            }
        }
        if (!accepted)
            break;
        ++result.iterations;
        if (options.progress)
            options.progress(result.iterations, at.gradientMax / scale);
    }

    result.objective = at.f;
    result.gradientNorm = at.gradientMax / scale;
    result.converged = at.gradientMax <= options.tolerance * scale;
    result.cancelled = !result.converged && cancelled();
    if (result.cancelled) {
        result.error = "cancelled";
    } else if (!result.converged) {
        char why[160];
        std::snprintf(why, sizeof why, "the solver stopped short of the optimum (gradient %.3g, tolerance %.3g, %d iterations)",
                      result.gradientNorm, options.tolerance, result.iterations);
        result.error = why;
    }
    const Scaling& s = objective.scaling();
    result.weights = theta.head(d).cwiseProduct(s.invScale.transpose());
    result.intercept = theta(d) - s.mean.dot(result.weights);
    return result;
}

} // namespace ss
