#pragma once

// Plain TCP on 127.0.0.1 for tests of live feeds: a peer that dials, a
// listener on a free port, and whole writes. Failures end the test run at
// once (qFatal): a test cannot go on without its socket.

#include <QtGlobal>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>

namespace loopback {

inline sockaddr_in address(quint16 port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

// A connected socket, or -1 when nothing listens on the port.
inline int dial(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in a = address(port);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// A listening socket on `port` (0: a free one); *bound says which.
inline int listenOn(quint16 port, quint16* bound = nullptr)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in a = address(port);
    socklen_t length = sizeof a;
    if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, 4) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length) != 0)
        qFatal("cannot listen on 127.0.0.1:%u", unsigned(port));
    if (bound)
        *bound = ntohs(a.sin_port);
    return fd;
}

// A port that nothing listens on (as far as anyone can tell).
inline quint16 freePort()
{
    quint16 port = 0;
    ::close(listenOn(0, &port));
    return port;
}

inline bool sendAll(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

} // namespace loopback
