// Feeds arbitrary lines to the JSON-lines reader (the thesis's topic
// `test`, and topic `test_agg` window records for live feeds): escapes,
// nesting, numbers, keys in any order. Besides crashes and
// undefined behaviour it checks that an accepted line is a usable tick.

#include "FuzzCheck.h"
#include "core/data/JsonLinesParser.h"

#include <cmath>
#include <cstdint>
#include <string_view>

using ss::fuzz::require;

namespace {

void check(ss::JsonLinesParser& parser, std::string_view line)
{
    ss::TickRecord record;
    const char* why = nullptr;
    switch (parser.parse(line, record, why)) {
    case ss::LineKind::Record:
        require(ss::isValidStockName(record.stock), "an accepted tick has a valid stock name");
        require(std::isfinite(record.close) && record.close > 0, "an accepted tick has a positive finite price");
        require(parser.windowPrices().empty() || parser.windowPrices().back() == record.close,
                "a window record's tick is its newest price");
        require(parser.windowPrices().size() <= ss::JsonLinesParser::kMaxWindowPrices, "a window is bounded");
        break;
    case ss::LineKind::Malformed:
        require(why != nullptr && *why != '\0', "a refused line comes with a reason");
        break;
    case ss::LineKind::Header:
        require(false, "JSON lines have no header");
        break;
    case ss::LineKind::Blank:
        break;
    }
}

} // namespace

// Every line goes to both readers: files' (ticks only) and live feeds'
// (ticks and the collector's window records).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    ss::JsonLinesParser files;
    ss::JsonLinesParser live(true);
    while (!rest.empty()) {
        const std::size_t newline = rest.find('\n');
        const std::string_view line = rest.substr(0, newline);
        rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
        check(files, line);
        check(live, line);
    }
    return 0;
}
