#pragma once

#include <QStringList>

namespace ss::cli {

// `stockstream-cli export`: write a logged run's calls as CSV or JSON lines.
class ExportCommand {
public:
    static int run(const QStringList& arguments);
};

} // namespace ss::cli
