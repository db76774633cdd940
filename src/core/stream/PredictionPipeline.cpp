#include "PredictionPipeline.h"

#include <algorithm>
#include <typeinfo>

namespace ss {

PredictionPipeline::PredictionPipeline(std::size_t stocks, std::shared_ptr<const LogisticModel> model)
    : model_(std::move(model)), models_{{model_}}, windower_(stocks), evaluator_(stocks), status_(stocks)
{
}

PredictionPipeline::~PredictionPipeline() = default;

void PredictionPipeline::plugStage(const StageFactory& factory)
{
    std::unique_ptr<PipelineStage> plugged = factory(status_.size(), *model_);
    const PipelineStage& made = *plugged;
    const auto same = std::find_if(stages_.begin(), stages_.end(),
                                   [&made](const auto& stage) { return typeid(*stage) == typeid(made); });
    if (same != stages_.end())
        *same = std::move(plugged);
    else
        stages_.push_back(std::move(plugged));
    annotator_ = nullptr;
    for (const auto& stage : stages_)
        if (stage->latestCall())
            annotator_ = stage.get();
}

void PredictionPipeline::finish()
{
    for (const auto& stage : stages_)
        stage->finish();
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
    for (const auto& stage : stages_)
        stage->addStock();
    return status_.size() - 1;
}

void PredictionPipeline::seed(std::size_t stock, double close)
{
    windower_.push(stock, close);
    StockStatus& st = status_[stock];
    st.prevClose = st.lastClose;
    st.lastClose = close;
}

void PredictionPipeline::startCalls()
{
    if (records_ > 0)
        models_ = {{model_, false, status_[lastStock_].lastTime, lastStock_}};
}

void PredictionPipeline::closeTimestamp(Timestamp time)
{
    if (evaluator_.overall().resolved > 0)
        accuracyOverTime_.add({currentTime_, evaluator_.overall()});
    currentTime_ = time;
}

std::vector<DatedTally> PredictionPipeline::accuracyOverTime() const
{
    std::vector<DatedTally> points = accuracyOverTime_.items();
    if (evaluator_.overall().resolved > 0 && (points.empty() || points.back().time != currentTime_))
        points.push_back({currentTime_, evaluator_.overall()});
    return points;
}

void PredictionPipeline::reset()
{
    const std::size_t stocks = status_.size();
    windower_.reset(stocks);
    evaluator_.reset(stocks);
    status_.assign(stocks, StockStatus{});
    records_ = 0;
    currentTime_ = 0;
    accuracyOverTime_.clear();
    for (const auto& stage : stages_)
        stage->reset();
    // A new pass starts with the model in force now.
    models_ = {{model_}};
}

} // namespace ss
