#include "MainWindow.h"
#include "app/session/ResponsivenessProbe.h"
#include "core/system/BuildVersion.h"
#include "core/system/TerminationRequest.h"

#include <QApplication>
#include <QCommandLineParser>

#include <algorithm>
#include <array>
#include <string_view>

namespace {

// --help and --version answer without a display (on a server, in a script):
// the GUI application they would otherwise need aborts without one.
bool asksForHelpOrVersion(int argc, char* argv[])
{
    constexpr std::array<std::string_view, 6> flags{"-h", "--help", "--help-all", "-?", "-v", "--version"};
    return std::any_of(argv + 1, argv + argc, [&](const char* arg) { return std::ranges::find(flags, arg) != flags.end(); });
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("StockStream"));
    QCoreApplication::setApplicationName(QStringLiteral("StockStream"));
    QCoreApplication::setApplicationVersion(ss::BuildVersion::text());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Replays stock market history as a live stream and scores every stock's next move."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QCoreApplication::translate("main", "A folder of ticker files, a ticker file, data.csv or a "
                                                                     "JSON-lines file (default: the last one, or the built-in sample)."),
                                 QStringLiteral("[PATH]"));
    QCommandLineOption measure(QStringLiteral("measure-responsiveness"),
                               QCoreApplication::translate("main", "Replay PATH at full speed, print the window's "
                                                                   "responsiveness as one line of JSON and quit."));
    measure.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(measure);
    QCommandLineOption measureLogged(QStringLiteral("measure-logged"),
                                     QCoreApplication::translate("main", "With --measure-responsiveness, log the replay "
                                                                         "as File > Log Replays does."));
    measureLogged.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(measureLogged);
    if (asksForHelpOrVersion(argc, argv)) {
        const QCoreApplication app(argc, argv);
        parser.process(app);  // prints and exits
    }

    QApplication app(argc, argv);
    // Ties the window to its desktop entry, and so to its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.stockstream.StockStream"));
    parser.process(app);
    const QString path = parser.positionalArguments().value(0);

    ss::MainWindow window;
    window.show();
    // SIGTERM or Ctrl-C closes the window as the user would: settings saved, the log committed.
    const ss::TerminationRequest termination;
    QObject::connect(&termination, &ss::TerminationRequest::requested, &window, &QWidget::close);
    if (parser.isSet(measure)) {
        if (path.isEmpty())
            parser.showHelp(2);
        ss::ResponsivenessProbe probe(window, path, parser.isSet(measureLogged));
        probe.start();
        return QApplication::exec();
    }
    window.openInitial(path);
    return QApplication::exec();
}
