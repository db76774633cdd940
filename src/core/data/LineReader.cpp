#include "LineReader.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ss {

namespace {
constexpr std::size_t kChunk = 1 << 20;
}

LineReader::LineReader(int fd, bool ownsFd, std::vector<char>* buffer)
    : fd_(fd), ownsFd_(ownsFd), buffer_(buffer ? *buffer : ownBuffer_)
{
    buffer_.resize(kChunk + kMaxLineLength + 1);
}

LineReader::~LineReader()
{
    if (ownsFd_ && fd_ >= 0)
        ::close(fd_);
}

// Moves the unconsumed tail to the front and reads more behind it.
bool LineReader::fill()
{
    if (eof_)
        return false;
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    while (end_ < buffer_.size()) {
        if (waitForData_ && !waitForData_()) {
            eof_ = true;
            return false;
        }
        const ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
        if (n > 0) {
            end_ += static_cast<std::size_t>(n);
            bytesRead_ += static_cast<std::size_t>(n);
            return true;
        }
        if (n == 0) {
            eof_ = true;
            return false;
        }
        if (errno != EINTR) {
            error_ = std::strerror(errno);
            eof_ = true;
            return false;
        }
    }
    return true;
}

bool LineReader::next(Line& line)
{
    line.overlong = false;
    for (;;) {
        if (atStart_ && (end_ - begin_ >= 3 || eof_ || lineNumber_ > 0)) {
            atStart_ = false;
            if (lineNumber_ == 0 && end_ - begin_ >= 3
                && std::memcmp(buffer_.data() + begin_, "\xEF\xBB\xBF", 3) == 0)
                begin_ += 3;
        }
        const char* start = buffer_.data() + begin_;
        const std::size_t avail = end_ - begin_;
        const auto* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
        if (nl || (eof_ && avail > 0)) {
            std::size_t len = nl ? static_cast<std::size_t>(nl - start) : avail;
            begin_ += nl ? len + 1 : len;
            if (len > 0 && start[len - 1] == '\r')
                --len;
            line.number = ++lineNumber_;
            if (line.overlong || len > kMaxLineLength) {
                line.overlong = true;
                line.text = {};
                return true;
            }
            line.text = std::string_view(start, len);
            return true;
        }
        if (eof_)
            return false;
        if (avail >= kMaxLineLength) {
            // Too long to keep: drop what we have and keep scanning for its end.
            if (!line.overlong)
                overlongFrom_ = bytesRead_ - avail;
            line.overlong = true;
            begin_ = end_;
            if (bytesRead_ - overlongFrom_ > kMaxSkippedLength) {
                error_ = "line " + std::to_string(lineNumber_ + 1) + " runs on past "
                         + std::to_string(kMaxSkippedLength >> 20) + " MiB without ending";
                eof_ = true;
                return false;
            }
        }
        if (!fill() && end_ == begin_) {
            if (line.overlong) {
                line.number = ++lineNumber_;
                line.text = {};
                return true;
            }
            return false;
        }
    }
}

} // namespace ss
