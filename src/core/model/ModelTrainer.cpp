#include "ModelTrainer.h"

#include "ExampleSet.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace ss {

namespace {

QString date(Timestamp t)
{
    return QString::fromStdString(timestamp::format(t));
}

// The closes a run of examples reads, from the oldest close of a window to
// the latest label; over pooled stocks, the earliest and the latest of all.
QJsonObject span(const ExampleSet& examples, std::size_t begin, std::size_t end)
{
    Timestamp from = examples.firstCloseTime(begin);
    Timestamp to = examples.labelTime(end - 1);
    for (std::size_t i = begin; i < end; ++i) {
        from = std::min(from, examples.firstCloseTime(i));
        to = std::max(to, examples.labelTime(i));
    }
    return {{"examples", static_cast<qint64>(end - begin)}, {"from", date(from)}, {"to", date(to)}};
}

// Shares of a run's time: building examples, the fit, the evaluation.
constexpr double kExamplesShare = 0.1;
constexpr double kFitShare = 0.85;

// How far the solver's stopping measure has fallen from its start towards
// the tolerance, on a log scale, as a share of the fit.
double fitFraction(double startNorm, double norm, double tolerance)
{
    if (!(startNorm > tolerance) || !(norm > 0))
        return 1;
    return std::clamp(std::log(startNorm / norm) / std::log(startNorm / tolerance), 0.0, 1.0);
}

} // namespace

QString ModelTrainer::checkOptions(const TrainingOptions& o)
{
    if (o.window < features::kMinWindow || o.window > features::kMaxWindow)
        return QStringLiteral("the window must be from %1 to %2 closes, not %3")
            .arg(features::kMinWindow)
            .arg(features::kMaxWindow)
            .arg(o.window);
    if (!(o.c > 0) || !std::isfinite(o.c))
        return QStringLiteral("C must be a positive finite number, not %1").arg(o.c);
    if (!(o.testFraction >= 0 && o.testFraction < 1))
        return QStringLiteral("the test fraction must be at least 0 and below 1, not %1").arg(o.testFraction);
    return {};
}

bool ModelTrainer::cancelRequested(const TrainingOptions& options)
{
    return options.cancel && options.cancel->load(std::memory_order_relaxed);
}

std::size_t ModelTrainer::trainingCount(std::size_t examples, double testFraction)
{
    return examples - static_cast<std::size_t>(std::floor(static_cast<double>(examples) * testFraction));
}

ModelTrainer::Outcome ModelTrainer::train(const StockSeries& series, const QString& sourceFile,
                                          const TrainingOptions& options)
{
    return train(std::span(&series, 1), sourceFile, options);
}

