#pragma once

#include "TableFormat.h"
#include "TickRecord.h"

#include <string>
#include <vector>

namespace ss {

// Reads the rows of a table whose TableFormat was detected: one record per
// row of a single-stock or long table, one per filled cell of a wide one.
class TableParser {
public:
    TableParser(TableFormat format, std::string fileStock);

    // `out` gets the line's records (none for the header, a blank line or a
    // wide row of empty cells); `why` is set for Malformed lines. The
    // records' stock views live until the next call.
    LineKind parse(std::string_view line, std::vector<TickRecord>& out, const char*& why);

    const TableFormat& format() const { return format_; }

private:
    const char* readClose(const std::string& field, double& close) const;

    TableFormat format_;
    std::string fileStock_;
    bool headerPending_;
    std::size_t fieldsNeeded_ = 0;
    std::vector<std::string> fields_;
    std::string symbol_;
};

} // namespace ss
