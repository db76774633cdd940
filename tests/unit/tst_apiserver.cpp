// The local HTTP API, served in-process and called over HTTP: the token is
// required, the server answers on loopback only, and every endpoint's
// answer is checked against calls derived here from the ticker files.
#include "ExpectedPredictions.h"
#include "LatestRecords.h"
#include "Patience.h"
#include "SpecialFiles.h"
#include "api/ApiServer.h"
#include "core/storage/PredictionExporter.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using ss::api::ApiServer;
using ss::api::BearerToken;

namespace {

const QString kModel = QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-relative-w5.json");
const QByteArray kToken = "test-token-4f1c9a0e77d2";

struct Answer {
    int status = 0;
    QJsonObject body;
    QByteArray authenticate;  // the WWW-Authenticate header
};

// Three stocks on overlapping days: aaa.us with 8 closes, bbb.us with 6
// (one a tie), ccc.us with 3, too few for a window.
void writeFolder(const QString& folder)
{
    const std::map<QString, std::vector<std::pair<const char*, double>>> stocks = {
        {"aaa.us",
         {{"2001-01-02", 10.0}, {"2001-01-03", 10.5}, {"2001-01-04", 10.25}, {"2001-01-05", 11.0},
          {"2001-01-08", 10.75}, {"2001-01-09", 10.8}, {"2001-01-10", 12.0}, {"2001-01-11", 11.5}}},
        {"bbb.us",
         {{"2001-01-03", 50.0}, {"2001-01-04", 49.0}, {"2001-01-05", 49.0}, {"2001-01-08", 51.5},
          {"2001-01-09", 52.0}, {"2001-01-10", 50.5}}},
        {"ccc.us", {{"2001-01-02", 3.0}, {"2001-01-03", 3.1}, {"2001-01-04", 3.2}}},
    };
    for (const auto& [stock, closes] : stocks) {
        QFile f(folder + '/' + stock + ".txt");
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(f.fileName()));
        f.write("Date,Open,High,Low,Close,Volume,OpenInt\r\n");
        for (const auto& [date, close] : closes)
            f.write(QStringLiteral("%1,%2,%2,%2,%2,1000,0\r\n").arg(QLatin1String(date)).arg(close).toLatin1());
    }
}

// The expected calls of one stock, oldest first.
std::vector<ExpectedCall> callsOf(const ExpectedCalls& calls, const QString& stock)
{
    std::vector<ExpectedCall> of;
    for (const auto& [key, call] : calls)
        if (call.stock == stock)
            of.push_back(call);
    std::sort(of.begin(), of.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    return of;
}

} // namespace

class TestApiServer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void refusesRequestsWithoutTheToken_data();
    void refusesRequestsWithoutTheToken();
    void servesOnLoopbackOnly();
    void replayIsLoggedAndServed();
    void stopEndsTheReplayWithItsRunCommitted();
    void latestIsEachStocksLastExportedRecord();
    void badRequests_data();
    void badRequests();
    void hostileConnectionsAreAnsweredAndClosed_data();
    void hostileConnectionsAreAnsweredAndClosed();

private:
    Answer send(const QByteArray& verb, const QString& path, const QByteArray& body = {},
                const std::optional<QByteArray>& authorization = "Bearer " + kToken);
    // Starts a replay of the folder and waits until it ended; its run id.
    qint64 replayToTheEnd();
    bool replayEnded();

    QTemporaryDir dir_;
    QString folder_;
    ExpectedCalls expected_;
    QNetworkAccessManager network_;
    std::unique_ptr<ApiServer> server_;
    bool hasDevice_ = false;  // an endless device node (as /dev/zero) in dir_; root only
};

void TestApiServer::initTestCase()
{
    QVERIFY(dir_.isValid());
    folder_ = dir_.filePath("prices");
    QVERIFY(QDir().mkpath(folder_));
    writeFolder(folder_);
    expected_ = expectedCalls(folder_, readJsonFile(kModel));
    QCOMPARE(expected_.size(), std::size_t(4 + 2));
    QVERIFY(makeFifo(dir_.filePath("model-fifo")));
    hasDevice_ = makeCharacterDevice(dir_.filePath("model-device"), 5);
    // Straight to the server, whatever proxy the environment names.
    network_.setProxy(QNetworkProxy::NoProxy);
}

