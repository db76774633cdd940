#pragma once

#include "TableFormat.h"
#include "TableOptions.h"

#include <span>
#include <string>
#include <vector>

namespace ss {

// Works out how a delimited table is written from its first lines: the
// delimiter, the decimal mark and thousands separator, the date format, the
// header's date, close and symbol columns, and the layout (one stock, a long
// table with a symbol column, or a wide table with a column per stock).
// What the user states in TableOptions is taken as given.
class TableSniffer {
public:
    static constexpr std::size_t kSampleLines = 256;
    // Enough to tell JSON lines and the dataset's CSV, which are read
    // without keeping a sample: thousands of small files each copying 256
    // lines would cost more than reading them.
    static constexpr std::size_t kKindLines = 8;
    // How far a reader looks for a date that settles day/month order, as in
    // a long table whose first few hundred rows share a date.
    static constexpr std::size_t kMaxSampleLines = 65536;

    static TableFormat detect(std::span<const std::string> lines, const TableOptions& options);

    // True when the first line with text is a JSON object: JSON lines.
    static bool isJsonLines(std::span<const std::string> lines);

    // True when the lines are the dataset's own CSV (a ticker file or
    // data.csv, ISO dates, in time order), which TickerCsvParser reads
    // fastest and by its long-standing rules.
    static bool isDatasetCsv(std::span<const std::string> lines);

    // The first `count` lines of a file, for detection and the import
    // preview; empty with *error set when it cannot be read.
    static std::vector<std::string> sampleOf(const std::string& path, std::size_t count, std::string* error);

    // A header name reduced to what identifies it: "Adj. Close**" -> "adjclose".
    static std::string normalizedName(std::string_view name);
};

} // namespace ss
