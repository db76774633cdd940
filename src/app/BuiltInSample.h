#pragma once

#include <QString>

namespace ss {

// The ticker files shipped inside the program. DataLoader reads real files,
// so the first use copies them once into the user's cache folder.
class BuiltInSample {
public:
    // The folder holding the sample's files, written on first use; empty
    // with *error set when it cannot be written.
    static QString folder(QString* error);
};

} // namespace ss
