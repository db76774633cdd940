#pragma once

#include "LoadReport.h"
#include "StockSeries.h"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace ss {

// Gathers the records of one input, stock by stock. A record that does not
// come strictly after its stock's previous one is refused: silently
// reordering or keeping duplicates would change every later window.
class SeriesCollector {
public:
    explicit SeriesCollector(FileReport& report) : report_(report) {}

    void add(std::string_view stock, Timestamp time, double close, std::size_t line);
    void reject(std::size_t line, std::string_view reason) { report_.reject(line, reason); }

    std::vector<StockSeries> take() { return std::move(series_); }

private:
    StockSeries& seriesFor(std::string_view stock);

    FileReport& report_;
    std::vector<StockSeries> series_;
    std::unordered_map<std::string, std::size_t> index_;
    std::size_t last_ = 0;  // most inputs hold one stock: skip the lookup
};

} // namespace ss
