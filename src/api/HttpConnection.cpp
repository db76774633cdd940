#include "HttpConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>

#include <sys/socket.h>

namespace ss::api {

namespace {

constexpr std::chrono::milliseconds kLinger{1000};

const char* reasonPhrase(int status)
{
    switch (status) {
    case HttpStatus::Ok: return "OK";
    case HttpStatus::Accepted: return "Accepted";
    case HttpStatus::BadRequest: return "Bad Request";
    case HttpStatus::Unauthorized: return "Unauthorized";
    case HttpStatus::NotFound: return "Not Found";
    case HttpStatus::RequestTimeout: return "Request Timeout";
    case HttpStatus::Conflict: return "Conflict";
    case HttpStatus::LengthRequired: return "Length Required";
    case HttpStatus::ContentTooLarge: return "Content Too Large";
    case HttpStatus::HeaderFieldsTooLarge: return "Request Header Fields Too Large";
    case HttpStatus::InternalServerError: return "Internal Server Error";
    default: return "Status";
    }
}

HttpReply errorReply(int status, const QString& reason)
{
    return {status, QJsonDocument(QJsonObject{{"error", reason}}).toJson(QJsonDocument::Compact)};
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket* socket, std::chrono::milliseconds timeout, Screen screen, Handle handle)
    : QObject(socket), socket_(socket), screen_(std::move(screen)), handle_(std::move(handle))
{
    // Qt would otherwise buffer whatever the client sends, however much.
    socket_->setReadBufferSize(HttpRequestReader::kMaxHeadBytes);
    connect(socket_, &QTcpSocket::readyRead, this, &HttpConnection::read);
    connect(socket_, &QTcpSocket::disconnected, socket_, &QObject::deleteLater);
    deadline_.setSingleShot(true);
    connect(&deadline_, &QTimer::timeout, this, [this] {
        if (answered_)
            return socket_->abort();
        answer(errorReply(HttpStatus::RequestTimeout,
                          QStringLiteral("no whole request within %1 ms").arg(deadline_.interval())));
    });
    deadline_.start(timeout);
    read();
}

void HttpConnection::read()
{
    if (handled_ || answered_) {
        // What a client sends after its request is dropped unread.
        socket_->skip(socket_->bytesAvailable());
        return;
    }
    using State = HttpRequestReader::State;
    while (socket_->bytesAvailable() > 0 && (reader_.state() == State::Head || reader_.state() == State::Body)) {
        reader_.feed(socket_->read(HttpRequestReader::kMaxHeadBytes));
        if (!screened_ && reader_.headRead()) {
            screened_ = true;
            if (const auto refusal = screen_(reader_.request()))
                return answer(*refusal);
        }
    }
    switch (reader_.state()) {
    case State::Refused:
        return answer(errorReply(reader_.refusal().status, reader_.refusal().reason));
    case State::Complete:
        handled_ = true;
        deadline_.stop();
        return handle_(reader_.request(), [self = QPointer(this)](const HttpReply& reply) {
            if (self)  // else the client went away meanwhile
                self->answer(reply);
        });
    default:
        return;
    }
}

void HttpConnection::answer(const HttpReply& reply)
{
    if (answered_)
        return;
    answered_ = true;
    deadline_.stop();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status)
                      + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(reply.body.size())
                      + "\r\nConnection: close\r\n";
    if (reply.status == HttpStatus::Unauthorized)
        head += "WWW-Authenticate: Bearer\r\n";
    socket_->write(head + "\r\n" + reply.body);
    socket_->skip(socket_->bytesAvailable());
    // Closing outright while a refused client still sends its body would
    // reset the connection, and the client could lose the answer. Instead
    // the sending half is closed once the answer is out, what still comes
    // is dropped unread, and the connection goes when the client closes its
    // half, or after a short linger.
    connect(socket_, &QTcpSocket::bytesWritten, this, [this] {
        if (socket_->bytesToWrite() == 0)
            ::shutdown(static_cast<int>(socket_->socketDescriptor()), SHUT_WR);
    });
    deadline_.start(kLinger);
}

} // namespace ss::api
