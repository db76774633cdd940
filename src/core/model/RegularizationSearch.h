#pragma once

#include "ModelTrainer.h"

#include <QString>

#include <vector>

namespace ss {

// Chooses C for one stock by walk-forward validation on the training part
// alone (the hold-out stays unseen): the training examples are cut into
// folds + 1 consecutive blocks, and for every C each block after the first
// is predicted by a fit on all the blocks before it, as the model would be
// used. The best C has the lowest log loss over all predicted blocks.
class RegularizationSearch {
public:
    struct Point {
        double c = 0;
        double logLoss = 0;   // over every validation example of every fold
        double accuracy = 0;
        std::size_t examples = 0;
    };
    struct Result {
        std::vector<Point> curve;  // by rising C
        double bestC = 0;
        QString error;             // one line, for the user; curve empty then
        bool cancelled = false;
    };
    static constexpr int kDefaultFolds = 4;

    // count values from low to high, evenly spaced on a log scale.
    static std::vector<double> logGrid(double low, double high, int count);
    // options.c is ignored; its window, transform, test fraction, threads,
    // cancel flag and progress are used.
    static Result search(const StockSeries& series, const TrainingOptions& options, const std::vector<double>& grid,
                         int folds = kDefaultFolds);
};

} // namespace ss
