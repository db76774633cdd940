#include "ApiServer.h"

#include "core/model/LogisticModel.h"
#include "core/storage/PredictionLog.h"
#include "core/stream/ReplayRate.h"
#include "core/system/InstalledData.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace ss::api {

namespace {

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray errorBody(const QString& message)
{
    return json({{"error", message}});
}

QJsonValue dateTimeJson(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonObject runJson(const RunInfo& run)
{
    return {{"id", run.id},
            {"source", run.source},
            {"model_path", run.modelPath},
            {"model_sha256", run.modelSha256},
            {"model", run.model},
            {"window", run.window},
            {"transform", QString::fromLatin1(features::transformName(run.transform))},
            {"records", run.records},
            {"first_time", QString::fromStdString(timestamp::format(run.firstTime))},
            {"last_time", QString::fromStdString(timestamp::format(run.lastTime))},
            {"started", dateTimeJson(run.started)},
            {"finished", dateTimeJson(run.finished)},
            {"status", QString::fromLatin1(runStatusName(run.status))},
            {"summary", run.summary}};
}

// {"run": ID, "predictions": [records]}: the records are
// written by PredictionRecord itself, so they read as every export does.
QByteArray predictionsBody(qint64 run, const std::vector<const PredictionRecord*>& records)
{
    std::string out = "{\"run\":";
    out += std::to_string(run);
    out += ",\"predictions\":[";
    for (const PredictionRecord* r : records) {
        if (out.back() != '[')
            out += ',';
        r->appendJson(out);
    }
    out += "]}";
    return QByteArray::fromStdString(out);
}

struct LoadedModel {
    std::optional<LogisticModel> model;
    QString error;
};

std::optional<Pace> paceOf(const QJsonValue& speed)
{
    Pace pace;
    if (speed.isUndefined() || speed == QJsonValue(QStringLiteral("max")))
        return pace;
    pace.rate = speed.toDouble(-1);
    if (!speed.isDouble() || !ReplayRate::valid(pace.rate))
        return std::nullopt;
    return pace;
}

} // namespace

std::unique_ptr<ApiServer> ApiServer::create(const QString& logPath, BearerToken token, QString* error)
{
    auto log = PredictionLog::open(logPath, error);
    if (!log)
        return nullptr;
    return std::unique_ptr<ApiServer>(new ApiServer(std::move(log), std::move(token)));
}

ApiServer::ApiServer(std::unique_ptr<PredictionLog> log, BearerToken token)
    : log_(std::move(log)), token_(std::move(token))
{
}

ApiServer::~ApiServer() = default;

bool ApiServer::listen(const QHostAddress& address, quint16 port, QString* error)
{
    auto tcp = new QTcpServer(this);
    if (!tcp->listen(address, port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(tcp->errorString());
        delete tcp;
        return false;
    }
    connect(tcp, &QTcpServer::newConnection, this, &ApiServer::accept);
    tcp_ = tcp;
    return true;
}

QHostAddress ApiServer::address() const
{
    return tcp_ ? tcp_->serverAddress() : QHostAddress();
}

quint16 ApiServer::port() const
{
    return tcp_ ? tcp_->serverPort() : 0;
}

void ApiServer::stopReplay()
{
    if (replay_)
        replay_->stop();
}

void ApiServer::accept()
{
    while (QTcpSocket* socket = tcp_->nextPendingConnection())
        new HttpConnection(
            socket, requestTimeout_, [this](const HttpRequest& request) { return screen(request); },
            [this](const HttpRequest& request, const Respond& respond) { route(request, respond); });
}

std::optional<ApiServer::Reply> ApiServer::screen(const HttpRequest& request) const
{
    // The token is checked before anything else, so a caller without it
    // learns nothing, not even which paths exist, and sends no body.
    if (token_.admits(request.header("Authorization")))
        return std::nullopt;
    return Reply{Status::Unauthorized,
                 errorBody(QStringLiteral("missing or wrong token: send Authorization: Bearer TOKEN"))};
}

void ApiServer::route(const HttpRequest& request, const Respond& respond)
{
    const QStringList path = request.url.path().split('/', Qt::SkipEmptyParts);
    const QUrlQuery query(request.url);
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    if (get && path == QStringList{"runs"})
        return respond(runs());
    if (post && path == QStringList{"replays"})
        return startReplay(request.body, respond);
    if (get && path == QStringList{"replays", "current"})
        return respond(currentReplay());
    if (post && path == QStringList{"replays", "current", "stop"})
        return respond(stopCurrentReplay());
    if (get && path.size() == 3 && path[0] == "stocks" && path[2] == "predictions")
        return respond(stockPredictions(path[1], query));
    if (get && path == QStringList{"predictions", "latest"})
        return respond(latestPredictions(query));
    respond({Status::NotFound, errorBody(QStringLiteral("no such endpoint: %1").arg(request.url.path()))});
}

ApiServer::Reply ApiServer::runs()
{
    QString error;
    const auto runs = log_->runs(&error);
    if (!runs)
        return {Status::InternalServerError, errorBody(error)};
    QJsonArray list;
    for (const RunInfo& run : *runs)
        list.append(runJson(run));
    return {Status::Ok, json({{"runs", list}})};
}

void ApiServer::startReplay(const QByteArray& body, const Respond& respond)
{
    auto refuse = [&](Status::Code status, const QString& why) { respond({status, errorBody(why)}); };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject())
        return refuse(Status::BadRequest, parseError.error != QJsonParseError::NoError
                                              ? QStringLiteral("the body is not JSON: %1").arg(parseError.errorString())
                                              : QStringLiteral("the body must be a JSON object"));
    const QJsonObject request = document.object();
    const QJsonValue data = request.value("data");
    if (!data.isString() || data.toString().isEmpty())
        return refuse(Status::BadRequest, QStringLiteral("\"data\" must name a path to replay"));
    // Only paths: standard input and live feeds belong to the command line.
    if (!QFileInfo::exists(data.toString()))
        return refuse(Status::BadRequest, QStringLiteral("no such file or folder: %1").arg(data.toString()));
    const QJsonValue model = request.value("model");
    if (!model.isUndefined() && !model.isString())
        return refuse(Status::BadRequest, QStringLiteral("\"model\" must be the path of a model file"));
    const auto pace = paceOf(request.value("speed"));
    if (!pace)
        return refuse(Status::BadRequest, QStringLiteral("\"speed\" must be %1").arg(ReplayRate::rule("records")));
    if (startingReplay_ || (replay_ && replay_->active()))
        return refuse(Status::Conflict, QStringLiteral("a replay is running already; stop it first"));

    // Read on a worker thread: even capped, a file on a slow disk or
    // network file system would otherwise hold every other request.
    const QString modelPath = model.isString() ? model.toString() : InstalledData().defaultModel();
    startingReplay_ = true;
    auto* reading = new QFutureWatcher<LoadedModel>(this);
    connect(reading, &QFutureWatcherBase::finished, this,
            [this, reading, respond, modelPath, source = data.toString(), pace = *pace] {
                reading->deleteLater();
                startingReplay_ = false;
                LoadedModel loaded = reading->result();
                if (!loaded.model)
                    return respond({Status::BadRequest, errorBody(loaded.error)});
                replay_.reset();
                replay_ = std::make_unique<ReplayJob>(
                    log_->path(), ReplayJob::Request{source, modelPath,
                                                     std::make_shared<const LogisticModel>(std::move(*loaded.model)),
                                                     pace});
                respond({Status::Accepted, json(replay_->status())});
            });
    reading->setFuture(QtConcurrent::run([modelPath] {
        LoadedModel loaded;
        loaded.model = LogisticModel::load(modelPath, &loaded.error);
        return loaded;
    }));
}

ApiServer::Reply ApiServer::currentReplay() const
{
    if (!replay_)
        return {Status::NotFound, errorBody(QStringLiteral("no replay was started"))};
    return {Status::Ok, json(replay_->status())};
}

ApiServer::Reply ApiServer::stopCurrentReplay()
{
    if (!replay_)
        return {Status::NotFound, errorBody(QStringLiteral("no replay was started"))};
    replay_->stop();
    return {Status::Ok, json(replay_->status())};
}

std::variant<qint64, ApiServer::Reply> ApiServer::chosenRun(const QUrlQuery& query)
{
    QString error;
    if (query.hasQueryItem("run")) {
        bool ok = false;
        const qint64 id = query.queryItemValue("run").toLongLong(&ok);
        if (!ok)
            return Reply{Status::BadRequest, errorBody(QStringLiteral("run must be a run id"))};
        if (!log_->run(id, &error))
            return Reply{Status::NotFound, errorBody(error)};
        return id;
    }
    if (replay_ && replay_->runId() > 0)
        return replay_->runId();
    if (const auto latest = log_->latestRun(&error))
        return *latest;
    return Reply{Status::NotFound, errorBody(error)};
}

ApiServer::Reply ApiServer::stockPredictions(const QString& stock, const QUrlQuery& query)
{
    std::optional<qint64> limit;
    if (query.hasQueryItem("limit")) {
        bool ok = false;
        limit = query.queryItemValue("limit").toLongLong(&ok);
        if (!ok || *limit <= 0)
            return {Status::BadRequest, errorBody(QStringLiteral("limit must be a positive whole number"))};
    }
    const auto run = chosenRun(query);
    if (const auto* reply = std::get_if<Reply>(&run))
        return *reply;
    QString error;
    const auto names = log_->stockNames(&error);
    if (!names)
        return {Status::InternalServerError, errorBody(error)};
    const std::string name = stock.toStdString();
    if (!std::binary_search(names->begin(), names->end(), name))
        return {Status::NotFound, errorBody(QStringLiteral("no such stock in the log: %1").arg(stock))};
    const auto history = log_->stockHistory(std::get<qint64>(run), name, &error);
    if (!history)
        return {Status::InternalServerError, errorBody(error)};
    // The latest N calls, still oldest first.
    const std::size_t skip = limit ? history->size() - std::min(history->size(), std::size_t(*limit)) : 0;
    std::vector<const PredictionRecord*> records;
    for (std::size_t i = skip; i < history->size(); ++i)
        records.push_back(&(*history)[i]);
    return {Status::Ok, predictionsBody(std::get<qint64>(run), records)};
}

ApiServer::Reply ApiServer::latestPredictions(const QUrlQuery& query)
{
    const auto run = chosenRun(query);
    if (const auto* reply = std::get_if<Reply>(&run))
        return *reply;
    QString error;
    const auto latest = log_->latestCalls(std::get<qint64>(run), &error);
    if (!latest)
        return {Status::InternalServerError, errorBody(error)};
    std::vector<const PredictionRecord*> records;
    for (const PredictionRecord& record : *latest)
        records.push_back(&record);
    return {Status::Ok, predictionsBody(std::get<qint64>(run), records)};
}

} // namespace ss::api
