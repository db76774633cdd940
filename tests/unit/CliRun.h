#pragma once

// Runs the command line (STOCKSTREAM_CLI, set by the test's CMake entry)
// to the end and keeps what it printed.
#include "Patience.h"

#include <QProcess>
#include <QStringList>

struct CliRun {
    int exitCode = -1;  // -1 when it crashed or had to be killed
    QByteArray out;
    QByteArray err;
};

inline CliRun runCli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(STOCKSTREAM_CLI), args);
    p.waitForStarted();
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(kPatienceMs))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}
