#include "ExampleSet.h"

namespace ss {

ExampleSet::ExampleSet(FeatureTransform transform, int window, std::size_t rows)
    : transform_(transform),
      window_(window),
      features_(static_cast<Eigen::Index>(rows), features::count(transform, window)),
      labels_(static_cast<Eigen::Index>(rows)),
      lastMoveUp_(rows),
      firstTimes_(rows),
      labelTimes_(rows)
{
}

std::size_t ExampleSet::countFor(const StockSeries& series, int window)
{
    const auto w = static_cast<std::size_t>(window);
    return series.size() > w ? series.size() - w : 0;
}

ExampleSet ExampleSet::fromSeries(const StockSeries& series, FeatureTransform transform, int window)
{
    return fromStocks(std::span(&series, 1), transform, window);
}

ExampleSet ExampleSet::fromStocks(std::span<const StockSeries> stocks, FeatureTransform transform, int window)
{
    return *fromStocks(stocks, transform, window, Progress());
}

std::optional<ExampleSet> ExampleSet::fromStocks(std::span<const StockSeries> stocks, FeatureTransform transform,
                                                 int window, const Progress& progress)
{
    // Sized once: a pooled set of the whole market is millions of rows.
    std::size_t rows = 0;
    for (const StockSeries& s : stocks)
        rows += countFor(s, window);
    ExampleSet set(transform, window, rows);
    std::size_t next = 0;
    for (const StockSeries& s : stocks) {
        next = set.fill(s, next);
        if (progress && !progress(rows ? static_cast<double>(next) / static_cast<double>(rows) : 1.0))
            return std::nullopt;
    }
    return set;
}

std::size_t ExampleSet::fill(const StockSeries& series, std::size_t first)
{
    const std::size_t count = countFor(series, window_);
    const auto w = static_cast<std::size_t>(window_);
    const int featureCount = this->featureCount();
    std::vector<double> row(static_cast<std::size_t>(featureCount));
    for (std::size_t k = 0; k < count; ++k) {
        const double* closes = series.closes.data() + k;
        features::compute(transform_, closes, window_, row.data());
        const std::size_t i = first + k;
        const auto r = static_cast<Eigen::Index>(i);
        for (int j = 0; j < featureCount; ++j)
            features_(r, j) = row[static_cast<std::size_t>(j)];
        const double n1 = closes[w - 1];
        labels_[r] = closes[w] > n1 ? 1.0 : 0.0;  // a tie is "not up"
        lastMoveUp_[i] = n1 > closes[w - 2];
        firstTimes_[i] = series.times[k];
        labelTimes_[i] = series.times[k + w];
    }
    return first + count;
}

} // namespace ss
