#pragma once

#include <string_view>

namespace ss {

// Parses a whole field as a finite double, correctly rounded. Prices in the
// data are short decimals ("6.3378"), for which Clinger's fast path is
// exact: a mantissa below 2^53 divided by an exact power of ten is one
// correctly rounded IEEE operation. Anything else (exponents, long digit
// strings) goes to std::from_chars. No locale, no leading '+', no spaces.
bool parseDecimal(std::string_view text, double& value);

// The same for a field that ends at `delimiter` or at `end`, read in one
// pass: returns where the field ends (the delimiter or end), or nullptr
// when the field is not a finite number.
const char* parseDecimalField(const char* begin, const char* end, char delimiter, double& value);

// Accepts exactly the fields parseDecimalField accepts, without computing
// the value: for a column that must hold a number but whose number is not
// kept, a short plain decimal is only scanned.
const char* skipDecimalField(const char* begin, const char* end, char delimiter);

} // namespace ss