ModelTrainer::Outcome ModelTrainer::train(std::span<const StockSeries> stocks, const QString& sourceFile,
                                          const TrainingOptions& options)
{
    Outcome out;
    out.error = checkOptions(options);
    if (!out.error.isEmpty())
        return out;
    const bool pooled = stocks.size() != 1;
    const QString what = pooled ? QStringLiteral("the %1 stocks").arg(stocks.size())
                                : QString::fromStdString(stocks.front().name);
    if (pooled && options.testFraction > 0) {
        out.error = QStringLiteral("%1 have no single chronology to hold out; pool them with a test fraction of 0")
                        .arg(what);
        return out;
    }

    const auto report = [&options](double fraction) {
        if (options.progress)
            options.progress(fraction);
    };
    const auto cancelled = [&out, &options] {
        out.cancelled = cancelRequested(options);
        if (out.cancelled)
            out.error = QStringLiteral("training cancelled");
        return out.cancelled;
    };
    report(0);
    const std::optional<ExampleSet> built =
        ExampleSet::fromStocks(stocks, options.transform, options.window, [&](double fraction) {
            report(kExamplesShare * fraction);
            return !cancelRequested(options);
        });
    if (cancelled() || !built)
        return out;
    const ExampleSet& examples = *built;
    const std::size_t n = examples.size();
    out.examples = n;
    if (n == 0) {
        out.error = pooled ? QStringLiteral("none of %1 has the %2 closes a window of %3 needs for one example")
                                 .arg(what)
                                 .arg(options.window + 1)
                                 .arg(options.window)
                           : QStringLiteral("%1 has %2 closes; a window of %3 needs at least %4 for one example")
                                 .arg(what)
                                 .arg(stocks.front().size())
                                 .arg(options.window)
                                 .arg(options.window + 1);
        return out;
    }
    const std::size_t trainCount = trainingCount(n, options.testFraction);
    const std::size_t testCount = n - trainCount;
    if (options.testFraction > 0 && testCount == 0) {
        out.error = QStringLiteral("a test fraction of %1 holds out none of %2's %3 examples (use 0 to fit on all)")
                        .arg(options.testFraction)
                        .arg(what)
                        .arg(n);
        return out;
    }
    const auto trainRows = static_cast<Eigen::Index>(trainCount);
    const double ups = examples.labels().head(trainRows).sum();
    if (ups == 0 || ups == static_cast<double>(trainCount)) {
        // One outcome only: the unpenalised intercept has no finite optimum.
        out.error = QStringLiteral("all %1 training examples of %2 are labelled %3%4; a fit needs both outcomes")
                        .arg(trainCount)
                        .arg(what)
                        .arg(ups == 0 ? "down (next close not higher)" : "up")
                        .arg(ups == 0 ? ", as a constant price series gives" : "");
        return out;
    }

    LogisticTrainer::Options fitOptions;
    fitOptions.c = options.c;
    fitOptions.threads = options.threads;
    fitOptions.cancel = options.cancel;
    if (options.progress) {
        fitOptions.progress = [&report, &fitOptions, startNorm = 0.0](int iteration, double norm) mutable {
            if (iteration == 0)
                startNorm = norm;
            report(kExamplesShare + kFitShare * fitFraction(startNorm, norm, fitOptions.tolerance));
        };
    }
    const auto started = std::chrono::steady_clock::now();
    out.fit = LogisticTrainer::fit(examples.features().topRows(trainRows), examples.labels().head(trainRows),
                                   fitOptions);
    out.fitSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (out.fit.cancelled && cancelled())
        return out;
    if (!out.fit.error.empty()) {
        out.error = QStringLiteral("cannot fit %1: %2").arg(what, QString::fromStdString(out.fit.error));
        return out;
    }

    LogisticModel model(options.window, options.transform,
                        std::vector<double>(out.fit.weights.data(), out.fit.weights.data() + out.fit.weights.size()),
                        out.fit.intercept);
    model.setRegularizationC(options.c);
    out.train = ClassificationMetrics::evaluate(model, examples, 0, trainCount);
    QJsonObject metrics{{"train", out.train->toJson()}};
    QJsonObject trainedOn = span(examples, 0, trainCount);
    trainedOn.insert("file", sourceFile);
    if (pooled)
        trainedOn.insert("stocks", static_cast<qint64>(stocks.size()));
    else
        trainedOn.insert("stock", what);
    trainedOn.insert("fit_on", testCount > 0 ? "train part" : "all examples");
    trainedOn.insert("solver", QJsonObject{{"method", "newton"},
                                           {"iterations", out.fit.iterations},
                                           {"gradient_norm", out.fit.gradientNorm},
                                           {"objective", out.fit.objective}});
    if (testCount > 0) {
        out.test = ClassificationMetrics::evaluate(model, examples, trainCount, n);
        metrics.insert("test", out.test->toJson());
        QJsonObject holdOut = span(examples, trainCount, n);
        holdOut.insert("fraction", options.testFraction);
        trainedOn.insert("hold_out", holdOut);
    }
    model.setTrainedOn(trainedOn);
    model.setMetrics(metrics);
    out.model = std::move(model);
    report(1);
    return out;
}

} // namespace ss
