#pragma once

#include <QStringList>

namespace ss::cli {

// `stockstream-cli train`: fit the logistic model on one stock's closes (or
// pool several), write the model file, print one line of JSON with the figures.
class TrainCommand {
public:
    static int run(const QStringList& arguments);
};

} // namespace ss::cli
