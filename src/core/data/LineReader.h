#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ss {

// Splits a byte stream into lines, chunk by chunk, so that a file of any
// size is read in bounded memory and a file descriptor is never held longer
// than the read. Accepts LF and CRLF endings, drops a leading UTF-8 BOM, and
// yields a last line that has no newline. A line longer than kMaxLineLength
// is not kept: it comes back flagged `overlong`, so a single runaway line
// (or a binary file) costs at most one buffer.
class LineReader {
public:
    static constexpr std::size_t kMaxLineLength = 64 * 1024;
    // A "line" that runs on this far without an end (/dev/zero, a binary
    // stream) ends the input with an error: skipping it would never end.
    static constexpr std::size_t kMaxSkippedLength = 64 * 1024 * 1024;

    struct Line {
        std::string_view text;   // without the line ending
        std::size_t number = 0;  // 1-based
        bool overlong = false;
    };

    // Takes ownership of fd only if ownsFd; reads until EOF. A caller that
    // reads many files in a row passes its own buffer to reuse: a fresh
    // megabyte per small file costs more than parsing it.
    explicit LineReader(int fd, bool ownsFd = false, std::vector<char>* buffer = nullptr);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // False at the end of input or on a read error (see error()).
    bool next(Line& line);

    // Called before each read; returning false ends the input there, as if
    // at its end. A live source waits in it for data, a stop request or an
    // idle peer's timeout, since a blocking read could not be interrupted.
    void setWaitForData(std::function<bool()> wait) { waitForData_ = std::move(wait); }

    // Empty unless a read failed; then the reason (strerror).
    const std::string& error() const { return error_; }
    std::size_t bytesRead() const { return bytesRead_; }

private:
    bool fill();

    int fd_;
    bool ownsFd_;
    bool eof_ = false;
    bool atStart_ = true;
    std::vector<char> ownBuffer_;
    std::vector<char>& buffer_;
    std::size_t begin_ = 0;  // start of unconsumed bytes
    std::size_t end_ = 0;    // end of valid bytes
    std::size_t lineNumber_ = 0;
    std::size_t bytesRead_ = 0;
    std::size_t overlongFrom_ = 0;  // where the overlong line being skipped began
    std::string error_;
    std::function<bool()> waitForData_;
};

} // namespace ss
