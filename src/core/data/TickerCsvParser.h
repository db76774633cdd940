#pragma once

#include "TickRecord.h"

#include <array>
#include <cstdint>
#include <string>

namespace ss {

// Parses the dataset's CSV lines: a ticker file
// (Date,Open,High,Low,Close,Volume,OpenInt, stock named by the file) or the
// thesis's unified data.csv (the same columns plus Stock). Columns are found
// by the header's names; a file without a header is read in the ticker
// file's column order. Every numeric field must be a finite number and the
// close must be positive, so a damaged row is refused, not half-used.
class TickerCsvParser {
public:
    // A reader that keeps closes alone (Range::Skip) still checks that
    // the open, high, low and other numeric fields are numbers, but does
    // not compute them, and reports no range.
    enum class Range { Keep, Skip };
    explicit TickerCsvParser(std::string defaultStock, Range range = Range::Keep);

    // `why` is set for Malformed lines and for a refused header
    // (see headerRefused()).
    LineKind parse(std::string_view line, TickRecord& out, const char*& why);

    // True once the first line was a header without Date and Close columns:
    // the file is not a price file and the rest of it is not worth reading.
    bool headerRefused() const { return headerRefused_; }

private:
    static constexpr std::size_t kMaxFields = 16;
    enum class Column : std::uint8_t { Ignored, Date, Close, Number, Stock, Open, High, Low, Volume };

    bool readHeader(std::string_view line);
    std::optional<Timestamp> parseDate(std::string_view field);

    std::string defaultStock_;
    bool started_ = false;
    bool headerRefused_ = false;
    std::size_t fieldCount_ = 7;
    std::array<Column, kMaxFields> columns_{Column::Date,  Column::Open,   Column::High,  Column::Low,
                                            Column::Close, Column::Volume, Column::Number};
    bool hasRange_ = true;  // Open, High and Low columns all present
    bool keepRange_;
    // Consecutive rows share their month: remember its first day.
    char cachedMonth_[7] = {};
    Timestamp cachedMonthStart_ = 0;
    int cachedMonthDays_ = 0;
};

} // namespace ss
