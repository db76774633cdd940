#include "ProgressiveEvaluator.h"

#include <algorithm>

namespace ss {

void ProgressiveEvaluator::reset(std::size_t stocks)
{
    open_.assign(stocks, OpenCall{});
    tallies_.assign(stocks, Tally{});
    overall_ = Tally{};
}

std::size_t ProgressiveEvaluator::openCalls() const
{
    return static_cast<std::size_t>(std::count_if(open_.begin(), open_.end(), [](const OpenCall& c) { return c.valid; }));
}

} // namespace ss