void TestApiServer::init()
{
    QString error;
    auto token = BearerToken::fromText(kToken, &error);
    QVERIFY2(token, qPrintable(error));
    const QString db = dir_.filePath(QStringLiteral("%1.sqlite").arg(QTest::currentTestFunction()));
    QFile::remove(db);
    server_ = ApiServer::create(db, std::move(*token), &error);
    QVERIFY2(server_, qPrintable(error));
    QVERIFY2(server_->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

void TestApiServer::cleanup()
{
    server_.reset();
    network_.clearConnectionCache();
}

Answer TestApiServer::send(const QByteArray& verb, const QString& path, const QByteArray& body,
                           const std::optional<QByteArray>& authorization)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server_->port()).arg(path)));
    if (authorization)
        request.setRawHeader("Authorization", *authorization);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    std::unique_ptr<QNetworkReply> reply(network_.sendCustomRequest(request, verb, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kPatienceMs))
        return {};
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = QJsonDocument::fromJson(reply->readAll()).object();
    answer.authenticate = reply->rawHeader("WWW-Authenticate");
    return answer;
}

bool TestApiServer::replayEnded()
{
    const QString state = send("GET", "/replays/current").body.value("state").toString();
    return state != "loading" && state != "playing";
}

qint64 TestApiServer::replayToTheEnd()
{
    const QByteArray body = QJsonDocument(QJsonObject{{"data", folder_}, {"model", kModel}}).toJson();
    const Answer started = send("POST", "/replays", body);
    if (started.status != 202 || !QTest::qWaitFor([this] { return replayEnded(); }, kPatienceMs))
        return 0;
    return send("GET", "/replays/current").body.value("run").toInteger();
}

void TestApiServer::refusesRequestsWithoutTheToken_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<std::optional<QByteArray>>("authorization");
    const std::vector<std::pair<QByteArray, QString>> endpoints = {
        {"GET", "/runs"},
        {"POST", "/replays"},
        {"GET", "/replays/current"},
        {"POST", "/replays/current/stop"},
        {"GET", "/stocks/aaa.us/predictions"},
        {"GET", "/predictions/latest"},
        {"GET", "/no/such/path"},
    };
    const std::vector<std::pair<const char*, std::optional<QByteArray>>> refused = {
        {"no header", std::nullopt},
        {"empty header", QByteArray()},
        {"wrong token", "Bearer wrong-token-0000000000"},
        {"token without scheme", kToken},
        {"basic scheme", "Basic " + kToken},
        {"token cut short", "Bearer " + kToken.chopped(1)},
        {"token with more", "Bearer " + kToken + "0"},
    };
    for (const auto& [verb, path] : endpoints)
        for (const auto& [name, authorization] : refused)
            QTest::addRow("%s %s, %s", verb.constData(), qPrintable(path), name) << verb << path << authorization;
}

void TestApiServer::refusesRequestsWithoutTheToken()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(std::optional<QByteArray>, authorization);
    const QByteArray body = verb == "POST" ? QJsonDocument(QJsonObject{{"data", folder_}}).toJson() : QByteArray();
    const Answer refused = send(verb, path, body, authorization);
    QCOMPARE(refused.status, 401);
    QVERIFY(!refused.body.value("error").toString().isEmpty());
    QCOMPARE(refused.authenticate, QByteArray("Bearer"));
    // Nothing was started or logged.
    QCOMPARE(send("GET", "/replays/current").status, 404);
    const Answer runs = send("GET", "/runs");
    QCOMPARE(runs.status, 200);
    QVERIFY(runs.body.value("runs").isArray());
    QVERIFY(runs.body.value("runs").toArray().isEmpty());
}

