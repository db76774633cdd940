#pragma once

#include "app/session/LiveFeedSettings.h"

#include <QObject>

class QWidget;

namespace ss {

class AppSettings;
class LogController;
class ModelController;
class ScoringOptions;
class StreamController;

// File ▸ Connect to Live Feed… and Disconnect: the dialog on the last
// settings (remembered when accepted), the feed scored with the model,
// options and log in force, and its end said, with the reason when it
// failed.
class LiveConnection : public QObject {
    Q_OBJECT
public:
    LiveConnection(QWidget* window, AppSettings& settings, StreamController* stream, const ModelController* models,
                   const ScoringOptions* scoring, LogController* logs);

    void openDialog();
    // False, with failed(), when the feed cannot start: the stream before
    // it goes on. started() tells the window to show the feed.
    bool connectTo(const LiveFeedSettings& settings);
    // Asks a running feed to end; the stream's liveEnded() tells when it did.
    void stop();
    bool isRunning() const;
    // Says how the feed ended.
    void tellEnd();

signals:
    void started();
    void failed(const QString& title, const QString& message);
    void statusMessage(const QString& message, int timeoutMs);

private:
    QWidget* window_;
    AppSettings& settings_;
    StreamController* stream_;
    const ModelController* models_;
    const ScoringOptions* scoring_;
    LogController* logs_;
};

} // namespace ss
