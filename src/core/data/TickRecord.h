#pragma once

#include "Timestamp.h"

#include <string_view>

namespace ss {

// One parsed input line: what the replay needs of it. The stock view points
// into the line or into the parser's scratch space; valid until the next parse.
struct TickRecord {
    std::string_view stock;
    Timestamp time = 0;
    double close = 0;
    // The day's range, where the line has one: kept only for candlesticks,
    // which read a single stock's file again (MarketData holds closes alone).
    bool hasRange = false;
    double open = 0;
    double high = 0;
    double low = 0;
};

enum class LineKind { Record, Header, Blank, Malformed };

// Stock names come from file names and from the data itself; they end up in
// JSON, CSV and SQLite, so they must be sane text: 1..64 bytes of valid UTF-8
// without control characters.
bool isValidStockName(std::string_view name);

} // namespace ss
