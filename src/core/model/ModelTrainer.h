#pragma once

#include "ClassificationMetrics.h"
#include "FeatureTransform.h"
#include "LogisticModel.h"
#include "LogisticTrainer.h"
#include "core/data/StockSeries.h"

#include <QString>

#include <atomic>
#include <functional>
#include <optional>
#include <span>

namespace ss {

struct TrainingOptions {
    int window = 5;
    FeatureTransform transform = FeatureTransform::Relative;
    double c = 1.0;
    // The last floor(n · testFraction) examples are held out, in time order;
    // 0 fits on all examples and reports training figures only.
    double testFraction = 0.2;
    unsigned threads = 0;
    // Set from another thread to abandon a training run; see Outcome::cancelled.
    const std::atomic<bool>* cancel = nullptr;
    // The share of the run done, 0..1, from the training thread.
    std::function<void(double fraction)> progress;
};

// Trains the direction model on one stock's closes, as the command line and
// the training dialog do: examples, chronological split, fit, evaluation.
//
// The saved model is the fit on the training part alone, so the hold-out
// figures in its file describe exactly the weights it carries; the file's
// trained_on says so ("fit_on": "train part") and gives both parts' spans.
//
// Several stocks can be pooled into one fit on all their examples; they have
// no single chronology to hold a tail out of, so pooling needs a test
// fraction of 0.
class ModelTrainer {
public:
    struct Outcome {
        std::optional<LogisticModel> model;  // null when error is set
        QString error;                       // one line, for the user
        std::optional<ClassificationMetrics> train;
        std::optional<ClassificationMetrics> test;  // null when nothing is held out
        LogisticTrainer::Result fit;
        std::size_t examples = 0;
        double fitSeconds = 0;
        bool cancelled = false;  // error says so too
    };

    // One sentence on what is wrong with the options, empty when they are fine.
    static QString checkOptions(const TrainingOptions& options);
    static bool cancelRequested(const TrainingOptions& options);
    // How many of n examples, the earliest, are trained on: the rest, the
    // last floor(n · testFraction), are held out.
    static std::size_t trainingCount(std::size_t examples, double testFraction);
    // sourceFile names the input in the model's provenance (e.g. "ibm.us.txt").
    static Outcome train(const StockSeries& series, const QString& sourceFile, const TrainingOptions& options);
    static Outcome train(std::span<const StockSeries> stocks, const QString& sourceFile,
                         const TrainingOptions& options);
};

} // namespace ss
