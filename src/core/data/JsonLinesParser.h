#pragma once

#include "TickRecord.h"

#include <string>

namespace ss {

// Parses one tick per line as the thesis's Kafka topic `test` carries them:
// {"stock": "jnj.us", "price": 0.5941, "date": "1970-01-19T00:00:00.000+01:00"}
// "close" is accepted for "price"; other keys (open, high, low, volume, ...)
// are ignored. Only flat objects: nesting beyond a shallow array is refused
// so that no line can make the parser recurse without bound.
class JsonLinesParser {
public:
    LineKind parse(std::string_view line, TickRecord& out, const char*& why);

private:
    std::string stock_;  // unescaped stock name, owned between calls
    std::string date_;
};

} // namespace ss
