#pragma once

#include "TickRecord.h"

#include <string>
#include <vector>

namespace ss {

// Parses one tick per line as the thesis's Kafka topic `test` carries them:
// {"stock": "jnj.us", "price": 0.5941, "date": "1970-01-19T00:00:00.000+01:00"}
// "close" is accepted for "price"; other keys (open, high, low, volume, ...)
// are ignored. Only flat objects: nesting beyond a shallow array is refused
// so that no line can make the parser recurse without bound.
//
// With window records accepted (live sources), a line may instead carry the
// thesis's topic `test_agg` form, {"stock", "prices": [oldest .. newest],
// "date"}: the stock's last closes, the newest one at `date`. It comes back
// as a Record of that newest close, with windowPrices() holding them all;
// for a tick record windowPrices() is empty.
class JsonLinesParser {
public:
    // Longest window record taken: the most closes a stock's window keeps.
    static constexpr std::size_t kMaxWindowPrices = 64;

    explicit JsonLinesParser(bool acceptWindowRecords = false) : acceptWindows_(acceptWindowRecords) {}

    LineKind parse(std::string_view line, TickRecord& out, const char*& why);
    const std::vector<double>& windowPrices() const { return prices_; }

private:
    bool acceptWindows_;
    std::string stock_;  // unescaped stock name, owned between calls
    std::string date_;
    std::vector<double> prices_;
};

} // namespace ss
