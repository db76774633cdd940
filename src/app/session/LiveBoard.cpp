#include "LiveBoard.h"

namespace ss {

void LiveBoard::grow(std::size_t stock)
{
    if (calls_.size() <= stock)
        calls_.resize(stock + 1);
}

void LiveBoard::onPrediction(const Prediction& p)
{
    const double n1 = p.window[p.windowSize - 1];
    const double n2 = p.window[p.windowSize - 2];
    std::lock_guard lock(mutex_);
    grow(p.stock);
    calls_[p.stock].push_back({p.time, n1, n2, p.pUp, p.up, std::nullopt, 0});
}

// An outcome always judges its stock's latest call: a stock's next close
// resolves its open call before the next window is scored.
void LiveBoard::onResolution(const Resolution& r)
{
    std::lock_guard lock(mutex_);
    grow(r.stock);
    if (calls_[r.stock].empty())
        return;
    ReportedCall& call = calls_[r.stock].back();
    call.actualUp = r.actualUp;
    call.resolvedTime = r.time;
}

std::vector<ReportedCall> LiveBoard::calls(std::size_t stock) const
{
    std::lock_guard lock(mutex_);
    return stock < calls_.size() ? calls_[stock] : std::vector<ReportedCall>{};
}

} // namespace ss
