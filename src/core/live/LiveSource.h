#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

struct addrinfo;

namespace ss {

// Where a live stream comes from, and how patiently to wait for it.
struct LiveSourceOptions {
    enum class Mode { Stdin, File, Connect, Listen };
    Mode mode = Mode::Stdin;
    std::string path;  // File: read once, as it is, however large
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  // Listen: 0 picks a free port (see LiveSource::port())
    // After a peer leaves: Connect dials again, Listen takes the next peer.
    // Without it the stream ends with the first connection.
    bool reconnect = false;
    // Connect: how long to keep dialling (with back-off) before giving up.
    std::chrono::milliseconds retryFor{30000};
    // A peer silent this long is dropped; zero waits forever.
    std::chrono::milliseconds idleTimeout{0};
};

// "HOST:PORT", "[IPv6]:PORT" or, with a default host, "PORT".
std::optional<std::pair<std::string, std::uint16_t>> parseHostPort(const std::string& text,
                                                                   const std::string& defaultHost);

// The byte streams of a live feed, one connection after another: standard
// input or a file once, a producer dialled with exponential back-off (50 ms doubling
// to 2 s), or producers accepted on a listening socket (bound when the
// source is created, so its port is known at once). Plain POSIX sockets:
// the stream is read by one thread that blocks in poll() on the data and on
// a stop pipe, which needs no event loop and lets stop() interrupt any wait.
class LiveSource {
public:
    static std::unique_ptr<LiveSource> create(const LiveSourceOptions& options, std::string* error);
    ~LiveSource();
    LiveSource(const LiveSource&) = delete;
    LiveSource& operator=(const LiveSource&) = delete;

    // Blocks until the next input is open and returns its descriptor, owned
    // by the source until the next call; -1 when there is none: stopped,
    // given up (see error()), standard input read, or no reconnect.
    int next();
    // Blocks until `fd` has data (or its end); false when stopped or idle too long.
    bool waitReadable(int fd);
    // From any thread: ends every wait and the stream.
    void stop();
    bool stopped() const { return stopped_.load(); }

    std::uint16_t port() const { return port_; }
    // "-", the file's path, "tcp://HOST:PORT" (dialled) or "listen://HOST:PORT".
    std::string describe() const;
    // Whose prices a CSV row that names no stock gives (a ticker file's
    // rows): the file's stock, named as a loaded file's, "stdin" for
    // standard input, as a loaded one, and "feed" for a connection.
    std::string defaultStock() const;
    // Why the source gave up; empty when it ended normally. Any thread.
    std::string error() const;
    std::size_t connections() const { return connections_.load(); }
    // Any thread: an input is open now, from next() handing it out until
    // the next call (or the source's end); false while dialling or waiting.
    bool connected() const { return connected_.load(); }
    std::size_t idleDrops() const { return idleDrops_.load(); }

private:
    explicit LiveSource(const LiveSourceOptions& options);
    bool openFile(std::string* error);
    int dial();
    int connectTo(const addrinfo& address, std::chrono::steady_clock::time_point deadline, std::string& why);
    int accept();
    // Sleeps up to `delay`; false when stopped meanwhile.
    bool pause(std::chrono::milliseconds delay);
    void closeCurrent();
    void setError(std::string error);

    LiveSourceOptions options_;
    int wake_[2] = {-1, -1};
    int listener_ = -1;
    int file_ = -1;  // File: opened by create(), until next() hands it out
    int current_ = -1;
    bool stdinTaken_ = false;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopped_{false};
    std::atomic<std::size_t> connections_{0};
    std::atomic<bool> connected_{false};
    std::atomic<std::size_t> idleDrops_{0};
    mutable std::mutex errorMutex_;
    std::string error_;
};

} // namespace ss
