#include "ScoringOptions.h"

#include "app/dialogs/OnlineLearningDialog.h"
#include "app/session/AppSettings.h"
#include "core/backtest/BacktestStage.h"
#include "core/online/OnlineLearningStage.h"

#include <QInputDialog>

namespace ss {

ScoringOptions::ScoringOptions(QWidget* window, AppSettings& settings, StreamController* stream)
    : QObject(window),
      window_(window),
      settings_(settings),
      stream_(stream),
      online_(settings.onlineOptions()),
      costBps_(settings.tradingCostBps())
{
}

OnlineLearningDialog* ScoringOptions::openOnlineLearningDialog()
{
    auto* dialog = new OnlineLearningDialog(window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOptions(online_);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { setOnlineOptions(dialog->options()); });
    dialog->open();
    return dialog;
}

void ScoringOptions::setOnlineOptions(const OnlineOptions& options)
{
    online_ = options;
    settings_.setOnlineOptions(options);
    stream_->plugStage(onlineLearning(options));
    emit onlineOptionsChanged(options);
}

void ScoringOptions::openTradingCostDialog()
{
    bool ok = false;
    const double cost = QInputDialog::getDouble(window_, tr("Trading Cost"),
                                                tr("Cost of each change of a stock's position, in basis points:"),
                                                costBps_, 0, 10000, 1, &ok);
    if (ok)
        setTradingCost(cost);
}

void ScoringOptions::setTradingCost(double costBps)
{
    costBps_ = costBps;
    settings_.setTradingCostBps(costBps);
    emit tradingCostChanged(costBps);
    stream_->plugStage(backtest(costBps));
}

StreamController::Scoring ScoringOptions::scoring(std::shared_ptr<const LogisticModel> model) const
{
    return {std::move(model), online_, costBps_};
}

} // namespace ss
