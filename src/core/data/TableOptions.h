#pragma once

#include <string>
#include <string_view>

namespace ss {

enum class TableLayout { Auto, Single, Long, Wide };

// A column the user names: by its header, or by its 1-based number.
struct ColumnChoice {
    std::string name;
    int number = 0;  // 0 when chosen by name

    bool isSet() const { return number > 0 || !name.empty(); }
    std::string spelling() const { return number > 0 ? std::to_string(number) : name; }
    bool operator==(const ColumnChoice&) const = default;
};

// What the user says about a table where detection guesses wrong or cannot
// tell: the command line's --columns, --date-format, --delimiter, --decimal
// and --layout, and the import preview's choices. Unset fields are detected.
struct TableOptions {
    ColumnChoice date, close, symbol;
    std::string dateFormat;  // DateFormat's pattern language; empty: detect
    char delimiter = 0;      // 0: detect
    char decimal = 0;        // 0: detect
    TableLayout layout = TableLayout::Auto;

    bool isDefault() const { return *this == TableOptions{}; }
    bool operator==(const TableOptions&) const = default;

    // Each reads its option's spelling; false with `error` set (naming the
    // option) when the value is not one it takes.
    bool setColumns(std::string_view spec, std::string& error);  // date=NAME|N,close=NAME|N[,symbol=NAME|N]
    bool setDateFormat(std::string_view pattern, std::string& error);
    bool setDelimiter(std::string_view text, std::string& error);  // , ; | or tab
    bool setDecimal(std::string_view text, std::string& error);    // . or ,
    bool setLayout(std::string_view text, std::string& error);     // auto|single|long|wide

    // The spellings the setters read back.
    std::string columnsSpec() const;
    std::string delimiterSpec() const { return delimiter == '\t' ? "tab" : std::string(delimiter ? 1 : 0, delimiter); }
    std::string decimalSpec() const { return std::string(decimal ? 1 : 0, decimal); }
    static const char* layoutName(TableLayout layout);
};

} // namespace ss
