#include "MainWindow.h"
#include "ResponsivenessProbe.h"
#include "core/system/BuildVersion.h"
#include "core/system/TerminationRequest.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("StockStream"));
    QApplication::setApplicationName(QStringLiteral("StockStream"));
    QApplication::setApplicationVersion(ss::BuildVersion::text());
    // Ties the window to its desktop entry, and so to its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.stockstream.StockStream"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Replays stock market history as a live stream and scores every stock's next move."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QApplication::translate("main", "A folder of ticker files, a ticker file, data.csv or a "
                                                                 "JSON-lines file (default: the last one, or the built-in sample)."),
                                 QStringLiteral("[PATH]"));
    QCommandLineOption measure(QStringLiteral("measure-responsiveness"),
                               QApplication::translate("main", "Replay PATH at full speed, print the window's "
                                                               "responsiveness as one line of JSON and quit."));
    measure.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(measure);
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
        ss::ResponsivenessProbe probe(window, path);
        probe.start();
        return QApplication::exec();
    }
    window.openInitial(path);
    return QApplication::exec();
}
