#pragma once

#include <QStringList>

namespace ss::cli {

// `stockstream-cli replay`: load a source, stream it through the engine,
// print one line of JSON with the figures.
class ReplayCommand {
public:
    static int run(const QStringList& arguments);
};

} // namespace ss::cli
