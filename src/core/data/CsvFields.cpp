#include "CsvFields.h"

namespace ss {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t'; }

} // namespace

bool CsvFields::split(std::string_view line, char delimiter, std::vector<std::string>& fields)
{
    std::size_t count = 0;
    std::size_t pos = 0;
    for (;;) {
        if (fields.size() == count)
            fields.emplace_back();
        std::string& field = fields[count++];
        field.clear();
        while (pos < line.size() && line[pos] != delimiter && isSpace(line[pos]))
            ++pos;
        if (pos < line.size() && line[pos] == '"') {
            for (++pos;; ++pos) {
                if (pos >= line.size()) {
                    fields.resize(count);
                    return false;
                }
                if (line[pos] == '"') {
                    if (pos + 1 < line.size() && line[pos + 1] == '"')
                        ++pos;
                    else
                        break;
                }
                field += line[pos];
            }
            ++pos;
            // Whatever stands between the closing quote and the delimiter is kept, as spreadsheets do.
            while (pos < line.size() && line[pos] != delimiter)
                field += line[pos++];
        } else {
            const auto stop = line.find(delimiter, pos);
            field.assign(line.substr(pos, stop == std::string_view::npos ? std::string_view::npos : stop - pos));
            pos = stop == std::string_view::npos ? line.size() : stop;
        }
        while (!field.empty() && isSpace(field.back()))
            field.pop_back();
        if (pos >= line.size())
            break;
        ++pos;  // the delimiter
    }
    fields.resize(count);
    return true;
}

} // namespace ss
