#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ss {

// What says, without reading a file, that it is still the one read before:
// its path, size, modification and change times and inode, as git's index
// keeps them. Restoring a file's modification time after rewriting it
// (touch -d) still changes its change time, which no user can set.
struct FileIdentity {
    std::string path;
    std::uint64_t size = 0;
    std::int64_t modifiedNs = 0;
    std::int64_t changedNs = 0;
    std::uint64_t inode = 0;
    std::uint64_t device = 0;

    bool operator==(const FileIdentity&) const = default;

    // nullopt when the path cannot be statted or is not a regular file.
    static std::optional<FileIdentity> of(const std::string& path);

    // The clock file times are stamped from, which ticks every few
    // milliseconds: a file changed at `now` or later may change again
    // without its times moving, so it cannot be told apart from itself.
    static std::int64_t coarseNowNs();
    bool isRacyAt(std::int64_t nowNs) const { return changedNs >= nowNs || modifiedNs >= nowNs; }
};

} // namespace ss
