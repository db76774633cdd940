#include "SeriesCollector.h"

namespace ss {

StockSeries& SeriesCollector::seriesFor(std::string_view stock)
{
    if (last_ < series_.size() && series_[last_].name == stock)
        return series_[last_];
    auto [it, inserted] = index_.try_emplace(std::string(stock), series_.size());
    if (inserted)
        series_.push_back(StockSeries{std::string(stock), {}, {}});
    last_ = it->second;
    return series_[last_];
}

void SeriesCollector::add(std::string_view stock, Timestamp time, double close, std::size_t line)
{
    StockSeries& s = seriesFor(stock);
    if (!s.times.empty() && time <= s.times.back()) {
        report_.reject(line, time == s.times.back() ? "duplicate timestamp" : "timestamp out of order");
        return;
    }
    s.times.push_back(time);
    s.closes.push_back(close);
    ++report_.records;
}

} // namespace ss
