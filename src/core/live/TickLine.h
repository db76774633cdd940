#pragma once

#include "core/data/Timestamp.h"

#include <string>
#include <string_view>

namespace ss {

// One tick as the thesis's topic `test` carries it, and as JsonLinesParser
// reads it back to the same stock, time and double:
// {"stock": "jnj.us", "price": 0.5941, "date": "1970-01-19"} and a newline.
// The date is written as the data holds it (to the second when not midnight).
void appendTickLine(std::string& out, std::string_view stock, Timestamp time, double price);

} // namespace ss
