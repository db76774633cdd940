#include "TableFlags.h"

namespace ss::cli {

TableFlags::TableFlags()
    : columns_("columns", "A table's date, close and symbol columns, by header or number from 1 (default: found by "
                          "their English names).", "date=NAME|N,close=NAME|N[,symbol=NAME|N]"),
      dateFormat_("date-format", "How the dates are written: %Y year, %m month, %d day, %b month name, %H:%M:%S "
                                 "time, %s Unix seconds, %Q Unix milliseconds (default: detected).", "FORMAT"),
      delimiter_("delimiter", "The table's field separator: , ; | or tab (default: detected).", "C"),
      decimal_("decimal", "The decimal mark: . or , (default: detected).", "C"),
      layout_("layout", "single (one stock), long (a symbol column), wide (a column per stock) or auto (default).",
              "auto|single|long|wide", "auto")
{
}

void TableFlags::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({columns_, dateFormat_, delimiter_, decimal_, layout_});
}

std::optional<TableOptions> TableFlags::read(const QCommandLineParser& parser, QString* error) const
{
    TableOptions options;
    std::string why;
    const auto set = [&](const QCommandLineOption& option, auto setter) {
        return !parser.isSet(option) || (options.*setter)(parser.value(option).toStdString(), why);
    };
    if (set(columns_, &TableOptions::setColumns) && set(dateFormat_, &TableOptions::setDateFormat)
        && set(delimiter_, &TableOptions::setDelimiter) && set(decimal_, &TableOptions::setDecimal)
        && set(layout_, &TableOptions::setLayout))
        return options;
    *error = QString::fromStdString(why);
    return std::nullopt;
}

} // namespace ss::cli
