#pragma once

#include "core/data/TableOptions.h"

#include <QCommandLineParser>

#include <optional>

namespace ss::cli {

// The options that say how to read a price table where detection guesses
// wrong or cannot tell, for every command that reads --data or --csv.
class TableFlags {
public:
    TableFlags();
    void addTo(QCommandLineParser& parser) const;
    // What the flags ask for; nullopt with *error set (one sentence naming
    // the flag) when a value is not one it takes.
    std::optional<TableOptions> read(const QCommandLineParser& parser, QString* error) const;

private:
    QCommandLineOption columns_, dateFormat_, delimiter_, decimal_, layout_;
};

} // namespace ss::cli
