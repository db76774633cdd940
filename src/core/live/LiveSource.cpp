#include "LiveSource.h"

#include "core/data/DataLoader.h"
#include "core/data/TickRecord.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <utility>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ss {

namespace {

constexpr std::chrono::milliseconds kFirstBackOff{50};
constexpr std::chrono::milliseconds kMaxBackOff{2000};

std::string systemError(const std::string& what)
{
    return what + ": " + std::strerror(errno);
}

struct AddressList {
    addrinfo* head = nullptr;
    ~AddressList() { if (head) ::freeaddrinfo(head); }
};

// Resolves host:port; on failure returns the resolver's message.
std::string resolve(const std::string& host, std::uint16_t port, bool passive, AddressList& out)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = passive ? AI_PASSIVE : 0;
    const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &out.head);
    return rc == 0 ? std::string() : "cannot resolve " + host + ": " + ::gai_strerror(rc);
}

std::uint16_t boundPort(int fd)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return 0;
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
}

} // namespace

std::optional<std::pair<std::string, std::uint16_t>> parseHostPort(const std::string& text,
                                                                   const std::string& defaultHost)
{
    std::string host = defaultHost;
    std::string_view port = text;
    if (const auto colon = text.rfind(':'); colon != std::string::npos) {
        host = text.substr(0, colon);
        port = std::string_view(text).substr(colon + 1);
        if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
            host = host.substr(1, host.size() - 2);
        if (host.empty())
            return std::nullopt;
    }
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || port.empty() || value > 65535)
        return std::nullopt;
    return std::pair{host, static_cast<std::uint16_t>(value)};
}

LiveSource::LiveSource(const LiveSourceOptions& options) : options_(options), port_(options.port) {}

std::unique_ptr<LiveSource> LiveSource::create(const LiveSourceOptions& options, std::string* error)
{
    std::unique_ptr<LiveSource> source(new LiveSource(options));
    if (::pipe2(source->wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
        *error = systemError("cannot create a pipe");
        return nullptr;
    }
    if (options.mode == LiveSourceOptions::Mode::File)
        return source->openFile(error) ? std::move(source) : nullptr;
    if (options.mode != LiveSourceOptions::Mode::Listen)
        return source;

    AddressList addresses;
    if (std::string why = resolve(options.host, options.port, true, addresses); !why.empty()) {
        *error = why;
        return nullptr;
    }
    std::string why = "no address for " + options.host;
    for (addrinfo* a = addresses.head; a; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0)
            continue;
        const int on = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 8) == 0) {
            source->listener_ = fd;
            source->port_ = boundPort(fd);
            return source;
        }
        why = systemError("cannot listen on " + options.host + ":" + std::to_string(options.port));
        ::close(fd);
    }
    *error = why;
    return nullptr;
}

// Opened at once, so that a path that cannot be read is one clear message
// before anything starts. A FIFO is read as its writer fills it.
bool LiveSource::openFile(std::string* error)
{
    const std::string& path = options_.path;
    file_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st {};
    if (file_ < 0 || ::fstat(file_, &st) != 0) {
        *error = systemError("cannot open " + path);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        *error = "cannot stream " + path + ": it is a folder; a folder's files are merged in time order when it "
                 "is loaded (leave out --live)";
        return false;
    }
    if (!isValidStockName(defaultStock())) {
        *error = "cannot stream " + path + ": " + kBadStockFileName;
        return false;
    }
    return true;
}

LiveSource::~LiveSource()
{
    closeCurrent();
    for (const int fd : {listener_, file_, wake_[0], wake_[1]})
        if (fd >= 0)
            ::close(fd);
}

std::string LiveSource::describe() const
{
    const std::string address = options_.host + ":" + std::to_string(port_);
    switch (options_.mode) {
    case LiveSourceOptions::Mode::Stdin: return "-";
    case LiveSourceOptions::Mode::File: return options_.path;
    case LiveSourceOptions::Mode::Connect: return "tcp://" + address;
    case LiveSourceOptions::Mode::Listen: return "listen://" + address;
    }
    return {};
}

std::string LiveSource::defaultStock() const
{
    switch (options_.mode) {
    case LiveSourceOptions::Mode::Stdin: return "stdin";
    case LiveSourceOptions::Mode::File: return DataLoader::stockNameForFile(options_.path);
    case LiveSourceOptions::Mode::Connect:
    case LiveSourceOptions::Mode::Listen: return "feed";
    }
    return {};
}

std::string LiveSource::error() const
{
    std::lock_guard lock(errorMutex_);
    return error_;
}

