#pragma once

#include "StockSeries.h"

#include <optional>
#include <string_view>
#include <vector>

namespace ss {

// Every loaded stock, sorted by name in byte order (the stream's tie-break
// order), immutable once built so any thread may read it.
class MarketData {
public:
    MarketData() = default;
    explicit MarketData(std::vector<StockSeries> stocks);

    std::size_t stockCount() const { return stocks_.size(); }
    const StockSeries& stock(std::size_t index) const { return stocks_[index]; }
    const std::vector<StockSeries>& stocks() const { return stocks_; }
    std::size_t recordCount() const { return records_; }
    std::optional<std::size_t> indexOf(std::string_view name) const;
    // Earliest and latest timestamp over all stocks; 0 when empty.
    Timestamp firstTime() const { return first_; }
    Timestamp lastTime() const { return last_; }

private:
    std::vector<StockSeries> stocks_;
    std::size_t records_ = 0;
    Timestamp first_ = 0;
    Timestamp last_ = 0;
};

} // namespace ss
