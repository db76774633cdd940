#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ss {

// Splits one line of a delimited table into its fields, RFC 4180 style: a
// field may be quoted, a quoted field may hold the delimiter, and "" inside
// quotes is one quote. Spaces around a field are dropped. `fields` keeps its
// capacity from line to line.
class CsvFields {
public:
    // False when a quote is left open (a field spanning lines is not read).
    static bool split(std::string_view line, char delimiter, std::vector<std::string>& fields);
};

} // namespace ss
