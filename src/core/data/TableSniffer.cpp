#include "TableSniffer.h"

#include "CsvFields.h"
#include "LineReader.h"
#include "TickRecord.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace ss {

namespace {

using Rows = std::vector<std::vector<std::string>>;

constexpr std::array<std::string_view, 8> kDateNames = {"date", "time", "timestamp", "datetime", "day", "tradedate",
                                                        "tradingday", "period"};
// In order of preference; adjusted closes only when there is no plain close.
constexpr std::array<std::string_view, 7> kCloseNames = {"close", "close/last", "closelast", "last",
                                                         "price", "closeprice", "closingprice"};
constexpr std::array<std::string_view, 3> kAdjustedCloseNames = {"adjclose", "adjustedclose", "adjclosingprice"};
constexpr std::array<std::string_view, 5> kSymbolNames = {"symbol", "ticker", "stock", "name", "code"};
// The dataset's own header names, which its fast reader knows.
constexpr std::array<std::string_view, 9> kDatasetNames = {"date", "timestamp", "open", "high", "low",
                                                           "close", "price",     "volume", "openint"};
constexpr std::string_view kNamesHint = "; name the columns with --columns date=NAME|N,close=NAME|N";

bool isBlank(std::string_view line)
{
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

template <std::size_t N>
bool isOneOf(std::string_view name, const std::array<std::string_view, N>& names)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool looksNumeric(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ',' || c == '-' || c == '$' || c == ' ';
    }) && std::any_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// A stock's name as a wide table heads its column: a ticker such as "AAPL",
// "BRK.B" or "aapl.us", written in one case; words such as "Schluss" are not.
bool looksLikeTicker(std::string_view name)
{
    if (name.empty() || name.size() > 15)
        return false;
    bool upper = false, lower = false;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (!std::isalnum(u) && c != '.' && c != '-' && c != '^' && c != '=' && c != '_')
            return false;
        upper |= std::isupper(u) != 0;
        lower |= std::islower(u) != 0;
    }
    return upper != lower;
}

