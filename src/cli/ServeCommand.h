#pragma once

#include <QStringList>

namespace ss::cli {

// `stockstream-cli serve`: the local HTTP API over a prediction log, until
// interrupted.
class ServeCommand {
public:
    static int run(const QStringList& arguments);
};

} // namespace ss::cli
