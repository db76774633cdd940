#include "MarketData.h"

#include <algorithm>
#include <limits>

namespace ss {

MarketData::MarketData(std::vector<StockSeries> stocks) : stocks_(std::move(stocks))
{
    std::erase_if(stocks_, [](const StockSeries& s) { return s.size() == 0; });
    std::sort(stocks_.begin(), stocks_.end(),
              [](const StockSeries& a, const StockSeries& b) { return a.name < b.name; });
    Timestamp first = std::numeric_limits<Timestamp>::max();
    Timestamp last = std::numeric_limits<Timestamp>::min();
    for (const auto& s : stocks_) {
        records_ += s.size();
        first = std::min(first, s.times.front());
        last = std::max(last, s.times.back());
    }
    if (!stocks_.empty()) {
        first_ = first;
        last_ = last;
    }
}

std::optional<std::size_t> MarketData::indexOf(std::string_view name) const
{
    const auto it = std::lower_bound(stocks_.begin(), stocks_.end(), name,
                                     [](const StockSeries& s, std::string_view n) { return s.name < n; });
    if (it == stocks_.end() || it->name != name)
        return std::nullopt;
    return static_cast<std::size_t>(it - stocks_.begin());
}

} // namespace ss
