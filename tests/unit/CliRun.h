#pragma once

// Runs the command line (STOCKSTREAM_CLI, set by the test's CMake entry)
// to the end and keeps what it printed.
#include "Patience.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

#include <algorithm>

struct CliRun {
    int exitCode = -1;  // -1 when it crashed or had to be killed
    QByteArray out;
    QByteArray err;
};

// How `p` ended, once it has: its exit code, or -1 when it crashed, could
// not start, or outlived kPatienceMs (then it is killed: a hang must fail
// the test, not pass with the exit code QProcess held before).
inline int exitCodeOf(QProcess& p)
{
    if (p.state() != QProcess::NotRunning && !p.waitForFinished(kPatienceMs)) {
        p.kill();
        p.waitForFinished(kPatienceMs);
        return -1;
    }
    const bool ran = p.error() != QProcess::FailedToStart && p.exitStatus() == QProcess::NormalExit;
    return ran ? p.exitCode() : -1;
}

// Any program, run the same way (a shell pipeline around the command line).
inline CliRun runProgram(const QString& program, const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(program, args);
    p.waitForStarted();
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    const int exitCode = exitCodeOf(p);
    return {exitCode, p.readAllStandardOutput(), p.readAllStandardError()};
}

inline CliRun runCli(const QStringList& args, const QByteArray& input = {})
{
    return runProgram(QStringLiteral(STOCKSTREAM_CLI), args, input);
}

// A `stockstream-cli` started and left running; finish() waits for its
// end (killing it when patience runs out) and keeps what it printed.
struct StartedCli {
    StartedCli() = default;
    explicit StartedCli(const QStringList& args) { start(args); }
    ~StartedCli()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(kPatienceMs);
        }
    }
    void start(const QStringList& args) { process.start(QStringLiteral(STOCKSTREAM_CLI), args); }
    CliRun finish()
    {
        const int exitCode = exitCodeOf(process);
        return {exitCode, process.readAllStandardOutput(), err + process.readAllStandardError()};
    }

    QProcess process;
    QByteArray err;  // standard error read so far
};

// The command's result: its last line of standard output, as JSON.
inline QJsonObject summaryOf(const QByteArray& out)
{
    return QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
}

inline QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The lines of JSON-lines output in byte order, for outputs whose order is
// not part of what they promise.
inline QList<QByteArray> sortedLines(const QByteArray& text)
{
    QList<QByteArray> lines = text.trimmed().split('\n');
    lines.removeAll(QByteArray());
    std::sort(lines.begin(), lines.end());
    return lines;
}

// What a command said on standard error, less warnings about the data.
inline QList<QByteArray> errorLines(const QByteArray& err)
{
    QList<QByteArray> lines = err.trimmed().split('\n');
    lines.removeIf([](const QByteArray& line) { return line.isEmpty() || line.startsWith("warning: "); });
    return lines;
}
