#include "ModelController.h"

#include "app/dialogs/TrainingDialog.h"
#include "app/panels/ModelDescription.h"
#include "app/session/AppSettings.h"
#include "app/session/StreamController.h"
#include "core/system/InstalledData.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>

namespace ss {

namespace {

// Which model files the window opened, for checking where an installed
// program reads from: QT_LOGGING_RULES="stockstream.files.info=true".
Q_LOGGING_CATEGORY(lcFiles, "stockstream.files", QtWarningMsg)

QString compactNumber(double v)
{
    return QLocale().toString(v, 'g', 4);
}

} // namespace

ModelController::ModelController(QWidget* window, const Panel& panel, AppSettings& settings, StreamController* stream)
    : QObject(window),
      window_(window),
      panel_(panel),
      settings_(settings),
      stream_(stream),
      defaultModel_(InstalledData().defaultModel())
{
}

bool ModelController::load(const QString& path)
{
    QString error;
    auto model = LogisticModel::load(path, &error);
    if (!model) {
        emit failed(tr("Model refused"), error);
        return false;
    }
    qCInfo(lcFiles).noquote() << "opened model" << path;
    setModel(std::make_shared<const LogisticModel>(std::move(*model)));
    return true;
}

bool ModelController::open(const QString& path)
{
    if (!load(path))
        return false;
    settings_.setLastModel(path == defaultModel_ ? QString() : path);
    return true;
}

void ModelController::openLast()
{
    const QString last = settings_.lastModel();
    if (!last.isEmpty())
        open(last);
}

void ModelController::choose()
{
    // Beside the last model the user chose, else at home: never wherever
    // the program happened to be started.
    const QFileInfo last(settings_.lastModel());
    const QString path = QFileDialog::getOpenFileName(window_, tr("Open model"),
                                                      last.exists() ? last.path() : QDir::homePath(),
                                                      tr("Model (*.json);;All files (*)"));
    if (!path.isEmpty())
        open(path);
}

void ModelController::setModel(std::shared_ptr<const LogisticModel> model)
{
    model_ = std::move(model);
    stream_->setModel(model_);
    if (stream_->live() && !stream_->live()->hasEnded())
        emit statusMessage(tr("The live feed goes on with the model it started with: connect again to score "
                              "with this one"),
                           15000);
    show();
    emit modelChanged();
}

TrainingDialog* ModelController::openTrainingDialog(std::shared_ptr<const MarketData> data, const QString& path,
                                                    double costBps)
{
    if (!trainingDialog_) {
        trainingDialog_ = new TrainingDialog(window_);
        connect(trainingDialog_, &TrainingDialog::modelChosen, this, &ModelController::useTrained);
    }
    trainingDialog_->setLoadedData(std::move(data), path);
    trainingDialog_->setTradingCost(costBps);
    trainingDialog_->show();
    trainingDialog_->raise();
    trainingDialog_->activateWindow();
    return trainingDialog_;
}

void ModelController::setTradingCost(double costBps)
{
    if (trainingDialog_)
        trainingDialog_->setTradingCost(costBps);
}

void ModelController::useTrained(std::shared_ptr<const LogisticModel> model)
{
    const QString path = model->sourcePath();
    setModel(std::move(model));
    settings_.setLastModel(path);
    const QString name = QFileInfo(path).completeBaseName();
    ReplayEngine* engine = stream_->engine();
    const ReplayProgress at = engine ? engine->progress() : ReplayProgress{};
    if (at.state == ReplayState::Finished) {
        offerRestart(name);
        return;
    }
    emit statusMessage(at.processed > 0 ? tr("Switched to model %1 after %2: the next windows are scored with it")
                                              .arg(name, QString::fromStdString(timestamp::format(at.time)))
                                        : tr("Switched to model %1").arg(name),
                       15000);
}

void ModelController::offerRestart(const QString& name)
{
    auto* ask = new QMessageBox(QMessageBox::Question, tr("Model %1").arg(name),
                                tr("The replay has finished, so no call is left for %1 to make. Restart the "
                                   "replay with it?")
                                    .arg(name),
                                QMessageBox::Yes | QMessageBox::No, window_);
    ask->setObjectName(QStringLiteral("restartQuestion"));
    ask->button(QMessageBox::Yes)->setText(tr("&Restart"));
    ask->button(QMessageBox::No)->setText(tr("&Not now"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QMessageBox::accepted, this, [this] {
        ReplayEngine* engine = stream_->engine();
        if (!engine)
            return;
        engine->restart();
        engine->play();
    });
    ask->open();
    emit statusMessage(tr("Switched to model %1: the replay has finished; restart it to score with it").arg(name),
                       15000);
}

void ModelController::show()
{
    const LogisticModel& m = *model_;
    const bool builtIn = m.sourcePath() == defaultModel_;
    name_ = QFileInfo(m.sourcePath()).completeBaseName() + (builtIn ? tr(" (built-in)") : QString());
    panel_.name->setText(name_);
    panel_.name->setToolTip(m.sourcePath());
    panel_.transform->setText(QString::fromUtf8(features::transformName(m.transform())));
    panel_.window->setText(tr("%1 closes").arg(m.window()));
    QStringList weights;
    for (double w : m.weights())
        weights << compactNumber(w);
    panel_.weights->setText(tr("%1\nintercept %2").arg(weights.join(QStringLiteral(", ")), compactNumber(m.intercept())));
    panel_.trainedOn->setText(ModelDescription::trainedOn(m.trainedOn()));
    panel_.metrics->setText(ModelDescription::metrics(m.metrics()));
}

} // namespace ss
