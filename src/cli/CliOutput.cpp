#include "CliOutput.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

namespace ss::cli {

void printError(const QString& message)
{
    std::fprintf(stderr, "stockstream-cli: %s\n", qUtf8Printable(message));
}

void printWarning(const QString& message)
{
    std::fprintf(stderr, "warning: %s\n", qUtf8Printable(message));
}

void printJsonLine(const QJsonObject& object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

bool stderrIsTerminal()
{
    return ::isatty(STDERR_FILENO) == 1;
}

std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                                    const QString& description)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({"h", "help"}, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return Usage;
    }
    if (parser.isSet(help)) {
        // Qt names the binary's path; users type "stockstream-cli COMMAND".
        QString text = parser.helpText();
        text.replace(QStringLiteral("Usage: %1").arg(QCoreApplication::arguments().constFirst()),
                     QStringLiteral("Usage: stockstream-cli %1").arg(arguments.value(0)));
        std::fputs(qUtf8Printable(text), stdout);
        return Ok;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first()));
        return Usage;
    }
    return std::nullopt;
}

ProgressLine::ProgressLine() : enabled_(stderrIsTerminal()) {}

ProgressLine::~ProgressLine()
{
    clear();
}

void ProgressLine::show(const QString& text)
{
    if (!enabled_)
        return;
    const QByteArray bytes = text.toUtf8();
    std::fprintf(stderr, "\r%-*s", width_, bytes.constData());
    width_ = std::max(width_, static_cast<int>(bytes.size()));
    std::fflush(stderr);
}

void ProgressLine::clear()
{
    if (!enabled_ || width_ == 0)
        return;
    std::fprintf(stderr, "\r%*s\r", width_, "");
    std::fflush(stderr);
    width_ = 0;
}

} // namespace ss::cli
