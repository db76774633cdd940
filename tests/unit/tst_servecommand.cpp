// `stockstream-cli serve` as a separate process: what it refuses to start
// with, the port it prints, and an orderly exit on SIGTERM with the run of
// a replay in progress committed as stopped.
#include "Patience.h"
#include "core/storage/PredictionLog.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const QByteArray kToken = "serve-token-8c2d51e0aa93";
const QString kSample = QStringLiteral(STOCKSTREAM_SAMPLE_DIR);

// The environment of a child, with the token variable set or not.
QProcessEnvironment environment(const QByteArray& token)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("STOCKSTREAM_API_TOKEN");
    if (!token.isNull())
        env.insert("STOCKSTREAM_API_TOKEN", QString::fromLatin1(token));
    return env;
}

// One HTTP/1.1 request over a plain socket; the status code and body, or
// status 0 when no whole answer came.
std::pair<int, QJsonObject> request(quint16 port, const QByteArray& verb, const QByteArray& path,
                                    const QByteArray& body = {})
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(kPatienceMs))
        return {0, {}};
    socket.write(verb + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + kToken
                 + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                 + "\r\n\r\n" + body);
    // The server keeps the connection open: the answer ends where its
    // Content-Length says.
    QByteArray answer;
    const QRegularExpression length("\r\ncontent-length: *(\\d+)\r\n", QRegularExpression::CaseInsensitiveOption);
    for (;;) {
        const qsizetype headerEnd = answer.indexOf("\r\n\r\n");
        const QRegularExpressionMatch match = length.match(QString::fromLatin1(answer.left(headerEnd + 2)));
        if (headerEnd >= 0 && match.hasMatch() && answer.size() >= headerEnd + 4 + match.captured(1).toLongLong()) {
            const QList<QByteArray> statusLine = answer.left(answer.indexOf("\r\n")).split(' ');
            return {statusLine.value(1).toInt(), QJsonDocument::fromJson(answer.mid(headerEnd + 4)).object()};
        }
        if (!socket.waitForReadyRead(kPatienceMs))
            return {0, {}};
        answer += socket.readAll();
    }
}

} // namespace

class TestServeCommand : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void refusals_data();
    void refusals();
    void servesUntilTerminated();

private:
    QTemporaryDir dir_;
};

void TestServeCommand::initTestCase()
{
    QVERIFY(dir_.isValid());
    QFile empty(dir_.filePath("empty-token"));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    QFile token(dir_.filePath("token"));
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write(kToken + "\n");
}

void TestServeCommand::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("reason");
    const QString db = dir_.filePath("refused.sqlite");
    QTest::newRow("no --db") << QStringList{"serve"} << kToken << "--db";
    QTest::newRow("no token") << QStringList{"serve", "--db", db} << QByteArray() << "token";
    QTest::newRow("blank token") << QStringList{"serve", "--db", db} << QByteArray("  ") << "token";
    QTest::newRow("short token") << QStringList{"serve", "--db", db} << QByteArray("abc") << "at least";
    QTest::newRow("token file missing") << QStringList{"serve", "--db", db, "--token-file", dir_.filePath("none")}
                                        << kToken << "cannot read";
    QTest::newRow("token file empty") << QStringList{"serve", "--db", db, "--token-file", dir_.filePath("empty-token")}
                                      << kToken << "no token";
    QTest::newRow("any address") << QStringList{"serve", "--db", db, "--listen", "0.0.0.0:0"} << kToken
                                 << "--allow-remote";
    QTest::newRow("other address") << QStringList{"serve", "--db", db, "--listen", "192.0.2.1:0"} << kToken
                                   << "--allow-remote";
    QTest::newRow("host name") << QStringList{"serve", "--db", db, "--listen", "example.org:8750"} << kToken
                               << "IP address";
    QTest::newRow("bad port") << QStringList{"serve", "--db", db, "--listen", "127.0.0.1:99999"} << kToken
                              << "--listen";
}

void TestServeCommand::refusals()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, token);
    QFETCH(QString, reason);
    QProcess p;
    p.setProcessEnvironment(environment(token));
    p.start(QStringLiteral(STOCKSTREAM_CLI), args);
    QVERIFY(p.waitForFinished(kPatienceMs));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(err.count('\n'), 1);
    QVERIFY2(err.contains(reason), qPrintable(err));
    QVERIFY(!QFile::exists(dir_.filePath("refused.sqlite")));
}

void TestServeCommand::servesUntilTerminated()
{
    const QString db = dir_.filePath("served.sqlite");
    QProcess p;
    p.setProcessEnvironment(environment({}));
    p.start(QStringLiteral(STOCKSTREAM_CLI),
            {"serve", "--db", db, "--listen", "127.0.0.1:0", "--token-file", dir_.filePath("token")});
    QVERIFY(p.waitForStarted(kPatienceMs));
    QByteArray err;
    const QRegularExpression listening("listening on 127\\.0\\.0\\.1:(\\d+)\n");
    QRegularExpressionMatch match;
    QVERIFY(QTest::qWaitFor(
        [&] {
            err += p.readAllStandardError();
            match = listening.match(QString::fromUtf8(err));
            return match.hasMatch() || p.state() == QProcess::NotRunning;
        },
        kPatienceMs));
    QVERIFY2(match.hasMatch(), err.constData());
    const auto port = static_cast<quint16>(match.captured(1).toUInt());

    QCOMPARE(request(port, "GET", "/runs").first, 200);
    const QByteArray slow = QJsonDocument(QJsonObject{{"data", kSample}, {"speed", 1}}).toJson();
    QCOMPARE(request(port, "POST", "/replays", slow).first, 202);
    qint64 run = 0;
    QVERIFY(QTest::qWaitFor(
        [&] { return (run = request(port, "GET", "/replays/current").second.value("run").toInteger()) > 0; },
        kPatienceMs));

    ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(kPatienceMs));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);

    QString error;
    const auto log = ss::PredictionLog::open(db, &error);
    QVERIFY2(log, qPrintable(error));
    const auto logged = log->run(run, &error);
    QVERIFY2(logged, qPrintable(error));
    QCOMPARE(logged->status, ss::RunStatus::Stopped);
    QCOMPARE(QFileInfo(logged->source).canonicalFilePath(), QFileInfo(kSample).canonicalFilePath());
}

QTEST_MAIN(TestServeCommand)
#include "tst_servecommand.moc"
