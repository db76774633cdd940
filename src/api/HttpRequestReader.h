#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QUrl>

#include <utility>

namespace ss::api {

// The statuses the API answers with.
struct HttpStatus {
    enum Code : int {
        Ok = 200,
        Accepted = 202,
        BadRequest = 400,
        Unauthorized = 401,
        NotFound = 404,
        RequestTimeout = 408,
        Conflict = 409,
        LengthRequired = 411,
        ContentTooLarge = 413,
        HeaderFieldsTooLarge = 431,
        InternalServerError = 500,
    };
};

// One HTTP/1.x request, as the API reads it.
struct HttpRequest {
    QByteArray method;
    QUrl url;  // path and query
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The first value of the header `name` (case-insensitive); empty when absent.
    QByteArray header(QByteArrayView name) const;
};

// Reads one request from the bytes of a connection as they come, within
// hard limits, so that a caller never holds more than a small request: the
// head (request line and headers) at most kMaxHeadBytes, a body at most
// kMaxBodyBytes, and only with a Content-Length (chunked bodies are
// refused). The head is known before any of the body is kept, so the caller
// can refuse a request on its headers (a wrong token) without reading on.
// Feeding it any bytes never crashes, hangs or holds more than the limits.
class HttpRequestReader {
public:
    static constexpr qsizetype kMaxHeadBytes = 16 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;

    enum class State {
        Head,      // more of the head is needed
        Body,      // the head is read; more of the body is needed
        Complete,  // request() is whole
        Refused,   // refusal() says why; read no further
    };
    struct Refusal {
        int status = HttpStatus::BadRequest;
        QString reason;
    };

    // Takes the next bytes of the connection; bytes after a complete
    // request are ignored (one request a connection).
    State feed(QByteArrayView bytes);
    State state() const { return state_; }
    // Whether the method, URL and headers are read, even when the request
    // was then refused for its body (too large, chunked): who sent it is
    // known before what is wrong with its body is said.
    bool headRead() const { return headRead_; }
    // Its method, URL and headers once headRead(); its body once Complete.
    const HttpRequest& request() const { return request_; }
    const Refusal& refusal() const { return refusal_; }

private:
    State refuse(int status, QString reason);
    State parseHead(QByteArrayView head);
    State takeBody(QByteArrayView bytes);

    State state_ = State::Head;
    QByteArray head_;
    qsizetype bodyLength_ = 0;
    bool headRead_ = false;
    HttpRequest request_;
    Refusal refusal_;
};

} // namespace ss::api