std::string lowerCase(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool parsesAsCalendarDate(std::string_view field)
{
    const auto candidates = DateFormat::candidates();
    return std::any_of(candidates.begin(), candidates.end(), [&](const DateFormat& f) {
        return f.pattern() != "%s" && f.pattern() != "%Q" && f.parse(field).has_value();
    });
}

// The delimiter that splits the most lines into the same number of fields;
// among equals, the one whose fields read as dates and numbers most often
// ("13.01.2000;10,5" is two fields either way, but only ';' makes sense of them).
char detectDelimiter(const std::vector<std::string_view>& lines)
{
    constexpr std::size_t kLinesLooked = 64;
    const std::size_t looked = std::min(lines.size(), kLinesLooked);
    char best = ',';
    std::size_t bestAgreeing = 0, bestTyped = 0, bestFields = 0;
    std::vector<std::string> fields;
    for (char candidate : {',', ';', '\t', '|'}) {
        std::vector<std::size_t> counts;
        std::size_t typed = 0;
        for (std::size_t i = 0; i < looked; ++i) {
            CsvFields::split(lines[i], candidate, fields);
            counts.push_back(fields.size());
            typed += static_cast<std::size_t>(std::count_if(fields.begin(), fields.end(), [](const std::string& f) {
                return looksNumeric(f) || parsesAsCalendarDate(f);
            }));
        }
        // The most common field count, over two fields, and how many lines have it.
        std::size_t mode = 0, agreeing = 0;
        for (std::size_t c : counts) {
            const auto n = static_cast<std::size_t>(std::count(counts.begin(), counts.end(), c));
            if (c >= 2 && (n > agreeing || (n == agreeing && c > mode)))
                mode = c, agreeing = n;
        }
        if (std::tie(agreeing, typed, mode) > std::tie(bestAgreeing, bestTyped, bestFields))
            best = candidate, bestAgreeing = agreeing, bestTyped = typed, bestFields = mode;
    }
    return best;
}

// What one number says of the decimal mark: '.' or ',' or 0 when it could
// be either ("1,234" is a thousand or one and a bit).
char decimalMarkOf(std::string_view v)
{
    const auto comma = v.rfind(','), dot = v.rfind('.');
    if (comma != std::string_view::npos && dot != std::string_view::npos)
        return comma > dot ? ',' : '.';
    const auto mark = comma != std::string_view::npos ? comma : dot;
    if (mark == std::string_view::npos)
        return 0;
    const char c = v[mark];
    if (v.find(c) != mark)
        return c == ',' ? '.' : ',';  // repeated: a thousands separator
    std::size_t digits = 0;
    while (mark + 1 + digits < v.size() && std::isdigit(static_cast<unsigned char>(v[mark + 1 + digits])))
        ++digits;
    return digits != 3 ? c : 0;
}

// The decimal mark most numbers of the columns vote for; without a vote, the
// comma in a ';'- or tab-separated table (where it need not be quoted), else
// the point. The other mark, where numbers have it, separates thousands.
NumberFormat detectNumbers(const Rows& rows, const std::vector<int>& columns, char delimiter, char decimal)
{
    std::size_t commaVotes = 0, dotVotes = 0;
    bool sawComma = false, sawDot = false;
    for (const auto& row : rows) {
        for (int column : columns) {
            if (column < 0 || static_cast<std::size_t>(column) >= row.size())
                continue;
            const std::string& v = row[static_cast<std::size_t>(column)];
            sawComma |= v.find(',') != std::string::npos;
            sawDot |= v.find('.') != std::string::npos;
            const char mark = decimalMarkOf(v);
            commaVotes += mark == ',';
            dotVotes += mark == '.';
        }
    }
    NumberFormat format;
    if (decimal)
        format.decimal = decimal;
    else if (commaVotes != dotVotes)
        format.decimal = commaVotes > dotVotes ? ',' : '.';
    else if (sawComma && delimiter != ',')
        format.decimal = ',';
    const bool other = format.decimal == '.' ? sawComma : sawDot;
    format.thousands = other ? (format.decimal == '.' ? ',' : '.') : 0;
    return format;
}

std::string joinedNames(const std::vector<std::string>& names)
{
    std::string list;
    for (const auto& n : names)
        list += (list.empty() ? "" : ", ") + n;
    return list;
}

// The column a ColumnChoice means; -1 with `problem` set when there is none.
int resolveColumn(const ColumnChoice& choice, const std::vector<std::string>& names, const char* role,
                  std::string& problem)
{
    if (choice.number > 0) {
        if (static_cast<std::size_t>(choice.number) <= names.size())
            return choice.number - 1;
        problem = "--columns " + std::string(role) + "=" + std::to_string(choice.number) + ": the table has only "
                  + std::to_string(names.size()) + " columns";
        return -1;
    }
    for (std::size_t i = 0; i < names.size(); ++i)
        if (lowerCase(names[i]) == lowerCase(choice.name))
            return static_cast<int>(i);
    problem = "--columns " + std::string(role) + "=" + choice.name + ": no such column (the columns are "
              + joinedNames(names) + ")";
    return -1;
}

template <std::size_t N>
int columnNamed(const std::vector<std::string>& normalized, const std::array<std::string_view, N>& names)
{
    for (std::string_view name : names)
        for (std::size_t i = 0; i < normalized.size(); ++i)
            if (normalized[i] == name)
                return static_cast<int>(i);
    return -1;
}

std::vector<std::string_view> valuesOf(const Rows& rows, int column)
{
    std::vector<std::string_view> values;
    for (const auto& row : rows)
        if (static_cast<std::size_t>(column) < row.size() && !row[static_cast<std::size_t>(column)].empty())
            values.push_back(row[static_cast<std::size_t>(column)]);
    return values;
}

// The candidate reading the most of `values`; sets `problem` when none reads
// any or a day-first and a month-first one read them all alike.
DateFormat detectDates(const std::vector<std::string_view>& values, const std::string& columnName, bool& allRead,
                       bool& ambiguous, std::string& problem)
{
    const auto candidates = DateFormat::candidates();
    std::vector<std::size_t> hits;
    for (const DateFormat& f : candidates)
        hits.push_back(static_cast<std::size_t>(
            std::count_if(values.begin(), values.end(), [&](std::string_view v) { return f.parse(v).has_value(); })));
    const auto best = static_cast<std::size_t>(std::max_element(hits.begin(), hits.end()) - hits.begin());
    allRead = hits[best] == values.size();
    if (values.empty())
        return {};
    if (hits[best] == 0) {
        problem = "the dates in column " + columnName + " (such as '" + std::string(values.front())
                  + "') are in no format known; give theirs with --date-format, such as --date-format %d.%m.%Y";
        return {};
    }
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (hits[i] == hits[best] && candidates[i].isDayMonthTwinOf(candidates[best])) {
            ambiguous = true;
            problem = "the dates in column " + columnName + " (such as '" + std::string(values.front())
                      + "') could be day/month or month/day; say which with --date-format %d/%m/%Y or "
                        "--date-format %m/%d/%Y";
            return {};
        }
    }
    return candidates[best];
}

