#include "TickLine.h"

#include "core/data/JsonText.h"

namespace ss {

void appendTickLine(std::string& out, std::string_view stock, Timestamp time, double price)
{
    out += "{\"stock\": ";
    json::appendString(out, stock);
    out += ", \"price\": ";
    json::appendNumber(out, price);
    out += ", \"date\": \"";
    out += timestamp::format(time);
    out += "\"}\n";
}

} // namespace ss
