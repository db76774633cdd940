#include "TickerCsvParser.h"

#include "DecimalParser.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace ss {

namespace {

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

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool isDigits(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

TickerCsvParser::TickerCsvParser(std::string defaultStock, Range range)
    : defaultStock_(std::move(defaultStock)), hasRange_(range == Range::Keep), keepRange_(range == Range::Keep)
{
}

bool TickerCsvParser::readHeader(std::string_view line)
{
    columns_.fill(Column::Ignored);
    bool haveDate = false, haveClose = false;
    std::size_t n = 0;
    for (std::size_t start = 0; start <= line.size(); ++n) {
        if (n == kMaxFields)
            return false;
        std::size_t stop = line.find(',', start);
        if (stop == std::string_view::npos)
            stop = line.size();
        const std::string_view name = trim(line.substr(start, stop - start));
        start = stop + 1;
        Column& column = columns_[n];
        if (!haveDate && (equalsIgnoreCase(name, "date") || equalsIgnoreCase(name, "timestamp")))
            column = Column::Date, haveDate = true;
        else if (!haveClose && (equalsIgnoreCase(name, "close") || equalsIgnoreCase(name, "price")))
            column = Column::Close, haveClose = true;
        else if (equalsIgnoreCase(name, "stock") || equalsIgnoreCase(name, "symbol") || equalsIgnoreCase(name, "ticker"))
            column = Column::Stock;
        else if (equalsIgnoreCase(name, "open"))
            column = Column::Open;
        else if (equalsIgnoreCase(name, "high"))
            column = Column::High;
        else if (equalsIgnoreCase(name, "low"))
            column = Column::Low;
        else if (equalsIgnoreCase(name, "volume"))
            column = Column::Volume;
        else if (equalsIgnoreCase(name, "openint"))
            column = Column::Number;
    }
    fieldCount_ = n;
    const auto has = [&](Column c) { return std::find(columns_.begin(), columns_.begin() + n, c) != columns_.begin() + n; };
    hasRange_ = keepRange_ && has(Column::Open) && has(Column::High) && has(Column::Low);
    return haveDate && haveClose;
}

std::optional<Timestamp> TickerCsvParser::parseDate(std::string_view field)
{
    // The dataset's "YYYY-MM-DD": only the day changes from row to row.
    if (field.size() == 10 && std::memcmp(field.data(), cachedMonth_, 7) == 0 && isDigits(field.substr(8))) {
        const int day = (field[8] - '0') * 10 + (field[9] - '0');
        if (day >= 1 && day <= cachedMonthDays_)
            return cachedMonthStart_ + (day - 1) * timestamp::kSecondsPerDay;
        return std::nullopt;
    }
    const auto time = timestamp::parse(field.size() == 10 ? field : trim(field));
    if (time && field.size() == 10) {
        std::memcpy(cachedMonth_, field.data(), 7);
        const int day = (field[8] - '0') * 10 + (field[9] - '0');
        cachedMonthStart_ = *time - (day - 1) * timestamp::kSecondsPerDay;
        // The stamp parsed, so its fixed places hold digits.
        const auto number = [&](std::size_t at, std::size_t count) {
            int value = 0;
            for (std::size_t i = at; i < at + count; ++i)
                value = value * 10 + (field[i] - '0');
            return value;
        };
        cachedMonthDays_ = timestamp::daysInMonth(number(0, 4), number(5, 2));
    }
    return time;
}

LineKind TickerCsvParser::parse(std::string_view line, TickRecord& out, const char*& why)
{
    if (line.empty() || ((line.front() == ' ' || line.front() == '\t') && trim(line).empty()))
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
            columns_[7] = Column::Stock;
        }
    }

    // One pass: each field is read where it stands, numbers parsed as they are scanned.
    const char* p = line.data();
    const char* const end = p + line.size();
    std::size_t n = 0;
    std::optional<Timestamp> time;
    double close = 0;
    std::array<double, 4> range{};  // open, high, low, volume
    std::string_view stock = defaultStock_;
    for (;; ++n) {
        if (n == fieldCount_) {
            why = "wrong number of fields";
            return LineKind::Malformed;
        }
        const Column column = columns_[n];
        const char* stop;
        if (column == Column::Number || column == Column::Close || column >= Column::Open) {
            double value = 0;
            const bool kept = column == Column::Close || (column >= Column::Open && hasRange_);
            stop = kept ? parseDecimalField(p, end, ',', value) : skipDecimalField(p, end, ',');
            if (!stop) {
                double trimmed = 0;
                const char* fieldEnd = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
                fieldEnd = fieldEnd ? fieldEnd : end;
                // Spaces or quotes around a number are tolerated, nothing else.
                if (!parseDecimal(trim(std::string_view(p, static_cast<std::size_t>(fieldEnd - p))), trimmed)) {
                    why = column == Column::Close ? "close is not a finite number"
                                                  : "a price or volume field is not a finite number";
                    return LineKind::Malformed;
                }
                value = trimmed;
                stop = fieldEnd;
            }
            if (column == Column::Close)
                close = value;
            else if (column >= Column::Open)
                range[static_cast<std::size_t>(column) - static_cast<std::size_t>(Column::Open)] = value;
        } else {
            stop = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
            stop = stop ? stop : end;
            const std::string_view field(p, static_cast<std::size_t>(stop - p));
            if (column == Column::Date && !(time = parseDate(field))) {
                why = "bad date";
                return LineKind::Malformed;
            }
            if (column == Column::Stock)
                stock = trim(field);
        }
        if (stop == end)
            break;
        p = stop + 1;
    }
    if (n + 1 != fieldCount_) {
        why = "wrong number of fields";
        return LineKind::Malformed;
    }
    if (close <= 0) {
        why = "close is not positive";
        return LineKind::Malformed;
    }
    if (!isPriceInRange(close)) {
        why = kPriceOutOfRange;
        return LineKind::Malformed;
    }
    if (stock.data() != defaultStock_.data() && !isValidStockName(stock)) {
        why = "bad stock name";
        return LineKind::Malformed;
    }
    out.stock = stock;
    out.time = *time;
    out.close = close;
    out.hasRange = hasRange_;
    out.open = range[0];
    out.high = range[1];
    out.low = range[2];
    out.volume = range[3];
    return LineKind::Record;
}

} // namespace ss
