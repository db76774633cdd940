#pragma once

#include "TickSender.h"
#include "core/live/LiveSource.h"

#include <memory>
#include <string>

namespace ss::cli {

// Ticks written to standard output, or to a TCP receiver dialled with
// back-off (a listening `replay`), gathered into large writes.
class FdTickSender : public TickSender {
public:
    // Standard output; or, with `peer`, the receiver it dials. Null, with
    // *error, when the receiver cannot be reached.
    static std::unique_ptr<FdTickSender> toStandardOutput();
    static std::unique_ptr<FdTickSender> dial(const LiveSourceOptions& peer, std::string* error);

    bool send(std::string_view stock, Timestamp time, double close) override;
    bool flush() override;
    std::size_t sent() const override { return sent_; }
    QString failure(const QString& destination) const override;
    bool readerLeft() const override;

private:
    FdTickSender(int fd, std::unique_ptr<LiveSource> receiver) : fd_(fd), receiver_(std::move(receiver)) {}

    int fd_;
    std::unique_ptr<LiveSource> receiver_;  // owns fd_ when dialled
    std::string lines_;
    std::size_t queued_ = 0;  // ticks in lines_
    std::size_t sent_ = 0;
    int writeErrno_ = 0;
};

} // namespace ss::cli
