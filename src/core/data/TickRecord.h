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
    double volume = 0;  // 0 where the line has no Volume column
};

enum class LineKind { Record, Header, Blank, Malformed };

// The prices a record may carry: within a range no stock comes near (the full
// dataset spans 0.0037 to 1.4e9), so that every window's features (a close, or
// the ratio of two) and, with LogisticModel::kMaxWeight, its margin stay
// finite: a call is always a probability, never NaN.
inline constexpr double kMinPrice = 1e-30;
inline constexpr double kMaxPrice = 1e30;
inline bool isPriceInRange(double price)
{
    return price >= kMinPrice && price <= kMaxPrice;  // false for NaN
}
// Why a positive finite price out of that range is refused.
inline constexpr const char* kPriceOutOfRange = "price is out of range (1e-30 to 1e30)";

// Stock names come from file names and from the data itself; they end up in
// JSON, CSV and SQLite, so they must be sane text: 1..64 bytes of valid UTF-8
// without control characters.
bool isValidStockName(std::string_view name);
// Why a file is refused whose name (less .txt or .csv) names its stock.
inline constexpr const char* kBadStockFileName =
    "its name cannot name a stock (1 to 64 bytes of UTF-8 text without control characters)";

} // namespace ss
