#include "FdTickSender.h"

#include "core/live/TickLine.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <utility>

namespace ss::cli {

namespace {

// Lines gathered before a write: large enough that system calls cost
// little at full speed, small enough to stay in cache.
constexpr std::size_t kFlushBytes = 256 * 1024;

// Writes all of `bytes`; false with errno set when the receiver is gone.
bool writeAll(int fd, std::string& bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    bytes.clear();
    return true;
}

} // namespace

std::unique_ptr<FdTickSender> FdTickSender::toStandardOutput()
{
    return std::unique_ptr<FdTickSender>(new FdTickSender(STDOUT_FILENO, nullptr));
}

std::unique_ptr<FdTickSender> FdTickSender::dial(const LiveSourceOptions& peer, std::string* error)
{
    auto receiver = LiveSource::create(peer, error);
    const int fd = receiver ? receiver->next() : -1;
    if (fd < 0) {
        if (receiver)
            *error = receiver->error();
        return nullptr;
    }
    return std::unique_ptr<FdTickSender>(new FdTickSender(fd, std::move(receiver)));
}

bool FdTickSender::send(std::string_view stock, Timestamp time, double close)
{
    appendTickLine(lines_, stock, time, close);
    ++queued_;
    return lines_.size() < kFlushBytes || flush();
}

bool FdTickSender::flush()
{
    if (writeErrno_ != 0)
        return false;
    if (!writeAll(fd_, lines_)) {
        writeErrno_ = errno != 0 ? errno : EIO;
        return false;
    }
    sent_ += std::exchange(queued_, 0);
    return true;
}

QString FdTickSender::failure(const QString& destination) const
{
    return QStringLiteral("cannot send to %1: %2").arg(destination, QString::fromLocal8Bit(std::strerror(writeErrno_)));
}

bool FdTickSender::readerLeft() const
{
    return !receiver_ && writeErrno_ == EPIPE;
}

} // namespace ss::cli
