#include "RegularizationSearch.h"

#include "ExampleSet.h"

#include <algorithm>
#include <cmath>

namespace ss {

std::vector<double> RegularizationSearch::logGrid(double low, double high, int count)
{
    std::vector<double> grid;
    if (!(low > 0) || !(high >= low) || count < 1)
        return grid;
    const double step = count > 1 ? std::log(high / low) / (count - 1) : 0;
    for (int i = 0; i < count; ++i)
        grid.push_back(low * std::exp(step * i));
    return grid;
}

RegularizationSearch::Result RegularizationSearch::search(const StockSeries& series, const TrainingOptions& options,
                                                          const std::vector<double>& grid, int folds)
{
    Result out;
    TrainingOptions checked = options;
    for (double c : grid) {
        checked.c = c;
        out.error = ModelTrainer::checkOptions(checked);
        if (!out.error.isEmpty())
            return out;
    }
    if (grid.empty() || folds < 1) {
        out.error = QStringLiteral("a search needs at least one value of C and one fold");
        return out;
    }
    const ExampleSet examples = ExampleSet::fromSeries(series, options.transform, options.window);
    const std::size_t n = examples.size();
    const std::size_t trainCount = ModelTrainer::trainingCount(n, options.testFraction);
    const auto blocks = static_cast<std::size_t>(folds) + 1;
    if (trainCount < blocks * 2) {
        out.error = QStringLiteral("%1 has %2 training examples, too few for %3 walk-forward folds")
                        .arg(QString::fromStdString(series.name))
                        .arg(trainCount)
                        .arg(folds);
        return out;
    }

    const auto blockEnd = [&](std::size_t b) { return trainCount * (b + 1) / blocks; };
    const double fits = static_cast<double>(grid.size()) * folds;
    int done = 0;
    for (double c : grid) {
        std::vector<ClassificationMetrics::Call> calls;
        for (std::size_t fold = 1; fold < blocks; ++fold) {
            if (ModelTrainer::cancelRequested(options)) {
                out.cancelled = true;
                out.error = QStringLiteral("search cancelled");
                out.curve.clear();
                return out;
            }
            const auto fitRows = static_cast<Eigen::Index>(blockEnd(fold - 1));
            LogisticTrainer::Options fitOptions;
            fitOptions.c = c;
            fitOptions.threads = options.threads;
            fitOptions.cancel = options.cancel;
            const LogisticTrainer::Result fit = LogisticTrainer::fit(examples.features().topRows(fitRows),
                                                                     examples.labels().head(fitRows), fitOptions);
            if (fit.cancelled)
                continue;  // reported at the top of the next round
            if (!fit.error.empty()) {
                out.error = QStringLiteral("C = %1, fold %2: %3").arg(c).arg(fold).arg(QString::fromStdString(fit.error));
                out.curve.clear();
                return out;
            }
            const std::size_t begin = blockEnd(fold - 1);
            const std::size_t end = blockEnd(fold);
            const Eigen::VectorXd margins =
                (examples.features().middleRows(fitRows, static_cast<Eigen::Index>(end - begin)) * fit.weights).array()
                + fit.intercept;
            for (std::size_t i = begin; i < end; ++i)
                calls.push_back({margins(static_cast<Eigen::Index>(i - begin)),
                                 examples.labels()(static_cast<Eigen::Index>(i)) > 0.5, examples.lastMoveUp()[i]});
            if (options.progress)
                options.progress(++done / fits);
        }
        if (ModelTrainer::cancelRequested(options)) {
            out.cancelled = true;
            out.error = QStringLiteral("search cancelled");
            out.curve.clear();
            return out;
        }
        const auto metrics = ClassificationMetrics::fromCalls(std::move(calls));
        out.curve.push_back({c, metrics.logLoss(), metrics.tally().accuracy(), metrics.examples()});
    }
    std::sort(out.curve.begin(), out.curve.end(), [](const Point& a, const Point& b) { return a.c < b.c; });
    out.bestC = std::min_element(out.curve.begin(), out.curve.end(), [](const Point& a, const Point& b) {
                    return a.logLoss < b.logLoss;
                })->c;
    return out;
}

} // namespace ss