// The layout: as told, else long with a symbol column, one stock with a
// close column, else wide when two or more columns are headed like tickers.
// `otherColumns` (all but the date and symbol columns) keeps those a wide
// table reads. Returns whether that was a guess.
bool settleLayout(TableFormat& format, TableLayout layout, std::vector<int>& otherColumns)
{
    format.layout = layout;
    bool guessed = false;
    if (format.layout == TableLayout::Auto) {
        if (format.symbolColumn >= 0 && format.closeColumn >= 0)
            format.layout = TableLayout::Long;
        else if (format.closeColumn >= 0)
            format.layout = TableLayout::Single;
        else if (std::count_if(otherColumns.begin(), otherColumns.end(), [&](int c) {
                     return format.hasHeader && looksLikeTicker(format.columnNames[static_cast<std::size_t>(c)]);
                 }) >= 2) {
            format.layout = TableLayout::Wide;
            guessed = true;
            std::erase_if(otherColumns,
                          [&](int c) { return !looksLikeTicker(format.columnNames[static_cast<std::size_t>(c)]); });
        } else if (otherColumns.size() == 1) {
            format.layout = TableLayout::Single;
            format.closeColumn = otherColumns.front();
            guessed = true;
        }
    }
    switch (format.layout) {
    case TableLayout::Auto:
    case TableLayout::Single:
        format.layout = TableLayout::Single;
        format.symbolColumn = -1;
        break;
    case TableLayout::Long:
        if (format.symbolColumn < 0)
            format.problem = "a long table needs a symbol column; name it with --columns symbol=NAME|N";
        break;
    case TableLayout::Wide:
        format.closeColumn = -1;
        format.symbolColumn = -1;
        format.stockColumns = otherColumns;
        for (int c : otherColumns) {
            format.stockNames.push_back(lowerCase(format.columnNames[static_cast<std::size_t>(c)]));
            if (!isValidStockName(format.stockNames.back()))
                format.problem = "column " + std::to_string(c + 1) + "'s header is no stock name (1 to 64 bytes of text)";
        }
        if (format.stockColumns.empty())
            format.problem = "a wide table needs a column per stock beside its date column";
        break;
    }
    return guessed;
}

} // namespace

