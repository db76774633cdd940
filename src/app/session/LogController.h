#pragma once

#include "app/dialogs/ExportDialog.h"

#include <QObject>

class QAction;
class QWidget;

namespace ss {

class AppSettings;
class ExportController;
class RunBrowser;
class RunsModel;
class RunsPanel;
class StreamController;

// The prediction log the window writes its streams to and reads its runs
// from: where it is and whether replays are logged (both remembered), the
// Runs panel, browsing a run's calls and exporting them. An older version's
// log at the default place, which this version cannot write to, is moved
// aside (never deleted) and a new one started, the user told where it went.
class LogController : public QObject {
    Q_OBJECT
public:
    // `logReplays` is File ▸ Log Replays.
    LogController(QWidget* window, AppSettings& settings, StreamController* stream, RunsPanel* runs,
                  QAction* logReplays);

    QString logPath() const;
    // The log the stream writes to, else the one the next stream would.
    QString activeLogPath() const;
    // The log a stream starting now writes to, empty when not logged.
    QString streamLogPath() const;
    // What moving an older log aside did, said once with the next data
    // opened (or live feed connected); empty when there is nothing to say.
    QString takeNotice();
    RunsModel* runs() const;
    void refreshRuns();
    // File ▸ Log Replays no longer matches whether the open data is logged.
    bool loggingChanged() const;
    // File ▸ Log Replays: remembered, and applied to the open data at once
    // (replayAgain()) while nothing of it is replayed, else from its next
    // restart; the status bar says which.
    void applyLogging(bool on);
    // File ▸ Prediction Log Location.
    void chooseLocation();
    // File ▸ Export Predictions, of the run selected in the Runs panel (else
    // the newest), all stocks or only `stock` when not empty.
    void chooseExport(const QString& stock);
    // File ▸ Export Selected Stock: `stock` alone, refused when none is selected.
    void chooseStockExport(const QString& stock);
    // Writes the logged calls the request asks for; exported() tells when.
    void exportPredictions(const ExportDialog::Request& request);
    // File ▸ Browse Run: a window on the calls of the selected run (else
    // the newest), or nullptr (with a message) when the log holds none.
    RunBrowser* browseRun(const QString& stock);

signals:
    // The open data's stream starts over under File ▸ Log Replays' setting.
    void replayAgain();
    // An export finished: the number of records written, -1 on failure.
    void exported(qint64 records);
    void failed(const QString& title, const QString& message);
    void statusMessage(const QString& message, int timeoutMs);

private:
    // Refreshes the Runs panel; without runs, says so under `what`.
    bool haveRuns(const QString& what);
    // A run was recorded (none being written now): the log keeps its newest.
    void runsChanged();
    void retireOlderLog();

    QWidget* window_;
    AppSettings& settings_;
    StreamController* stream_;
    RunsPanel* runsPanel_;
    QAction* logReplays_;
    ExportController* export_;
    QString notice_;
};

} // namespace ss
