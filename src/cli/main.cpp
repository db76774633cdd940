#include "CliOutput.h"
#include "ExportCommand.h"
#include "ProduceCommand.h"
#include "ReplayCommand.h"
#include "ServeCommand.h"
#include "TrainCommand.h"
#include "core/system/BuildVersion.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

constexpr const char* kUsage = R"(Usage: stockstream-cli COMMAND [OPTIONS]

Commands:
  replay   Replay price history as a stream and score every window.
  train    Fit the logistic model on one ticker file.
  export   Write logged predictions as CSV or JSON lines.
  produce  Send price history as a live feed of JSON-line ticks.
  serve    Serve the local HTTP API over a prediction log.

Run 'stockstream-cli COMMAND --help' for a command's options.
)";

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stockstream-cli"));
    QCoreApplication::setApplicationVersion(ss::BuildVersion::text());

    const QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);
    if (command == "replay")
        return ss::cli::ReplayCommand::run(args.mid(1));
    if (command == "export")
        return ss::cli::ExportCommand::run(args.mid(1));
    if (command == "produce")
        return ss::cli::ProduceCommand::run(args.mid(1));
    if (command == "train")
        return ss::cli::TrainCommand::run(args.mid(1));
    if (command == "serve")
        return ss::cli::ServeCommand::run(args.mid(1));
    if (command == "--version" || command == "-v") {
        std::printf("stockstream-cli %s\n", qPrintable(ss::BuildVersion::text()));
        return ss::cli::Ok;
    }
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(kUsage, stdout);
        return ss::cli::Ok;
    }
    ss::cli::printError(command.isEmpty() ? QStringLiteral("no command given (try --help)")
                                          : QStringLiteral("unknown command '%1' (try --help)").arg(command));
    return ss::cli::Usage;
}