std::string TableSniffer::normalizedName(std::string_view name)
{
    std::string out;
    for (char c : name)
        if (c != ' ' && c != '_' && c != '-' && c != '.' && c != '*' && c != '"')
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool TableSniffer::isJsonLines(std::span<const std::string> lines)
{
    const auto first = std::find_if_not(lines.begin(), lines.end(), [](const std::string& l) { return isBlank(l); });
    return first != lines.end() && (*first)[first->find_first_not_of(" \t")] == '{';
}

bool TableSniffer::isDatasetCsv(std::span<const std::string> lines)
{
    auto line = std::find_if_not(lines.begin(), lines.end(), [](const std::string& l) { return isBlank(l); });
    if (line == lines.end())
        return true;
    std::vector<std::string> fields;
    CsvFields::split(*line, ',', fields);
    if (timestamp::parse(fields.front()))
        return fields.size() >= 7;  // the dataset's columns, with or without Stock
    int dateColumn = -1, volumeColumn = -1;
    bool hasClose = false;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string name = normalizedName(fields[i]);
        if (!isOneOf(name, kDatasetNames) && name != "stock")
            return false;
        if (dateColumn < 0 && (name == "date" || name == "timestamp"))
            dateColumn = static_cast<int>(i);
        if (name == "volume")
            volumeColumn = static_cast<int>(i);
        hasClose |= name == "close" || name == "price";
    }
    if (dateColumn < 0 || !hasClose)
        return false;
    // Two rows out of order are damage, refused row by row; a run of rows
    // going back in time is a newest-first export, which the general reader turns round.
    std::vector<Timestamp> firstDates;
    for (++line; line != lines.end() && firstDates.size() < 3; ++line) {
        if (isBlank(*line))
            continue;
        CsvFields::split(*line, ',', fields);
        const auto t = static_cast<std::size_t>(dateColumn) < fields.size()
                           ? timestamp::parse(fields[static_cast<std::size_t>(dateColumn)])
                           : std::nullopt;
        // The dataset's dates are ISO; a first row of others is for the general reader.
        if (!t)
            return !firstDates.empty();
        firstDates.push_back(*t);
        // So is a download's volume such as "1.2B", which the dataset's reader would refuse the row for.
        if (static_cast<std::size_t>(volumeColumn) < fields.size()) {
            const std::string& volume = fields[static_cast<std::size_t>(volumeColumn)];
            if (!volume.empty() && std::string_view("KMBkmb").find(volume.back()) != std::string_view::npos)
                return false;
        }
    }
    return !(firstDates.size() == 3 && firstDates[0] > firstDates[1] && firstDates[1] > firstDates[2]);
}

