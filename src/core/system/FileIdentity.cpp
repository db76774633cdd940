#include "FileIdentity.h"

#include <sys/stat.h>
#include <time.h>

namespace ss {

namespace {

std::int64_t nanoseconds(const timespec& t)
{
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

} // namespace

std::optional<FileIdentity> FileIdentity::of(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    return FileIdentity{path,
                        static_cast<std::uint64_t>(st.st_size),
                        nanoseconds(st.st_mtim),
                        nanoseconds(st.st_ctim),
                        static_cast<std::uint64_t>(st.st_ino),
                        static_cast<std::uint64_t>(st.st_dev)};
}

std::int64_t FileIdentity::coarseNowNs()
{
    timespec now {};
    ::clock_gettime(CLOCK_REALTIME_COARSE, &now);
    return nanoseconds(now);
}

} // namespace ss
