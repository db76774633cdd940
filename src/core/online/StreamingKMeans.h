#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <optional>
#include <vector>

namespace ss {

// Spark MLlib's StreamingKMeans: centres that move with every mini-batch.
// Each point of a batch belongs to its nearest centre as the batch starts;
// the old weights are discounted by the decay factor, then every centre
// moves to the weighted mean of its old self and its new points. A cluster
// whose weight falls below 1e-8 of the largest one's is dying: the largest
// cluster is split in two in its place.
class StreamingKMeans {
public:
    using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    // Which cluster took the place of a dying one, and which was split.
    struct Split {
        int dying;
        int largest;
    };

    StreamingKMeans(int k, int dimension, double decay);

    // The decay that halves a batch's weight after `batches` batches.
    static double decayForHalfLife(double batches);

    // Rows are centres; weights of 0 let the first batch place them.
    void setInitialCenters(const Matrix& centres, const Eigen::VectorXd& weights);
    // k of the rows of `points`, drawn without replacement by `seed`, with
    // weight 0; false while there are fewer than k rows.
    bool initializeFrom(const Matrix& points, std::uint64_t seed);
    bool initialized() const { return initialized_; }

    int k() const { return static_cast<int>(centres_.rows()); }
    int dimension() const { return static_cast<int>(centres_.cols()); }
    const Matrix& centres() const { return centres_; }
    const Eigen::VectorXd& weights() const { return weights_; }

    // The nearest centre (squared Euclidean distance; ties to the lower index).
    int nearest(const double* point) const
    {
        const int d = dimension();
        int best = 0;
        double bestDistance = 0;
        for (int c = 0; c < k(); ++c) {
            const double* centre = centres_.row(c).data();
            double distance = 0;
            for (int j = 0; j < d; ++j) {
                const double diff = point[j] - centre[j];
                distance += diff * diff;
            }
            if (c == 0 || distance < bestDistance) {
                best = c;
                bestDistance = distance;
            }
        }
        return best;
    }

    // One batch, given as the sum and count of the points that each centre
    // was nearest to (the stream adds them up as records arrive).
    std::optional<Split> update(const Matrix& sums, const std::vector<double>& counts);
    // One batch of points, one a row.
    std::optional<Split> update(const Matrix& points);

private:
    Matrix centres_;
    Eigen::VectorXd weights_;
    double decay_;
    bool initialized_ = false;
};

} // namespace ss
