#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace ss {

// Reads a file that is small by nature (a model, a token) whole, but never
// more than a hard cap: a device such as /dev/zero reports a size of 0 and
// never ends, and a FIFO blocks until a writer comes, so only regular files
// (and the programs' own Qt resources) are read, and opening never waits.
class SmallFile {
public:
    // The file's bytes, or nullopt with *why (the reason alone, for the
    // caller's sentence) when it cannot be opened, is not a regular file or
    // holds more than maxBytes.
    static std::optional<QByteArray> read(const QString& path, qint64 maxBytes, QString* why);
};

} // namespace ss
