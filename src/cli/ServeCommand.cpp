#include "ServeCommand.h"

#include "CliOutput.h"
#include "api/ApiServer.h"
#include "core/live/LiveSource.h"
#include "core/system/SmallFile.h"
#include "core/system/TerminationRequest.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace ss::cli {

namespace {

constexpr auto kTokenVariable = "STOCKSTREAM_API_TOKEN";
// A token is one short line; more than this is not a token file.
constexpr qint64 kMaxTokenFileBytes = 4096;

// The token from --token-file (its first line) or the environment; an
// empty array with *error when there is none.
QByteArray readToken(const QCommandLineParser& parser, const QCommandLineOption& tokenFile, QString* error)
{
    if (parser.isSet(tokenFile)) {
        const QString path = parser.value(tokenFile);
        QString why;
        const auto text = SmallFile::read(path, kMaxTokenFileBytes, &why);
        if (!text) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, why);
            return {};
        }
        const QByteArray token = text->split('\n').front().trimmed();
        if (token.isEmpty())
            *error = QStringLiteral("%1 holds no token").arg(path);
        return token;
    }
    const QByteArray token = qgetenv(kTokenVariable).trimmed();
    if (token.isEmpty())
        *error = QStringLiteral("serve needs a token: --token-file FILE or %1").arg(kTokenVariable);
    return token;
}

} // namespace

int ServeCommand::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption db("db", "The SQLite prediction log to serve (created if missing); replays started "
                                      "through the API are logged in it.", "FILE");
    const QCommandLineOption listen("listen", "Serve on [HOST:]PORT (default 127.0.0.1:8750; port 0 picks a free "
                                              "one). HOST must be a loopback address unless --allow-remote.",
                                    "[HOST:]PORT", "127.0.0.1:8750");
    const QCommandLineOption allowRemote("allow-remote", "Allow a HOST other than loopback: anyone who can reach "
                                                         "it and knows the token can start replays.");
    const QCommandLineOption tokenFile("token-file", QStringLiteral("Read the token every request must send "
                                                                    "(Authorization: Bearer TOKEN) from FILE's "
                                                                    "first line (default: the %1 environment "
                                                                    "variable).")
                                                         .arg(kTokenVariable),
                                       "FILE");
    parser.addOptions({db, listen, allowRemote, tokenFile});
    if (const auto exit = parseCommandLine(parser, arguments,
                                           "Serve the local HTTP API over a prediction log until interrupted "
                                           "(Ctrl-C). Every request sends Authorization: Bearer TOKEN.\n"
                                           "  GET  /runs\n"
                                           "  POST /replays  {\"data\": PATH, \"model\": FILE, \"speed\": "
                                           "\"max\"|N}, one at a time\n"
                                           "  GET  /replays/current\n"
                                           "  POST /replays/current/stop\n"
                                           "  GET  /stocks/STOCK/predictions?run=ID&limit=N\n"
                                           "  GET  /predictions/latest?run=ID"))
        return *exit;
    if (!parser.isSet(db)) {
        printError("serve needs --db FILE");
        return Usage;
    }
    const auto hostPort = parseHostPort(parser.value(listen).toStdString(), "127.0.0.1");
    const QHostAddress host(hostPort ? QString::fromStdString(hostPort->first) : QString());
    if (host.isNull()) {
        printError(QStringLiteral("--listen takes [HOST:]PORT with HOST an IP address, not '%1'")
                       .arg(parser.value(listen)));
        return Usage;
    }
    if (!host.isLoopback() && !parser.isSet(allowRemote)) {
        printError(QStringLiteral("%1 is not a loopback address; add --allow-remote to serve on it")
                       .arg(host.toString()));
        return Usage;
    }
    QString error;
    const QByteArray tokenText = readToken(parser, tokenFile, &error);
    auto token = tokenText.isEmpty() ? std::nullopt : api::BearerToken::fromText(tokenText, &error);
    if (!token) {
        printError(error);
        return Usage;
    }

    // Ctrl-C or SIGTERM ends the server in order: a replay in progress is
    // stopped and its run committed. Installed before the port is printed.
    const TerminationRequest termination;
    const auto server = api::ApiServer::create(parser.value(db), std::move(*token), &error);
    if (!server || !server->listen(host, hostPort->second, &error)) {
        printError(error);
        return Failure;
    }
    // Scripts and tests that asked for port 0 learn the port here.
    const QHostAddress bound = server->address();
    const QString shown = bound.protocol() == QAbstractSocket::IPv6Protocol ? '[' + bound.toString() + ']'
                                                                            : bound.toString();
    std::fprintf(stderr, "listening on %s:%u\n", qUtf8Printable(shown), static_cast<unsigned>(server->port()));
    std::fflush(stderr);
    QObject::connect(&termination, &TerminationRequest::requested, server.get(), [&server] {
        server->stopReplay();
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    return Ok;
}

} // namespace ss::cli
