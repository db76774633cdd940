#include "TableRowOrder.h"

#include <algorithm>

namespace ss {

void TableRowOrder::add(std::string_view stock, Timestamp time, double close, std::size_t line)
{
    auto [it, inserted] = index_.try_emplace(std::string(stock), rows_.size());
    if (inserted) {
        names_.emplace_back(stock);
        rows_.emplace_back();
    }
    rows_[it->second].push_back({time, close, line});
}

std::size_t TableRowOrder::drainInto(SeriesCollector& out)
{
    std::size_t moved = 0;
    const auto byTime = [](const Row& a, const Row& b) { return a.time < b.time; };
    for (std::size_t s = 0; s < rows_.size(); ++s) {
        auto& rows = rows_[s];
        if (std::is_sorted(rows.rbegin(), rows.rend(), byTime)) {
            // Newest first: turned round, keeping rows of one time in file order.
            std::stable_sort(rows.begin(), rows.end(), byTime);
        } else if (!std::is_sorted(rows.begin(), rows.end(), byTime)) {
            std::vector<std::size_t> before;
            for (const Row& r : rows)
                before.push_back(r.line);
            std::stable_sort(rows.begin(), rows.end(), byTime);
            for (std::size_t i = 0; i < rows.size(); ++i)
                moved += rows[i].line != before[i];
        }
        for (const Row& r : rows)
            out.add(names_[s], r.time, r.close, r.line);
        rows.clear();
    }
    return moved;
}

} // namespace ss
