#pragma once

#include "app/session/StreamController.h"
#include "core/online/OnlineOptions.h"

#include <QObject>

class QWidget;

namespace ss {

class AppSettings;
class OnlineLearningDialog;

// What the stream is scored and traded with besides the model: online
// learning's clusters and scorer, and the cost of each change of position
// when the calls are traded. Both are remembered, apply to data opened
// later, and go into the running stream from the record it is at (a
// restart gives them a whole pass).
class ScoringOptions : public QObject {
    Q_OBJECT
public:
    ScoringOptions(QWidget* window, AppSettings& settings, StreamController* stream);

    // Replay ▸ Online Learning…: the dialog on the options in force; OK
    // applies its own.
    OnlineLearningDialog* openOnlineLearningDialog();
    void setOnlineOptions(const OnlineOptions& options);
    const OnlineOptions& onlineOptions() const { return online_; }
    // Replay ▸ Trading Cost…: asks for the cost in basis points.
    void openTradingCostDialog();
    void setTradingCost(double costBps);
    double tradingCost() const { return costBps_; }
    // What a new stream is scored with, with `model`.
    StreamController::Scoring scoring(std::shared_ptr<const LogisticModel> model) const;

signals:
    void onlineOptionsChanged(const ss::OnlineOptions& options);
    void tradingCostChanged(double costBps);

private:
    QWidget* window_;
    AppSettings& settings_;
    StreamController* stream_;
    OnlineOptions online_;
    double costBps_;
};

} // namespace ss
