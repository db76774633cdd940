#include "StockHistory.h"

#include <algorithm>
#include <array>

namespace ss {

StockHistory::StockHistory(std::shared_ptr<const MarketData> data, std::size_t stock,
                           std::vector<ModelSwitch> models)
    : data_(std::move(data)), stock_(stock), models_(std::move(models))
{
}

StockHistory::StockHistory(std::shared_ptr<const MarketData> data, std::size_t stock,
                           std::shared_ptr<const LogisticModel> model)
    : StockHistory(std::move(data), stock, std::vector<ModelSwitch>{{std::move(model)}})
{
}

StockHistory StockHistory::fromLog(const std::string& stock, const std::vector<PredictionRecord>& calls)
{
    std::vector<ReportedCall> reported;
    reported.reserve(calls.size());
    for (const PredictionRecord& r : calls) {
        const std::size_t n = r.window.size();
        reported.push_back({r.time, n > 0 ? r.window[n - 1] : 0.0, n > 1 ? r.window[n - 2] : 0.0, r.pUp, r.up,
                            r.actual, r.resolvedTime});
    }
    return fromCalls(stock, reported);
}

StockHistory StockHistory::fromCalls(const std::string& stock, const std::vector<ReportedCall>& calls)
{
    if (calls.empty())
        return {};
    StockSeries series;
    series.name = stock;
    series.times.reserve(calls.size());
    series.closes.reserve(calls.size());
    for (const ReportedCall& r : calls) {
        series.times.push_back(r.time);
        series.closes.push_back(r.close);
    }
    StockHistory h(std::make_shared<const MarketData>(std::vector<StockSeries>{std::move(series)}), 0,
                   std::vector<ModelSwitch>{});
    h.logged_ = true;
    h.calls_.reserve(calls.size());
    for (const ReportedCall& r : calls) {
        StockCall call;
        call.record = h.calls_.size();
        call.time = r.time;
        call.pUp = r.pUp;
        call.up = r.up;
        h.evaluator_.call(0, r.time, r.close, r.previousClose, r.up);
        if (r.actualUp && call.record + 1 < calls.size()) {
            const auto outcome = h.evaluator_.resolveAs(0, *r.actualUp);
            call.predictedTime = r.resolvedTime;
            call.resolved = true;
            call.actualUp = outcome->actualUp;
            call.correct = outcome->correct;
        }
        count(call, h.evaluator_.stock(0));
        h.calls_.push_back(call);
    }
    h.records_ = h.calls_.size();
    return h;
}

void StockHistory::count(StockCall& call, const Tally& tally)
{
    call.resolvedSoFar = static_cast<std::uint32_t>(tally.resolved);
    call.correctSoFar = static_cast<std::uint32_t>(tally.correct);
    call.actualUpSoFar = static_cast<std::uint32_t>(tally.actualUp);
    call.lastMoveCorrectSoFar = static_cast<std::uint32_t>(tally.lastMoveCorrect);
}

bool StockHistory::setModels(const std::vector<ModelSwitch>& models)
{
    if (logged_)
        return false;
    const bool extends = models.size() >= models_.size()
                         && std::equal(models_.begin(), models_.end(), models.begin(),
                                       [](const ModelSwitch& a, const ModelSwitch& b) {
                                           return a.model == b.model && a.fromStart == b.fromStart
                                                  && a.afterTime == b.afterTime && a.afterStock == b.afterStock;
                                       });
    if (extends && models.size() == models_.size())
        return false;
    models_ = models;
    if (extends)
        return false;
    restart();
    return true;
}

void StockHistory::restart()
{
    modelInForce_ = 0;
    windower_.reset(1);
    evaluator_.reset(1);
    calls_.clear();
    records_ = 0;
}

void StockHistory::advanceTo(std::size_t records)
{
    if (!data_ || logged_)
        return;
    const StockSeries& s = series();
    records = std::min(records, s.size());
    if (records < records_)
        restart();

    std::array<double, features::kMaxWindow> window{};
    std::array<double, features::kMaxWindow> x{};
    for (; records_ < records; ++records_) {
        const double close = s.closes[records_];
        while (modelInForce_ + 1 < models_.size() && models_[modelInForce_ + 1].appliesTo(s.times[records_], stock_))
            ++modelInForce_;
        const LogisticModel& model = *models_[modelInForce_].model;
        const int w = model.window();
        if (const auto outcome = evaluator_.resolve(0, close)) {
            StockCall& c = calls_.back();
            c.predictedTime = s.times[records_];
            c.resolved = true;
            c.actualUp = outcome->actualUp;
            c.correct = outcome->correct;
            count(c, evaluator_.stock(0));
        }
        windower_.push(0, close);
        // History before the replay's start: drawn, not called.
        if (!models_[modelInForce_].appliesTo(s.times[records_], stock_) || !windower_.window(0, w, window.data()))
            continue;
        features::compute(model.transform(), window.data(), w, x.data());
        const double p = LogisticModel::probability(model.margin(x.data()));
        StockCall call;
        call.record = records_;
        call.time = s.times[records_];
        call.pUp = p;
        call.up = p > 0.5;
        // An open call carries the counts of the resolved ones before it.
        count(call, evaluator_.stock(0));
        evaluator_.call(0, call.time, window[static_cast<std::size_t>(w - 1)], window[static_cast<std::size_t>(w - 2)],
                        call.up);
        calls_.push_back(call);
    }
}

const StockCall* StockHistory::callAt(std::size_t record) const
{
    const auto it = std::lower_bound(calls_.begin(), calls_.end(), record,
                                     [](const StockCall& c, std::size_t r) { return c.record < r; });
    return it != calls_.end() && it->record == record ? &*it : nullptr;
}

const StockCall* StockHistory::callPredicting(std::size_t record) const
{
    return record > 0 ? callAt(record - 1) : nullptr;
}

} // namespace ss
