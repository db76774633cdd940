#include "TableOptions.h"

#include "DateFormat.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace ss {

namespace {

constexpr std::array<TableLayout, 4> kLayouts = {TableLayout::Auto, TableLayout::Single, TableLayout::Long,
                                                 TableLayout::Wide};

ColumnChoice readColumn(std::string_view text)
{
    int number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc() && end == text.data() + text.size() && number > 0)
        return {{}, number};
    return {std::string(text), 0};
}

} // namespace

bool TableOptions::setColumns(std::string_view spec, std::string& error)
{
    ColumnChoice* const roles[] = {&date, &close, &symbol};
    constexpr std::string_view kRoles[] = {"date", "close", "symbol"};
    while (!spec.empty()) {
        const auto comma = spec.find(',');
        const std::string_view item = spec.substr(0, comma);
        spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
        const auto equals = item.find('=');
        const std::string_view role = item.substr(0, equals);
        const auto known = static_cast<std::size_t>(std::find(std::begin(kRoles), std::end(kRoles), role) - std::begin(kRoles));
        if (equals == std::string_view::npos || equals + 1 == item.size() || known == std::size(kRoles)) {
            error = "--columns takes date=NAME|N,close=NAME|N[,symbol=NAME|N], not '" + std::string(item) + "'";
            return false;
        }
        *roles[known] = readColumn(item.substr(equals + 1));
    }
    return true;
}

std::string TableOptions::columnsSpec() const
{
    std::string spec;
    const auto add = [&](const char* role, const ColumnChoice& column) {
        if (!column.isSet())
            return;
        if (!spec.empty())
            spec += ',';
        spec.append(role).append("=").append(column.spelling());
    };
    add("date", date);
    add("close", close);
    add("symbol", symbol);
    return spec;
}

bool TableOptions::setDateFormat(std::string_view pattern, std::string& error)
{
    if (!DateFormat::compile(pattern, &error)) {
        error = "--date-format: " + error;
        return false;
    }
    dateFormat = pattern;
    return true;
}

bool TableOptions::setDelimiter(std::string_view text, std::string& error)
{
    if (text == "tab" || text == "\\t" || text == "\t")
        delimiter = '\t';
    else if (text == "," || text == ";" || text == "|")
        delimiter = text.front();
    else {
        error = "--delimiter takes , ; | or tab, not '" + std::string(text) + "'";
        return false;
    }
    return true;
}

bool TableOptions::setDecimal(std::string_view text, std::string& error)
{
    if (text != "." && text != ",") {
        error = "--decimal takes . or , not '" + std::string(text) + "'";
        return false;
    }
    decimal = text.front();
    return true;
}

bool TableOptions::setLayout(std::string_view text, std::string& error)
{
    for (TableLayout l : kLayouts) {
        if (text == layoutName(l)) {
            layout = l;
            return true;
        }
    }
    error = "--layout takes auto, single, long or wide, not '" + std::string(text) + "'";
    return false;
}

const char* TableOptions::layoutName(TableLayout layout)
{
    switch (layout) {
    case TableLayout::Auto: return "auto";
    case TableLayout::Single: return "single";
    case TableLayout::Long: return "long";
    case TableLayout::Wide: return "wide";
    }
    return "auto";
}

} // namespace ss
