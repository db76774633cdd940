#include "CliOutput.h"

#include "core/data/LoadReport.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

namespace ss::cli {

namespace {
constexpr std::size_t kMaxListedFiles = 20;
}

void printError(const QString& message)
{
    std::fprintf(stderr, "stockstream-cli: %s\n", qUtf8Printable(message));
}

void printWarning(const QString& message)
{
    std::fprintf(stderr, "warning: %s\n", qUtf8Printable(message));
}

void printJsonLine(const QJsonObject& object, std::FILE* to)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), to);
    std::fputc('\n', to);
    std::fflush(to);
}

void printLoadReport(const LoadReport& report)
{
    std::size_t listed = 0;
    for (const FileReport& f : report.notable) {
        if (listed++ == kMaxListedFiles) {
            printWarning(QStringLiteral("... and %1 more files with notes").arg(report.notable.size() - kMaxListedFiles));
            break;
        }
        const QString file = QString::fromStdString(f.file);
        if (!f.error.empty())
            printWarning(QStringLiteral("%1: cannot read: %2").arg(file, QString::fromStdString(f.error)));
        else if (f.empty)
            printWarning(QStringLiteral("%1: empty file, a stock with no data").arg(file));
        for (const std::string& note : f.notes)
            printWarning(QStringLiteral("%1: %2").arg(file, QString::fromStdString(note)));
        if (f.rejected > 0)
            printWarning(QStringLiteral("%1: %2 line(s) rejected, first at line %3: %4")
                             .arg(file)
                             .arg(f.rejected)
                             .arg(f.firstBadLine)
                             .arg(QString::fromStdString(f.firstBadReason)));
    }
}

bool refusesDashForOutput(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    if (parser.value(option) != QLatin1String("-"))
        return false;
    printError(QStringLiteral("--%1 takes a file: standard output carries the one-line result "
                              "(/dev/stdout puts both there)")
                   .arg(option.names().constFirst()));
    return true;
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
