#include "LogController.h"

#include "app/dialogs/RunBrowser.h"
#include "app/models/RunsModel.h"
#include "app/panels/RunsPanel.h"
#include "app/session/AppSettings.h"
#include "app/session/ExportController.h"
#include "app/session/StreamController.h"
#include "core/storage/PredictionLog.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>

#include <utility>

namespace ss {

LogController::LogController(QWidget* window, AppSettings& settings, StreamController* stream, RunsPanel* runs,
                             QAction* logReplays)
    : QObject(window),
      window_(window),
      settings_(settings),
      stream_(stream),
      runsPanel_(runs),
      logReplays_(logReplays),
      export_(new ExportController(window))
{
    retireOlderLog();
    connect(stream, &StreamController::runsChanged, this, &LogController::runsChanged);
    connect(export_, &ExportController::exported, this, &LogController::exported);
    connect(export_, &ExportController::failed, this, &LogController::failed);
    connect(export_, &ExportController::statusMessage, this, &LogController::statusMessage);
}

// Only the log the program keeps by default: one the user placed is theirs
// to move, and its refusal says why.
void LogController::retireOlderLog()
{
    const QString path = logPath();
    if (path != PredictionLog::defaultPath())
        return;
    const auto version = PredictionLog::olderVersion(path);
    if (!version)
        return;
    const QString stem = path + QStringLiteral(".v%1-old").arg(*version);
    QString aside = stem;
    for (int n = 2; QFileInfo::exists(aside); ++n)
        aside = stem + QStringLiteral("-%1").arg(n);
    if (!QFile::rename(path, aside))
        return;
    // SQLite finds a log's write-ahead files by its name: they go with it.
    for (const char* companion : {"-wal", "-shm"})
        if (QFileInfo::exists(path + companion))
            QFile::rename(path + companion, aside + companion);
    notice_ = tr("The prediction log of an older version was moved to %1; a new log is started.")
                  .arg(QDir::toNativeSeparators(aside));
}

QString LogController::takeNotice()
{
    return std::exchange(notice_, QString());
}

QString LogController::logPath() const
{
    return settings_.logPath();
}

QString LogController::activeLogPath() const
{
    const QString writing = stream_->loggingTo();
    return writing.isEmpty() ? logPath() : writing;
}

QString LogController::streamLogPath() const
{
    return logReplays_->isChecked() ? logPath() : QString();
}

RunsModel* LogController::runs() const
{
    return runsPanel_->model();
}

void LogController::refreshRuns()
{
    runsPanel_->setActiveRun(stream_->activeRun());
    runsPanel_->setLogPath(activeLogPath());
}

void LogController::runsChanged()
{
    refreshRuns();
    if (stream_->activeRun() == 0)
        runsPanel_->applyRetention();
}

bool LogController::loggingChanged() const
{
    return stream_->engine() && !stream_->live() && stream_->loggingTo().isEmpty() == logReplays_->isChecked();
}

void LogController::applyLogging(bool on)
{
    settings_.setLogReplays(on);
    QString when = tr("from the data opened next");
    // The log's runs are whole passes: the open data's session changes over
    // at a pass's start, at once when nothing of it is replayed yet.
    if (loggingChanged()) {
        if (stream_->engine()->progress().processed == 0) {
            emit replayAgain();
            when = tr("from now on");
        } else {
            when = tr("from the next restart of this replay (Replay ▸ Restart)");
        }
    }
    const QString message = on ? tr("Replays are logged to %1 %2").arg(QDir::toNativeSeparators(logPath()), when)
                               : tr("Replays are not logged %1").arg(when);
    emit statusMessage(message, 15000);
}

void LogController::chooseLocation()
{
    const QString path = QFileDialog::getSaveFileName(window_, tr("Prediction log location"), logPath(),
                                                      tr("Prediction log (*.sqlite);;All files (*)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    settings_.setLogPath(path);
    emit statusMessage(tr("Replays of the data opened next are logged to %1").arg(path), 8000);
    refreshRuns();
}

bool LogController::haveRuns(const QString& what)
{
    refreshRuns();
    if (runs()->rowCount() > 0)
        return true;
    emit failed(what, tr("The prediction log %1 holds no run yet: play a replay first.").arg(logPath()));
    return false;
}

void LogController::chooseExport(const QString& stock)
{
    if (!haveRuns(tr("Nothing to export")))
        return;
    std::vector<RunInfo> all;
    for (int r = 0; r < runs()->rowCount(); ++r)
        all.push_back(*runs()->run(r));
    const RunInfo* selected = runsPanel_->selectedRun();
    export_->choose(activeLogPath(), std::move(all), selected ? selected->id : 0, stock);
}

void LogController::chooseStockExport(const QString& stock)
{
    if (stock.isEmpty())
        emit failed(tr("Nothing to export"), tr("Select a stock in the watchlist first."));
    else
        chooseExport(stock);
}

void LogController::exportPredictions(const ExportDialog::Request& request)
{
    export_->exportPredictions(activeLogPath(), request);
}

RunBrowser* LogController::browseRun(const QString& stock)
{
    if (!haveRuns(tr("Nothing to browse")))
        return nullptr;
    const RunInfo* run = runsPanel_->selectedRun();
    auto* browser = new RunBrowser(activeLogPath(), run ? *run : *runs()->run(0), stock, window_);
    browser->setAttribute(Qt::WA_DeleteOnClose);
    browser->show();
    return browser;
}

} // namespace ss
