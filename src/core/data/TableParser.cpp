#include "TableParser.h"

#include "CsvFields.h"

#include <algorithm>
#include <cctype>

namespace ss {

TableParser::TableParser(TableFormat format, std::string fileStock)
    : format_(std::move(format)), fileStock_(std::move(fileStock)), headerPending_(format_.hasHeader)
{
    int last = std::max({format_.dateColumn, format_.closeColumn, format_.symbolColumn});
    for (int c : format_.stockColumns)
        last = std::max(last, c);
    fieldsNeeded_ = static_cast<std::size_t>(last + 1);
}

const char* TableParser::readClose(const std::string& field, double& close) const
{
    if (!format_.numbers.parse(field, close))
        return "close is not a finite number";
    if (close <= 0)
        return "close is not positive";
    if (!isPriceInRange(close))
        return kPriceOutOfRange;
    return nullptr;
}

LineKind TableParser::parse(std::string_view line, std::vector<TickRecord>& out, const char*& why)
{
    out.clear();
    if (std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; }))
        return LineKind::Blank;
    if (headerPending_) {
        headerPending_ = false;
        return LineKind::Header;
    }
    if (!CsvFields::split(line, format_.delimiter, fields_)) {
        why = "a quote is not closed";
        return LineKind::Malformed;
    }
    if (fields_.size() < fieldsNeeded_) {
        why = "wrong number of fields";
        return LineKind::Malformed;
    }
    const auto time = format_.dates.parse(fields_[static_cast<std::size_t>(format_.dateColumn)]);
    if (!time) {
        why = "bad date";
        return LineKind::Malformed;
    }
    TickRecord record;
    record.time = *time;
    if (format_.layout == TableLayout::Wide) {
        for (std::size_t i = 0; i < format_.stockColumns.size(); ++i) {
            const std::string& field = fields_[static_cast<std::size_t>(format_.stockColumns[i])];
            if (field.empty())
                continue;  // not listed yet, or no trade that day
            if ((why = readClose(field, record.close)))
                return LineKind::Malformed;
            record.stock = format_.stockNames[i];
            out.push_back(record);
        }
        return LineKind::Record;
    }
    if ((why = readClose(fields_[static_cast<std::size_t>(format_.closeColumn)], record.close)))
        return LineKind::Malformed;
    record.stock = fileStock_;
    if (format_.layout == TableLayout::Long) {
        symbol_ = fields_[static_cast<std::size_t>(format_.symbolColumn)];
        for (char& c : symbol_)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!isValidStockName(symbol_)) {
            why = "bad stock name";
            return LineKind::Malformed;
        }
        record.stock = symbol_;
    }
    out.push_back(record);
    return LineKind::Record;
}

} // namespace ss
