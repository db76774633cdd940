#pragma once

#include "core/data/MarketData.h"
#include "core/model/LogisticModel.h"

#include <QObject>

#include <memory>

class QLabel;
class QWidget;

namespace ss {

class AppSettings;
class StreamController;
class TrainingDialog;

// The model the stream is scored with: the default one, a model file the
// user opens (a refused file says why and the model stays) or one just
// trained and put to use; remembered for the next launch, handed to the
// stream and shown in the Model panel.
class ModelController : public QObject {
    Q_OBJECT
public:
    // The Model panel's fields.
    struct Panel {
        QLabel* name;
        QLabel* transform;
        QLabel* window;
        QLabel* weights;
        QLabel* trainedOn;
        QLabel* metrics;
    };

    ModelController(QWidget* window, const Panel& panel, AppSettings& settings, StreamController* stream);

    // The installed default model, else the one built into the program.
    const QString& defaultModel() const { return defaultModel_; }
    const std::shared_ptr<const LogisticModel>& model() const { return model_; }
    // The model's name as the panel and the title show it.
    const QString& name() const { return name_; }
    // Scores with the model at `path` without remembering it.
    bool load(const QString& path);
    // The same, remembered as the model to open at the next launch.
    bool open(const QString& path);
    // The model the last session chose, when it chose one.
    void openLast();
    // Model ▸ Open Model File: asks for the file.
    void choose();
    // Model ▸ Train model…: opens (once created, raises) the training
    // dialog on `data`.
    TrainingDialog* openTrainingDialog(std::shared_ptr<const MarketData> data, const QString& path, double costBps);
    void setTradingCost(double costBps);

signals:
    // The stream scores with model() from now on.
    void modelChanged();
    void failed(const QString& title, const QString& message);
    void statusMessage(const QString& message, int timeoutMs);

private:
    void setModel(std::shared_ptr<const LogisticModel> model);
    // A model from the training dialog, put to use at once.
    void useTrained(std::shared_ptr<const LogisticModel> model);
    // A finished replay has no call left to make: offers a new pass.
    void offerRestart(const QString& name);
    void show();

    QWidget* window_;
    Panel panel_;
    AppSettings& settings_;
    StreamController* stream_;
    const QString defaultModel_;
    std::shared_ptr<const LogisticModel> model_;
    QString name_;
    TrainingDialog* trainingDialog_ = nullptr;
};

} // namespace ss
