#pragma once

#include "HttpRequestReader.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

class QTcpSocket;

namespace ss::api {

// A JSON answer and its status.
struct HttpReply {
    int status = HttpStatus::Ok;
    QByteArray body;
};

// One client connection of the API: it reads one request within
// HttpRequestReader's limits and answers it, then closes. The head is
// judged first (`screen`, e.g. the token) and a refusal is sent at once,
// without reading the body a client may still be sending. A connection
// that has not sent a whole request within `timeout` is answered 408 and
// closed, so idle or trickling clients cannot pile up.
class HttpConnection : public QObject {
    Q_OBJECT
public:
    // A refusal of the request on its method, URL and headers, or nullopt.
    using Screen = std::function<std::optional<HttpReply>(const HttpRequest&)>;
    // Sends the answer; a handler may call it later, once, from this thread.
    using Respond = std::function<void(const HttpReply&)>;
    using Handle = std::function<void(const HttpRequest&, const Respond&)>;

    // Takes ownership of `socket`; deletes itself once closed.
    HttpConnection(QTcpSocket* socket, std::chrono::milliseconds timeout, Screen screen, Handle handle);

private:
    void read();
    void answer(const HttpReply& reply);

    QTcpSocket* socket_;
    HttpRequestReader reader_;
    QTimer deadline_;
    Screen screen_;
    Handle handle_;
    bool screened_ = false;
    bool handled_ = false;  // the request went to handle_
    bool answered_ = false;
};

} // namespace ss::api
