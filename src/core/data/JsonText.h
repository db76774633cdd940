#pragma once

#include <string>
#include <string_view>

namespace ss::json {

// The pieces of JSON text the program writes by hand (a library's DOM would
// cost more than the replay itself). Numbers take their shortest form that
// reads back to the same double; a non-finite one becomes null.
void appendString(std::string& out, std::string_view text);
void appendNumber(std::string& out, double value);

} // namespace ss::json
