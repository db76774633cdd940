#pragma once

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>

#include <cstdio>
#include <optional>

namespace ss {
struct LoadReport;
}

namespace ss::cli {

// Exit statuses shared by every command.
enum Exit { Ok = 0, Failure = 1, Usage = 2, Interrupted = 130 };

// What a kafka:// address meets in a build configured without Kafka.
inline constexpr const char* kNoKafka = "this build of stockstream-cli reads and writes no Kafka topics "
                                        "(it was configured with -DSTOCKSTREAM_KAFKA=OFF)";

// One line on standard error, prefixed with the program's name.
void printError(const QString& message);
void printWarning(const QString& message);
// The command's result: one line of compact JSON on standard output.
void printJsonLine(const QJsonObject& object, std::FILE* to = stdout);
// Warnings about the input files that were empty, unreadable or had
// rejected lines (the first 20 of them).
void printLoadReport(const LoadReport& report);
bool stderrIsTerminal();
// "-" is standard output to many tools, but standard output carries the
// command's one-line result: an output file option given "-" is refused
// (with one line saying so) rather than written to a file named "-".
bool refusesDashForOutput(const QCommandLineParser& parser, const QCommandLineOption& option);

// Parses a command's options; on --help prints it and returns Ok, on a bad
// option prints one line and returns Usage; nullopt means "go on".
std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                                    const QString& description);

// A self-overwriting status line on a terminal; silent otherwise.
class ProgressLine {
public:
    ProgressLine();
    ~ProgressLine();
    void show(const QString& text);
    void clear();

private:
    bool enabled_;
    int width_ = 0;
};

} // namespace ss::cli