void TestApiServer::servesOnLoopbackOnly()
{
    QCOMPARE(server_->address(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(send("GET", "/runs").status, 200);

    QList<QHostAddress> others;
    for (const QHostAddress& a : QNetworkInterface::allAddresses())
        if (!a.isLoopback() && a.protocol() == QAbstractSocket::IPv4Protocol)
            others.append(a);
    if (others.isEmpty())
        QSKIP("this machine has no address other than loopback to try");
    for (const QHostAddress& a : others) {
        QTcpSocket socket;
        socket.connectToHost(a, server_->port());
        QVERIFY2(!socket.waitForConnected(kPatienceMs), qPrintable(a.toString()));
        QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
    }
}

void TestApiServer::replayIsLoggedAndServed()
{
    const qint64 run = replayToTheEnd();
    QVERIFY(run > 0);
    const QJsonObject current = send("GET", "/replays/current").body;
    QCOMPARE(current.value("state").toString(), "finished");
    QCOMPARE(current.value("processed").toInteger(), 8 + 6 + 3);

    const QJsonArray runs = send("GET", "/runs").body.value("runs").toArray();
    QCOMPARE(runs.size(), 1);
    const QJsonObject logged = runs[0].toObject();
    QCOMPARE(logged.value("id").toInteger(), run);
    QCOMPARE(logged.value("status").toString(), "finished");
    QCOMPARE(logged.value("source").toString(), folder_);
    QCOMPARE(logged.value("records").toInteger(), 8 + 6 + 3);
    QCOMPARE(logged.value("window").toInt(), 5);
    QCOMPARE(logged.value("first_time").toString().left(10), "2001-01-02");
    QCOMPARE(logged.value("last_time").toString().left(10), "2001-01-11");

    // Each stock's calls, whole and limited to the latest ones.
    std::set<QString> seen;
    for (const QString stock : {"aaa.us", "bbb.us"}) {
        const std::vector<ExpectedCall> calls = callsOf(expected_, stock);
        const Answer all = send("GET", QStringLiteral("/stocks/%1/predictions").arg(stock));
        QCOMPARE(all.status, 200);
        QCOMPARE(all.body.value("run").toInteger(), run);
        const QJsonArray records = all.body.value("predictions").toArray();
        QCOMPARE(records.size(), qsizetype(calls.size()));
        for (qsizetype i = 0; i < records.size(); ++i) {
            const QJsonObject r = records[i].toObject();
            QCOMPARE(r.value("date").toString(), calls[std::size_t(i)].date);
            const QString wrong = checkRecord(r, expected_, seen);
            QVERIFY2(wrong.isEmpty(), qPrintable(stock + ": " + wrong));
        }
        const QJsonArray last =
            send("GET", QStringLiteral("/stocks/%1/predictions?run=%2&limit=1").arg(stock).arg(run))
                .body.value("predictions")
                .toArray();
        QCOMPARE(last.size(), 1);
        QCOMPARE(last[0].toObject().value("date").toString(), calls.back().date);
    }
    QCOMPARE(seen.size(), expected_.size());
    // A stock the log knows without a window has no calls.
    const Answer none = send("GET", "/stocks/ccc.us/predictions");
    QCOMPARE(none.status, 200);
    QVERIFY(none.body.value("predictions").toArray().isEmpty());

    // Each stock's latest call, open since no close followed.
    const Answer latest = send("GET", "/predictions/latest");
    QCOMPARE(latest.status, 200);
    QCOMPARE(latest.body.value("run").toInteger(), run);
    const QJsonArray calls = latest.body.value("predictions").toArray();
    QCOMPARE(calls.size(), 2);
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const QJsonObject r = calls[i].toObject();
        const ExpectedCall last = callsOf(expected_, r.value("stock").toString()).back();
        QCOMPARE(r.value("date").toString(), last.date);
        QVERIFY(r.value("actual").isNull());
        std::set<QString> once;
        QCOMPARE(checkRecord(r, expected_, once), QString());
    }
    QCOMPARE(calls[0].toObject().value("stock").toString(), "aaa.us");
    QCOMPARE(calls[1].toObject().value("stock").toString(), "bbb.us");

    // A second replay is a second run; the first stays readable.
    const qint64 second = replayToTheEnd();
    QCOMPARE(second, run + 1);
    QCOMPARE(send("GET", "/runs").body.value("runs").toArray().size(), 2);
    QCOMPARE(send("GET", "/predictions/latest").body.value("run").toInteger(), second);
    QCOMPARE(send("GET", QStringLiteral("/predictions/latest?run=%1").arg(run)).body.value("run").toInteger(), run);
}

void TestApiServer::stopEndsTheReplayWithItsRunCommitted()
{
    // One record a second: the replay is still going when it is stopped.
    const QByteArray slow = QJsonDocument(QJsonObject{{"data", folder_}, {"speed", 1}}).toJson();
    const Answer started = send("POST", "/replays", slow);
    QCOMPARE(started.status, 202);
    QCOMPARE(started.body.value("source").toString(), folder_);
    QTRY_VERIFY_WITH_TIMEOUT(send("GET", "/replays/current").body.value("run").toInteger() > 0, kPatienceMs);
    QCOMPARE(send("POST", "/replays", slow).status, 409);

    const Answer stopped = send("POST", "/replays/current/stop");
    QCOMPARE(stopped.status, 200);
    QCOMPARE(stopped.body.value("state").toString(), "stopped");
    const qint64 processed = stopped.body.value("processed").toInteger();
    QVERIFY(processed < 8 + 6 + 3);
    const QJsonArray runs = send("GET", "/runs").body.value("runs").toArray();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs[0].toObject().value("status").toString(), "stopped");
    // What was logged before the stop agrees with the files.
    std::set<QString> seen;
    for (const QJsonValue r : send("GET", "/stocks/aaa.us/predictions").body.value("predictions").toArray())
        QCOMPARE(checkRecord(r.toObject(), expected_, seen, true), QString());

    // Stopping again changes nothing; a new replay may start.
    QCOMPARE(send("POST", "/replays/current/stop").body.value("state").toString(), "stopped");
    QVERIFY(replayToTheEnd() > 0);
}

