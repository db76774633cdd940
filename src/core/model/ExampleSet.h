#pragma once

#include "FeatureTransform.h"
#include "core/data/StockSeries.h"

#include <Eigen/Core>

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace ss {

// Training examples in SPEC.md's sense: every run of W+1 consecutive closes
// of one stock gives the features of its first W closes and the label
// "next close > n1" (a tie is 0). Rows keep the series' order, so the last
// rows are the latest examples and a chronological hold-out is a tail.
// Several stocks may be pooled one after the other; runs never cross from
// one stock into the next. The window must lie in
// features::kMinWindow..kMaxWindow; callers check it before building.
class ExampleSet {
public:
    // Told the share of all rows built so far after each stock; false stops
    // the build (a pooled set of the whole market takes seconds).
    using Progress = std::function<bool(double fraction)>;

    static ExampleSet fromSeries(const StockSeries& series, FeatureTransform transform, int window);
    // All stocks' examples, pooled in the order given.
    static ExampleSet fromStocks(std::span<const StockSeries> stocks, FeatureTransform transform, int window);
    // The same, telling progress; nullopt when progress stopped the build.
    static std::optional<ExampleSet> fromStocks(std::span<const StockSeries> stocks, FeatureTransform transform,
                                                int window, const Progress& progress);
    // How many examples a series gives, without building them.
    static std::size_t countFor(const StockSeries& series, int window);

    FeatureTransform transform() const { return transform_; }
    int window() const { return window_; }
    int featureCount() const { return static_cast<int>(features_.cols()); }
    std::size_t size() const { return static_cast<std::size_t>(labels_.size()); }

    // One row of features an example, column-major so a block of rows is
    // cheap to take; labels are 1.0 (up) or 0.0 (not up).
    const Eigen::MatrixXd& features() const { return features_; }
    const Eigen::VectorXd& labels() const { return labels_; }
    // Whether n1 > n2: what the same-as-last-move baseline calls.
    const std::vector<bool>& lastMoveUp() const { return lastMoveUp_; }
    // The time of an example's first close (n_W) and of its label close.
    Timestamp firstCloseTime(std::size_t row) const { return firstTimes_[row]; }
    Timestamp labelTime(std::size_t row) const { return labelTimes_[row]; }

private:
    ExampleSet(FeatureTransform transform, int window, std::size_t rows);
    // Writes the series' examples from row `first` on; returns the next free row.
    std::size_t fill(const StockSeries& series, std::size_t first);

    FeatureTransform transform_;
    int window_;
    Eigen::MatrixXd features_;
    Eigen::VectorXd labels_;
    std::vector<bool> lastMoveUp_;
    std::vector<Timestamp> firstTimes_;
    std::vector<Timestamp> labelTimes_;
};

} // namespace ss
