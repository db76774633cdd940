#pragma once

#include "BearerToken.h"
#include "HttpConnection.h"
#include "ReplayJob.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <chrono>
#include <memory>
#include <variant>

class QTcpServer;
class QUrlQuery;

namespace ss {
class PredictionLog;
}

namespace ss::api {

// The local HTTP API over one prediction log (the msbd5003 platform's REST
// role): every answer is JSON, every request must present the token.
//
//   GET  /runs                         the log's runs, oldest first
//   POST /replays                      {"data": PATH, "model": FILE?, "speed": "max"|N?}
//   GET  /replays/current              the replay started last: state, progress, summary
//   POST /replays/current/stop         stops it; answers once its run is committed
//   GET  /stocks/STOCK/predictions     ?run=ID&limit=N: the stock's calls, oldest first
//   GET  /predictions/latest           ?run=ID: each stock's latest call
//
// One replay at a time: a second POST /replays while one runs is refused
// (409). Requests are answered on the thread that owns the server, reading
// the log through a connection of its own while a replay writes through
// another. Each connection carries one request within HttpConnection's
// limits, refused on its headers alone when the token is wrong.
class ApiServer : public QObject {
    Q_OBJECT
public:
    // How long a client has to send a whole request.
    static constexpr std::chrono::milliseconds kRequestTimeout{10000};

    // Opens (or creates) the log; nullptr with *error when it cannot.
    static std::unique_ptr<ApiServer> create(const QString& logPath, BearerToken token, QString* error);
    ~ApiServer() override;

    // Starts serving on address:port (port 0: a free one).
    bool listen(const QHostAddress& address, quint16 port, QString* error);
    QHostAddress address() const;
    quint16 port() const;
    // Stops a replay in progress, its run committed; for an orderly exit.
    void stopReplay();
    void setRequestTimeout(std::chrono::milliseconds timeout) { requestTimeout_ = timeout; }

private:
    using Reply = HttpReply;
    using Status = HttpStatus;

    ApiServer(std::unique_ptr<PredictionLog> log, BearerToken token);
    using Respond = HttpConnection::Respond;

    void accept();
    std::optional<Reply> screen(const HttpRequest& request) const;
    void route(const HttpRequest& request, const Respond& respond);
    Reply runs();
    // Answers once the model is read, on a worker thread.
    void startReplay(const QByteArray& body, const Respond& respond);
    Reply currentReplay() const;
    Reply stopCurrentReplay();
    Reply stockPredictions(const QString& stock, const QUrlQuery& query);
    Reply latestPredictions(const QUrlQuery& query);
    // The run a query names (?run=ID), else the current replay's, else the
    // log's latest; an error reply when there is none or ID is not a run.
    std::variant<qint64, Reply> chosenRun(const QUrlQuery& query);

    const std::unique_ptr<PredictionLog> log_;
    const BearerToken token_;
    std::unique_ptr<ReplayJob> replay_;
    bool startingReplay_ = false;  // its model is being read
    QTcpServer* tcp_ = nullptr;
    std::chrono::milliseconds requestTimeout_ = kRequestTimeout;
};

} // namespace ss::api
