#pragma once

#include <QString>

namespace ss {

// The ticker files shipped with the program: an installed program reads its
// installed copy (InstalledData); one run from its build tree has only the
// copy compiled into it, and DataLoader reads real files, so the first use
// copies those once into the user's cache folder.
class BuiltInSample {
public:
    // The folder holding the sample's files; empty with *error set when the
    // compiled-in copy is needed and cannot be written.
    static QString folder(QString* error);
};

} // namespace ss