// The latest calls of a run that is not the latest, as its export has them.
void TestApiServer::latestIsEachStocksLastExportedRecord()
{
    const qint64 run = replayToTheEnd();
    QVERIFY(run > 0);
    QVERIFY(replayToTheEnd() > run);
    QString error;
    const auto log = ss::PredictionLog::open(dir_.filePath("latestIsEachStocksLastExportedRecord.sqlite"), &error);
    QVERIFY2(log, qPrintable(error));
    ss::PredictionLog::Query query;
    query.run = run;
    const QString exported = dir_.filePath("latest.jsonl");
    QVERIFY2(ss::PredictionExporter::exportTo(*log, query, ss::ExportFormat::JsonLines, exported, {}, nullptr, &error),
             qPrintable(error));
    QFile f(exported);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonArray expected;
    for (const QByteArray& line : latestRecords(f.readAll()))
        expected.append(QJsonDocument::fromJson(line).object());
    QCOMPARE(expected.size(), 2);

    const Answer latest = send("GET", QStringLiteral("/predictions/latest?run=%1").arg(run));
    QCOMPARE(latest.status, 200);
    QCOMPARE(latest.body, (QJsonObject{{"run", run}, {"predictions", expected}}));
}

void TestApiServer::badRequests_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    auto replay = [](const QJsonObject& o) { return QJsonDocument(o).toJson(); };
    const QString missing = QStringLiteral(STOCKSTREAM_SOURCE_DIR "/no/such/folder");
    QTest::newRow("not JSON") << QByteArray("POST") << "/replays" << QByteArray("{\"data\": ") << 400;
    QTest::newRow("JSON array") << QByteArray("POST") << "/replays" << QByteArray("[1, 2]") << 400;
    QTest::newRow("no body") << QByteArray("POST") << "/replays" << QByteArray() << 400;
    QTest::newRow("no data") << QByteArray("POST") << "/replays" << replay({{"model", kModel}}) << 400;
    QTest::newRow("data not a string") << QByteArray("POST") << "/replays" << replay({{"data", 5}}) << 400;
    QTest::newRow("missing data") << QByteArray("POST") << "/replays" << replay({{"data", missing}}) << 400;
    QTest::newRow("missing model") << QByteArray("POST") << "/replays"
                                   << replay({{"data", "."}, {"model", missing + ".json"}}) << 400;
    QTest::newRow("not a model") << QByteArray("POST") << "/replays"
                                 << replay({{"data", "."}, {"model", QStringLiteral(STOCKSTREAM_SOURCE_DIR "/README.md")}})
                                 << 400;
    QTest::newRow("negative speed") << QByteArray("POST") << "/replays" << replay({{"data", "."}, {"speed", -3}}) << 400;
    QTest::newRow("speed as text") << QByteArray("POST") << "/replays" << replay({{"data", "."}, {"speed", "fast"}})
                                   << 400;
    QTest::newRow("speed beyond the pacing's range")
        << QByteArray("POST") << "/replays" << replay({{"data", "."}, {"speed", 1e308}}) << 400;
    // Neither blocks the server nor is read without end.
    QTest::newRow("model a FIFO") << QByteArray("POST") << "/replays"
                                  << replay({{"data", "."}, {"model", dir_.filePath("model-fifo")}}) << 400;
    if (hasDevice_)
        QTest::newRow("model an endless device")
            << QByteArray("POST") << "/replays" << replay({{"data", "."}, {"model", dir_.filePath("model-device")}})
            << 400;
    QTest::newRow("limit not a number") << QByteArray("GET") << "/stocks/aaa.us/predictions?limit=abc" << QByteArray()
                                        << 400;
    QTest::newRow("limit 0") << QByteArray("GET") << "/stocks/aaa.us/predictions?limit=0" << QByteArray() << 400;
    QTest::newRow("run not a number") << QByteArray("GET") << "/predictions/latest?run=x" << QByteArray() << 400;
    QTest::newRow("no such run") << QByteArray("GET") << "/predictions/latest?run=99" << QByteArray() << 404;
    QTest::newRow("no such run of a stock") << QByteArray("GET") << "/stocks/aaa.us/predictions?run=99" << QByteArray()
                                            << 404;
    QTest::newRow("no such stock") << QByteArray("GET") << "/stocks/zzz.us/predictions" << QByteArray() << 404;
    QTest::newRow("unknown path") << QByteArray("GET") << "/stocks" << QByteArray() << 404;
    QTest::newRow("wrong method") << QByteArray("DELETE") << "/runs" << QByteArray() << 404;
    QTest::newRow("stop of another replay") << QByteArray("POST") << "/replays/7/stop" << QByteArray() << 404;
}

