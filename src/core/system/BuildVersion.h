#pragma once

#include <QString>

namespace ss {

// What --version and the About box report: the release, and for a build
// from a git checkout the revision it was built from, e.g.
// "0.1.0 (git 9823c8c1a2-dirty)". The text is generated on every build
// (cmake/BuildRevision.cmake); only this class's source includes it, so a
// new revision recompiles one file.
class BuildVersion {
public:
    static QString text();
};

} // namespace ss
