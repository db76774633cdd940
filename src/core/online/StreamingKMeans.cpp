#include "StreamingKMeans.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace ss {

StreamingKMeans::StreamingKMeans(int k, int dimension, double decay)
    : centres_(Matrix::Zero(k, dimension)), weights_(Eigen::VectorXd::Zero(k)), decay_(decay)
{
}

double StreamingKMeans::decayForHalfLife(double batches)
{
    return std::exp(std::log(0.5) / batches);
}

void StreamingKMeans::setInitialCenters(const Matrix& centres, const Eigen::VectorXd& weights)
{
    centres_ = centres;
    weights_ = weights;
    initialized_ = true;
}

bool StreamingKMeans::initializeFrom(const Matrix& points, std::uint64_t seed)
{
    const auto rows = static_cast<std::size_t>(points.rows());
    if (rows < static_cast<std::size_t>(k()))
        return false;
    // A partial Fisher-Yates shuffle: the first k indices are the draw.
    std::vector<std::size_t> index(rows);
    std::iota(index.begin(), index.end(), std::size_t{0});
    std::mt19937_64 random(seed);
    for (int c = 0; c < k(); ++c) {
        const auto i = static_cast<std::size_t>(c);
        std::uniform_int_distribution<std::size_t> pick(i, rows - 1);
        std::swap(index[i], index[pick(random)]);
        centres_.row(c) = points.row(static_cast<Eigen::Index>(index[i]));
    }
    weights_.setZero();
    initialized_ = true;
    return true;
}

std::optional<StreamingKMeans::Split> StreamingKMeans::update(const Matrix& sums, const std::vector<double>& counts)
{
    weights_ *= decay_;
    for (int c = 0; c < k(); ++c) {
        const double count = counts[static_cast<std::size_t>(c)];
        if (count == 0)
            continue;
        const double updated = weights_[c] + count;
        const double lambda = count / std::max(updated, 1e-16);
        weights_[c] = updated;
        centres_.row(c) = (1.0 - lambda) * centres_.row(c) + (lambda / count) * sums.row(c);
    }

    Eigen::Index largest = 0, smallest = 0;
    const double maxWeight = weights_.maxCoeff(&largest);
    const double minWeight = weights_.minCoeff(&smallest);
    if (!(minWeight < 1e-8 * maxWeight))
        return std::nullopt;
    // Spark's split: both halves share the weight and sit a hair apart, so
    // the next batch's points choose between them.
    const double weight = (maxWeight + minWeight) / 2.0;
    weights_[largest] = weights_[smallest] = weight;
    for (int j = 0; j < dimension(); ++j) {
        const double x = centres_(largest, j);
        const double p = 1e-14 * std::max(std::abs(x), 1.0);
        centres_(largest, j) = x + p;
        centres_(smallest, j) = x - p;
    }
    return Split{static_cast<int>(smallest), static_cast<int>(largest)};
}

std::optional<StreamingKMeans::Split> StreamingKMeans::update(const Matrix& points)
{
    Matrix sums = Matrix::Zero(k(), dimension());
    std::vector<double> counts(static_cast<std::size_t>(k()), 0.0);
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        const int c = nearest(points.row(i).data());
        sums.row(c) += points.row(i);
        counts[static_cast<std::size_t>(c)] += 1;
    }
    return update(sums, counts);
}

} // namespace ss
