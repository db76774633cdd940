#include "PredictionPipeline.h"

#include "core/online/OnlineLearningStage.h"

namespace ss {

PredictionPipeline::PredictionPipeline(std::size_t stocks, std::shared_ptr<const LogisticModel> model)
    : model_(std::move(model)), models_{{model_}}, windower_(stocks), evaluator_(stocks), status_(stocks)
{
}

PredictionPipeline::~PredictionPipeline() = default;

void PredictionPipeline::enableOnlineLearning(const OnlineOptions& options)
{
    online_ = std::make_unique<OnlineLearningStage>(status_.size(), options, *model_);
}

void PredictionPipeline::feedOnline(const Tick& tick, std::optional<bool> staticUp)
{
    online_->process(tick, windower_, staticUp);
}

const OnlineCall& PredictionPipeline::onlineCall() const
{
    return online_->latestCall();
}

void PredictionPipeline::finish()
{
    if (online_)
        online_->finish();
}

void PredictionPipeline::setModel(std::shared_ptr<const LogisticModel> model)
{
    model_ = std::move(model);
    if (records_ == 0)
        models_ = {{model_}};
    else
        models_.push_back({model_, false, status_[lastStock_].lastTime, lastStock_});
}

std::size_t PredictionPipeline::addStock()
{
    windower_.addStock();
    evaluator_.addStock();
    status_.emplace_back();
    if (online_)
        online_->addStock();
    return status_.size() - 1;
}

void PredictionPipeline::seed(std::size_t stock, double close)
{
    windower_.push(stock, close);
    StockStatus& st = status_[stock];
    st.prevClose = st.lastClose;
    st.lastClose = close;
}

void PredictionPipeline::reset()
{
    const std::size_t stocks = status_.size();
    windower_.reset(stocks);
    evaluator_.reset(stocks);
    status_.assign(stocks, StockStatus{});
    records_ = 0;
    if (online_)
        online_->reset();
    // A new pass starts with the model in force now.
    models_ = {{model_}};
}

} // namespace ss