TableFormat TableSniffer::detect(std::span<const std::string> lines, const TableOptions& options)
{
    TableFormat format;
    // What the user said stands even where detection stops short.
    if (options.layout != TableLayout::Auto)
        format.layout = options.layout;
    std::vector<std::string_view> text;
    for (const std::string& line : lines)
        if (!isBlank(line))
            text.push_back(line);
    if (text.empty())
        return format;

    format.delimiter = options.delimiter ? options.delimiter : detectDelimiter(text);
    Rows rows(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
        CsvFields::split(text[i], format.delimiter, rows[i]);

    // A header names its columns: no date in it, and not all numbers.
    const auto& first = rows.front();
    format.hasHeader = std::none_of(first.begin(), first.end(), parsesAsCalendarDate)
                       && !std::all_of(first.begin(), first.end(), looksNumeric);
    std::size_t columnCount = 0;
    for (const auto& row : rows)
        columnCount = std::max(columnCount, row.size());
    for (std::size_t i = 0; i < columnCount; ++i)
        format.columnNames.push_back(format.hasHeader && i < first.size() && !first[i].empty()
                                         ? first[i]
                                         : "column " + std::to_string(i + 1));
    if (format.hasHeader)
        rows.erase(rows.begin());
    std::vector<std::string> normalized;
    for (const auto& name : format.columnNames)
        normalized.push_back(format.hasHeader ? normalizedName(name) : std::string());

    std::string& problem = format.problem;
    bool guessed = !format.hasHeader;

    // The date column: as told, by name, or the first whose values read as dates.
    if (options.date.isSet())
        format.dateColumn = resolveColumn(options.date, format.columnNames, "date", problem);
    else if ((format.dateColumn = columnNamed(normalized, kDateNames)) < 0) {
        guessed = true;
        for (std::size_t c = 0; c < columnCount && format.dateColumn < 0; ++c) {
            const auto values = valuesOf(rows, static_cast<int>(c));
            const auto dated = std::count_if(values.begin(), values.end(), parsesAsCalendarDate);
            if (!values.empty() && static_cast<std::size_t>(dated) * 2 > values.size())
                format.dateColumn = static_cast<int>(c);
        }
        if (format.dateColumn < 0 && problem.empty())
            problem = "first line is neither a header with Date and Close columns nor a price row"
                      + std::string(kNamesHint);
    }
    if (!problem.empty())
        return format;

    if (!options.dateFormat.empty()) {
        format.dates = *DateFormat::compile(options.dateFormat);
    } else {
        bool allRead = true;
        format.dates = detectDates(valuesOf(rows, format.dateColumn),
                                   format.columnNames[static_cast<std::size_t>(format.dateColumn)], allRead,
                                   format.datesAmbiguous, problem);
        guessed |= !allRead;
        if (!problem.empty())
            return format;
    }

    if (options.symbol.isSet())
        format.symbolColumn = resolveColumn(options.symbol, format.columnNames, "symbol", problem);
    else if (options.layout == TableLayout::Auto || options.layout == TableLayout::Long)
        format.symbolColumn = columnNamed(normalized, kSymbolNames);

    if (options.close.isSet()) {
        format.closeColumn = resolveColumn(options.close, format.columnNames, "close", problem);
    } else {
        format.closeColumn = columnNamed(normalized, kCloseNames);
        const int adjusted = columnNamed(normalized, kAdjustedCloseNames);
        if (format.closeColumn < 0)
            format.closeColumn = adjusted;
        else if (adjusted >= 0)
            format.notes.push_back("closes from column " + format.columnNames[static_cast<std::size_t>(format.closeColumn)]
                                   + "; for adjusted closes, which returns are best computed from, use --columns close=\""
                                   + format.columnNames[static_cast<std::size_t>(adjusted)] + "\"");
    }
    if (!problem.empty())
        return format;

    std::vector<int> otherColumns;
    for (std::size_t c = 0; c < format.columnNames.size(); ++c)
        if (static_cast<int>(c) != format.dateColumn && static_cast<int>(c) != format.symbolColumn)
            otherColumns.push_back(static_cast<int>(c));
    guessed |= settleLayout(format, options.layout, otherColumns);
    if (format.layout != TableLayout::Wide && format.closeColumn < 0 && problem.empty())
        problem = "no close column among " + joinedNames(format.columnNames)
                  + "; name it with --columns close=NAME|N, or read a column per stock with --layout wide";
    // The decimal mark from the prices; from every other column while the close column is unknown.
    const std::vector<int> priced = format.layout == TableLayout::Wide ? format.stockColumns
                                    : format.closeColumn >= 0         ? std::vector<int>{format.closeColumn}
                                                                      : otherColumns;
    format.numbers = detectNumbers(rows, priced, format.delimiter, options.decimal);
    format.certain = !guessed || !options.isDefault();
    return format;
}

std::vector<std::string> TableSniffer::sampleOf(const std::string& path, std::size_t count, std::string* error)
{
    std::vector<std::string> lines;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (error)
            *error = std::strerror(errno);
        return lines;
    }
    LineReader reader(fd, true);
    LineReader::Line line;
    while (lines.size() < count && reader.next(line))
        lines.emplace_back(line.overlong ? std::string_view() : line.text);
    if (error && !reader.error().empty())
        *error = reader.error();
    return lines;
}

} // namespace ss
