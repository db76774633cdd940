#include "PredictionPipeline.h"

namespace ss {

PredictionPipeline::PredictionPipeline(std::size_t stocks, std::shared_ptr<const LogisticModel> model)
    : model_(std::move(model)), windower_(stocks), evaluator_(stocks), status_(stocks)
{
}

void PredictionPipeline::reset()
{
    const std::size_t stocks = status_.size();
    windower_.reset(stocks);
    evaluator_.reset(stocks);
    status_.assign(stocks, StockStatus{});
    records_ = 0;
}

} // namespace ss