void TestApiServer::badRequests()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    // A logged run, so that only what the request names is missing.
    const qint64 run = replayToTheEnd();
    QVERIFY(run > 0);
    const Answer answer = send(verb, path, body);
    QCOMPARE(answer.status, status);
    QVERIFY(!answer.body.value("error").toString().isEmpty());
    // The server goes on serving, and nothing else was started.
    QCOMPARE(send("GET", "/replays/current").body.value("run").toInteger(), run);
    QCOMPARE(send("GET", "/runs").body.value("runs").toArray().size(), 1);
}

void TestApiServer::hostileConnectionsAreAnsweredAndClosed_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("bodyFollows");  // the client keeps sending a body
    QTest::addColumn<int>("status");
    const QByteArray token = "Authorization: Bearer " + kToken + "\r\n";
    const QByteArray huge = "POST /replays HTTP/1.1\r\nContent-Length: 2147483648\r\n";
    QTest::newRow("2 GiB body without the token") << huge + "\r\n" << true << 401;
    QTest::newRow("2 GiB body with a wrong token") << huge + "Authorization: Bearer nope\r\n\r\n" << true << 401;
    QTest::newRow("2 GiB body with the token") << huge + token + "\r\n" << true << 413;
    QTest::newRow("chunked body") << "POST /replays HTTP/1.1\r\nTransfer-Encoding: chunked\r\n" + token + "\r\n"
                                  << true << 411;
    QTest::newRow("endless head") << "GET /runs HTTP/1.1\r\nX-Filler: " + QByteArray(64 * 1024, 'x') << false << 431;
    QTest::newRow("silent client") << QByteArray() << false << 408;
    QTest::newRow("half a request") << "GET /runs HTTP/1.1\r\n" + token << false << 408;
}

// Over a plain socket, as an attacker would: the answer comes without the
// body being read, and the server closes the connection.
void TestApiServer::hostileConnectionsAreAnsweredAndClosed()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, bodyFollows);
    QFETCH(int, status);
    server_->setRequestTimeout(std::chrono::milliseconds(300));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server_->port());
    QVERIFY(socket.waitForConnected(kPatienceMs));
    socket.write(head);
    QByteArray answer;
    QElapsedTimer clock;
    clock.start();
    const QByteArray body(64 * 1024, 'b');
    while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < kPatienceMs) {
        if (bodyFollows && socket.bytesToWrite() < body.size())
            socket.write(body);
        QTest::qWait(20);  // the server answers on this thread
        answer += socket.readAll();
    }
    answer += socket.readAll();
    QVERIFY2(socket.state() != QAbstractSocket::ConnectedState, "the server kept the connection open");
    QVERIFY2(answer.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '), answer.left(200).constData());
    QVERIFY(answer.contains("\r\nConnection: close\r\n"));
    // And it goes on serving.
    QCOMPARE(send("GET", "/runs").status, 200);
}

QTEST_MAIN(TestApiServer)
#include "tst_apiserver.moc"
