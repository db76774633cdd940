#include "LiveConnection.h"

#include "app/dialogs/LiveFeedDialog.h"
#include "app/session/AppSettings.h"
#include "app/session/LogController.h"
#include "app/session/ModelController.h"
#include "app/session/ScoringOptions.h"
#include "app/session/StreamController.h"

#include <QFileInfo>

namespace ss {

LiveConnection::LiveConnection(QWidget* window, AppSettings& settings, StreamController* stream,
                               const ModelController* models, const ScoringOptions* scoring, LogController* logs)
    : QObject(window),
      window_(window),
      settings_(settings),
      stream_(stream),
      models_(models),
      scoring_(scoring),
      logs_(logs)
{
}

void LiveConnection::openDialog()
{
    auto* dialog = new LiveFeedDialog(window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSettings(settings_.liveFeed());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const LiveFeedSettings chosen = dialog->settings();
        settings_.setLiveFeed(chosen);
        connectTo(chosen);
    });
    dialog->open();
}

bool LiveConnection::connectTo(const LiveFeedSettings& settings)
{
    QString error;
    if (!stream_->connectLive(settings, scoring_->scoring(models_->model()), logs_->streamLogPath(), &error)) {
        emit failed(tr("Cannot connect to the live feed"), error);
        return false;
    }
    const QString notice = logs_->takeNotice();
    const LiveFeed* live = stream_->live();
    emit statusMessage((notice.isEmpty() ? QString() : notice + ' ')
                           + tr("Scoring the live feed %1 with model %2")
                                 .arg(live->describe(), QFileInfo(models_->model()->sourcePath()).completeBaseName()),
                       10000);
    if (stream_->activeRun())
        logs_->refreshRuns();
    emit started();
    return true;
}

void LiveConnection::stop()
{
    if (LiveFeed* live = stream_->live())
        live->stop();
}

bool LiveConnection::isRunning() const
{
    return stream_->live() && !stream_->live()->hasEnded();
}

void LiveConnection::tellEnd()
{
    const LiveFeed* live = stream_->live();
    if (live->failed())
        emit failed(tr("Live feed ended"), tr("%1: %2").arg(live->describe(), live->endReason()));
    else
        emit statusMessage(tr("Live feed %1 ended: %2").arg(live->describe(), live->endReason()), 15000);
}

} // namespace ss
