#include "StockHistory.h"

#include <algorithm>
#include <array>

namespace ss {

StockHistory::StockHistory(std::shared_ptr<const MarketData> data, std::size_t stock,
                           std::shared_ptr<const LogisticModel> model)
    : data_(std::move(data)), stock_(stock), model_(std::move(model))
{
}

void StockHistory::restart()
{
    windower_.reset(1);
    evaluator_.reset(1);
    calls_.clear();
    records_ = 0;
}

void StockHistory::advanceTo(std::size_t records)
{
    if (!data_)
        return;
    const StockSeries& s = series();
    records = std::min(records, s.size());
    if (records < records_)
        restart();

    const LogisticModel& model = *model_;
    const int w = model.window();
    std::array<double, features::kMaxWindow> window{};
    std::array<double, features::kMaxWindow> x{};
    for (; records_ < records; ++records_) {
        const double close = s.closes[records_];
        if (const auto outcome = evaluator_.resolve(0, close)) {
            StockCall& c = calls_.back();
            const Tally& t = evaluator_.stock(0);
            c.predictedTime = s.times[records_];
            c.resolved = true;
            c.actualUp = outcome->actualUp;
            c.correct = outcome->correct;
            c.resolvedSoFar = static_cast<std::uint32_t>(t.resolved);
            c.correctSoFar = static_cast<std::uint32_t>(t.correct);
            c.actualUpSoFar = static_cast<std::uint32_t>(t.actualUp);
            c.lastMoveCorrectSoFar = static_cast<std::uint32_t>(t.lastMoveCorrect);
        }
        windower_.push(0, close);
        if (!windower_.window(0, w, window.data()))
            continue;
        features::compute(model.transform(), window.data(), w, x.data());
        const double p = LogisticModel::probability(model.margin(x.data()));
        StockCall call;
        call.record = records_;
        call.time = s.times[records_];
        call.pUp = p;
        call.up = p > 0.5;
        if (!calls_.empty()) {
            // An open call carries the counts of the resolved ones before it.
            const StockCall& previous = calls_.back();
            call.resolvedSoFar = previous.resolvedSoFar;
            call.correctSoFar = previous.correctSoFar;
            call.actualUpSoFar = previous.actualUpSoFar;
            call.lastMoveCorrectSoFar = previous.lastMoveCorrectSoFar;
        }
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
