#pragma once

#include "DateFormat.h"
#include "NumberFormat.h"
#include "TableOptions.h"

#include <string>
#include <vector>

namespace ss {

// How one delimited table is written and laid out, detected once from its
// first lines (TableSniffer) and then followed for every row (TableParser).
struct TableFormat {
    char delimiter = ',';
    NumberFormat numbers;
    DateFormat dates;
    bool hasHeader = false;
    std::vector<std::string> columnNames;  // the header's, or "column N" without one
    TableLayout layout = TableLayout::Single;
    int dateColumn = -1;  // 0-based; -1 when absent
    int closeColumn = -1;
    int symbolColumn = -1;
    std::vector<int> stockColumns;         // a wide table's, one stock each
    std::vector<std::string> stockNames;   // their stocks, lower-case
    // False when detection had to guess (no header names to go by, a wide
    // table, dates in several formats): the app asks the user to check.
    bool certain = true;
    // Why the table cannot be read as it stands, naming the option that
    // would fix it; empty when it can.
    std::string problem;
    // The problem is that every date read could be day/month or month/day:
    // rows further down may settle it.
    bool datesAmbiguous = false;
    std::vector<std::string> notes;  // what the user should know, e.g. which close column was used
};

} // namespace ss
