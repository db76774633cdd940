#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ss {

// What happened to one input file: how much it gave, what was refused.
struct FileReport {
    std::string file;
    std::size_t records = 0;
    std::size_t rejected = 0;
    std::size_t firstBadLine = 0;  // 0 when nothing was rejected
    std::string firstBadReason;
    bool empty = false;            // no bytes, or nothing but a header
    std::string error;             // set when the file could not be read at all
    std::vector<std::string> notes;  // how a table was read, where the user may want it otherwise

    void reject(std::size_t line, std::string_view reason)
    {
        if (rejected++ == 0) {
            firstBadLine = line;
            firstBadReason = reason;
        }
    }
};

// The whole load: one entry per input file that was empty, unreadable, had
// rejected lines or notes (clean files are only counted, to stay small at 7,195 files).
struct LoadReport {
    std::size_t files = 0;
    std::size_t records = 0;
    std::size_t rejected = 0;
    std::size_t emptyFiles = 0;
    std::size_t unreadableFiles = 0;
    std::vector<FileReport> notable;

    void add(FileReport&& file)
    {
        ++files;
        records += file.records;
        rejected += file.rejected;
        emptyFiles += file.empty;
        unreadableFiles += !file.error.empty();
        if (file.rejected > 0 || file.empty || !file.error.empty() || !file.notes.empty())
            notable.push_back(std::move(file));
    }
};

} // namespace ss
