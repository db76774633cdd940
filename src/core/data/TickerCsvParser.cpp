#include "TickerCsvParser.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>

namespace ss {

namespace {

// Splits at commas; returns the field count, or kMax + 1 when there are more.
template <std::size_t kMax>
int split(std::string_view line, std::array<std::string_view, kMax>& fields)
{
    int n = 0;
    const char* p = line.data();
    const char* end = p + line.size();
    for (;;) {
        const auto* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
        const char* stop = comma ? comma : end;
        if (n == static_cast<int>(kMax))
            return n + 1;
        fields[static_cast<std::size_t>(n++)] = std::string_view(p, static_cast<std::size_t>(stop - p));
        if (!comma)
            return n;
        p = comma + 1;
    }
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = s.substr(1, s.size() - 2);
    return s;
}

bool parseNumber(std::string_view s, double& value)
{
    if (!s.empty() && (s.front() == ' ' || s.back() == ' ' || s.front() == '"'))
        s = trim(s);
    if (s.empty())
        return false;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(value);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

TickerCsvParser::TickerCsvParser(std::string defaultStock) : defaultStock_(std::move(defaultStock)) {}

bool TickerCsvParser::readHeader(std::string_view line)
{
    std::array<std::string_view, kMaxFields> fields;
    const int n = split(line, fields);
    if (n > kMaxFields)
        return false;
    dateCol_ = closeCol_ = stockCol_ = -1;
    numericMask_ = 0;
    for (int i = 0; i < n; ++i) {
        const std::string_view name = trim(fields[static_cast<std::size_t>(i)]);
        if (equalsIgnoreCase(name, "date") || equalsIgnoreCase(name, "timestamp"))
            dateCol_ = i;
        else if (equalsIgnoreCase(name, "close") || equalsIgnoreCase(name, "price"))
            closeCol_ = i;
        else if (equalsIgnoreCase(name, "stock") || equalsIgnoreCase(name, "symbol")
                 || equalsIgnoreCase(name, "ticker"))
            stockCol_ = i;
        else if (equalsIgnoreCase(name, "open") || equalsIgnoreCase(name, "high") || equalsIgnoreCase(name, "low")
                 || equalsIgnoreCase(name, "volume") || equalsIgnoreCase(name, "openint"))
            numericMask_ |= 1u << i;
    }
    fieldCount_ = n;
    return dateCol_ >= 0 && closeCol_ >= 0;
}

LineKind TickerCsvParser::parse(std::string_view line, TickRecord& out, const char*& why)
{
    if (line.find_first_not_of(" \t") == std::string_view::npos)
        return LineKind::Blank;

    if (!started_) {
        started_ = true;
        if (!timestamp::parse(trim(line.substr(0, line.find(','))))) {
            if (readHeader(line))
                return LineKind::Header;
            headerRefused_ = true;
            why = "first line is neither a header with Date and Close columns nor a price row";
            return LineKind::Malformed;
        }
        // No header: the dataset's column order, with Stock as an eighth column.
        if (std::count(line.begin(), line.end(), ',') == 7) {
            fieldCount_ = 8;
            stockCol_ = 7;
        }
    }

    std::array<std::string_view, kMaxFields> fields;
    const int n = split(line, fields);
    if (n != fieldCount_) {
        why = "wrong number of fields";
        return LineKind::Malformed;
    }

    const std::string_view dateField = fields[static_cast<std::size_t>(dateCol_)];
    const auto time = timestamp::parse(dateField.size() == 10 ? dateField : trim(dateField));
    if (!time) {
        why = "bad date";
        return LineKind::Malformed;
    }
    double close = 0;
    if (!parseNumber(fields[static_cast<std::size_t>(closeCol_)], close)) {
        why = "close is not a finite number";
        return LineKind::Malformed;
    }
    if (close <= 0) {
        why = "close is not positive";
        return LineKind::Malformed;
    }
    for (unsigned mask = numericMask_; mask != 0; mask &= mask - 1) {
        double ignored = 0;
        if (!parseNumber(fields[static_cast<std::size_t>(std::countr_zero(mask))], ignored)) {
            why = "a price or volume field is not a finite number";
            return LineKind::Malformed;
        }
    }
    if (stockCol_ >= 0) {
        out.stock = trim(fields[static_cast<std::size_t>(stockCol_)]);
        if (!isValidStockName(out.stock)) {
            why = "bad stock name";
            return LineKind::Malformed;
        }
    } else {
        out.stock = defaultStock_;
    }
    out.time = *time;
    out.close = close;
    return LineKind::Record;
}

} // namespace ss