void LiveSource::setError(std::string error)
{
    std::lock_guard lock(errorMutex_);
    error_ = std::move(error);
}

void LiveSource::stop()
{
    stopped_ = true;
    const char byte = 1;
    [[maybe_unused]] const ssize_t ignored = ::write(wake_[1], &byte, 1);
}

void LiveSource::closeCurrent()
{
    if (current_ > STDIN_FILENO)
        ::close(current_);
    current_ = -1;
    connected_ = false;
}

bool LiveSource::pause(std::chrono::milliseconds delay)
{
    pollfd wake{wake_[0], POLLIN, 0};
    while (::poll(&wake, 1, static_cast<int>(delay.count())) < 0 && errno == EINTR) {
    }
    return !stopped();
}

bool LiveSource::waitReadable(int fd)
{
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    const int timeout = options_.idleTimeout.count() > 0 ? static_cast<int>(options_.idleTimeout.count()) : -1;
    for (;;) {
        if (stopped())
            return false;
        const int n = ::poll(fds, 2, timeout);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            setError(systemError("cannot wait for data"));
            return false;
        }
        if (n == 0) {
            ++idleDrops_;
            return false;
        }
        return !stopped();
    }
}

int LiveSource::next()
{
    const bool first = connections_.load() == 0;
    closeCurrent();
    if (stopped() || (!first && !options_.reconnect))
        return -1;
    switch (options_.mode) {
    case LiveSourceOptions::Mode::Stdin:
        if (std::exchange(stdinTaken_, true))
            return -1;
        current_ = STDIN_FILENO;
        break;
    case LiveSourceOptions::Mode::File: current_ = std::exchange(file_, -1); break;
    case LiveSourceOptions::Mode::Connect: current_ = dial(); break;
    case LiveSourceOptions::Mode::Listen: current_ = accept(); break;
    }
    if (current_ >= 0) {
        ++connections_;
        connected_ = true;
    }
    return current_;
}

// Dials until connected, stopped, or options_.retryFor has passed; a peer
// that is not up yet, or restarting, is waited for with growing pauses.
int LiveSource::dial()
{
    const auto deadline = std::chrono::steady_clock::now() + options_.retryFor;
    auto backOff = kFirstBackOff;
    for (;;) {
        AddressList addresses;
        std::string why = resolve(options_.host, options_.port, false, addresses);
        for (addrinfo* a = addresses.head; a; a = a->ai_next) {
            const int fd = connectTo(*a, deadline, why);
            if (fd >= 0)
                return fd;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline || stopped()) {
            setError(stopped() ? std::string() : why);
            return -1;
        }
        if (!pause(std::min(backOff, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now))))
            return -1;
        backOff = std::min(backOff * 2, kMaxBackOff);
    }
}

// One attempt, without blocking: a host that drops the handshake must not
// keep stop() waiting for the system's connect timeout.
int LiveSource::connectTo(const addrinfo& address, std::chrono::steady_clock::time_point deadline, std::string& why)
{
    const int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, address.ai_protocol);
    if (fd < 0) {
        why = systemError("cannot create a socket");
        return -1;
    }
    int rc = ::connect(fd, address.ai_addr, address.ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
        pollfd fds[2] = {{fd, POLLOUT, 0}, {wake_[0], POLLIN, 0}};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        int n;
        while ((n = ::poll(fds, 2, static_cast<int>(std::max<std::int64_t>(left.count(), 1000)))) < 0 && errno == EINTR) {
        }
        int failure = ETIMEDOUT;
        socklen_t length = sizeof failure;
        if (n > 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP)))
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length);
        errno = failure;
        rc = failure == 0 ? 0 : -1;
    }
    if (rc != 0) {
        why = systemError("cannot connect to " + options_.host + ":" + std::to_string(options_.port));
        ::close(fd);
        return -1;
    }
    // Reads wait in poll(); the reads themselves may block.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

int LiveSource::accept()
{
    pollfd fds[2] = {{listener_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    for (;;) {
        if (stopped())
            return -1;
        if (::poll(fds, 2, -1) < 0 && errno != EINTR) {
            setError(systemError("cannot wait for a producer"));
            return -1;
        }
        if (stopped())
            return -1;
        if (!(fds[0].revents & POLLIN))
            continue;
        const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0)
            return fd;
        // A peer that gave up between poll and accept is not an error.
        if (errno != ECONNABORTED && errno != EINTR && errno != EAGAIN) {
            setError(systemError("cannot accept a producer"));
            return -1;
        }
    }
}

} // namespace ss
