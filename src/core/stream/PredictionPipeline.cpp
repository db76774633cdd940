#include "PredictionPipeline.h"

namespace ss {

PredictionPipeline::PredictionPipeline(std::size_t stocks, std::shared_ptr<const LogisticModel> model)
    : model_(std::move(model)), models_{{model_}}, windower_(stocks), evaluator_(stocks), status_(stocks)
{
}

PredictionPipeline::~PredictionPipeline() = default;

void PredictionPipeline::finish()
{
    if (stage_)
        stage_->finish();
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
    if (stage_)
        stage_->addStock();
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
    if (stage_)
        stage_->reset();
    // A new pass starts with the model in force now.
    models_ = {{model_}};
}

} // namespace ss
