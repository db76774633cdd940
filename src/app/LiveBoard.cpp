#include "LiveBoard.h"

namespace ss {

LiveBoard::LiveBoard(std::shared_ptr<const LogisticModel> model) : model_(std::move(model)) {}

void LiveBoard::grow(std::size_t stock)
{
    while (stocks_.size() <= stock) {
        stocks_.emplace_back();
        evaluator_.addStock();
        calls_.emplace_back();
    }
}

void LiveBoard::onPrediction(const Prediction& p)
{
    const double n1 = p.window[p.windowSize - 1];
    const double n2 = p.window[p.windowSize - 2];
    std::lock_guard lock(mutex_);
    grow(p.stock);
    StockStatus& s = stocks_[p.stock];
    // A stock's first call comes with the closes of its window; each later
    // one with one close more.
    s.records = s.hasCall ? s.records + 1 : static_cast<std::size_t>(p.windowSize);
    s.prevClose = n2;
    s.lastClose = n1;
    s.lastTime = p.time;
    s.callTime = p.time;
    s.margin = p.margin;
    s.hasCall = true;
    s.callUp = p.up;
    evaluator_.call(p.stock, p.time, n1, n2, p.up);
    calls_[p.stock].push_back({p.time, n1, n2, p.pUp, p.up, std::nullopt, 0});
}

void LiveBoard::onResolution(const Resolution& r)
{
    std::lock_guard lock(mutex_);
    grow(r.stock);
    if (!evaluator_.resolveAs(r.stock, r.actualUp) || calls_[r.stock].empty())
        return;
    ReportedCall& call = calls_[r.stock].back();
    call.actualUp = r.actualUp;
    call.resolvedTime = r.time;
}

LiveBoard::Frame LiveBoard::frame(std::optional<std::size_t> watched) const
{
    Frame f;
    f.snapshot.model = model_;
    f.snapshot.models = {ModelSwitch{model_}};
    std::lock_guard lock(mutex_);
    f.snapshot.stocks = stocks_;
    f.snapshot.tallies = evaluator_.stocks();
    f.snapshot.overall = evaluator_.overall();
    f.snapshot.openCalls = evaluator_.openCalls();
    if (watched && *watched < calls_.size())
        f.calls = calls_[*watched];
    return f;
}

} // namespace ss
