#pragma once

#include "SeriesCollector.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ss {

// Holds a table's rows until it is read through, then hands each stock's
// rows to the collector oldest first. Downloads often list the newest row
// first, which is turned round without a word; rows in no order are sorted,
// and how many moved is counted, since a user should know their file was
// not in time order. Rows of the same time stay in file order, so the
// collector refuses the later ones as duplicates.
class TableRowOrder {
public:
    void add(std::string_view stock, Timestamp time, double close, std::size_t line);

    // Returns how many rows were moved by sorting.
    std::size_t drainInto(SeriesCollector& out);

private:
    struct Row {
        Timestamp time;
        double close;
        std::size_t line;
    };
    std::vector<std::string> names_;
    std::vector<std::vector<Row>> rows_;
    std::unordered_map<std::string, std::size_t> index_;
};

} // namespace ss
