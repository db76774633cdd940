#include "ProgressiveEvaluator.h"

#include <algorithm>

namespace ss {

void ProgressiveEvaluator::reset(std::size_t stocks)
{
    stocks_.assign(stocks, StockCalls{});
    overall_ = Tally{};
}

std::size_t ProgressiveEvaluator::openCalls() const
{
    return static_cast<std::size_t>(
        std::count_if(stocks_.begin(), stocks_.end(), [](const StockCalls& c) { return c.open.valid; }));
}

std::vector<Tally> ProgressiveEvaluator::stocks() const
{
    std::vector<Tally> tallies;
    tallies.reserve(stocks_.size());
    for (const StockCalls& c : stocks_)
        tallies.push_back(c.tally);
    return tallies;
}

} // namespace ss
