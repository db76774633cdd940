#include "DecimalParser.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace ss {

namespace {

constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr std::uint64_t kMaxExactMantissa = std::uint64_t{1} << 53;

bool parseSlow(const char* begin, const char* end, double& value)
{
    const auto [stop, ec] = std::from_chars(begin, end, value);
    return ec == std::errc() && stop == end && std::isfinite(value);
}

} // namespace

const char* parseDecimalField(const char* begin, const char* end, char delimiter, double& value)
{
    const char* p = begin;
    const bool negative = p != end && *p == '-';
    p += negative;
    std::uint64_t mantissa = 0;
    int digits = 0;
    int fraction = 0;
    for (; p != end && static_cast<unsigned>(*p - '0') < 10; ++p, ++digits)
        mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
    if (p != end && *p == '.') {
        const char* const dot = ++p;
        for (; p != end && static_cast<unsigned>(*p - '0') < 10; ++p, ++digits)
            mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
        fraction = static_cast<int>(p - dot);
    }
    const bool atDelimiter = p == end || *p == delimiter;
    if (atDelimiter && digits > 0 && digits <= 19 && mantissa <= kMaxExactMantissa && fraction <= 22) {
        const double magnitude = static_cast<double>(mantissa) / kPowersOfTen[fraction];
        value = negative ? -magnitude : magnitude;
        return p;
    }
    // Exponents, long mantissas: find the field's end and let from_chars decide.
    const auto* stop = static_cast<const char*>(std::memchr(p, delimiter, static_cast<std::size_t>(end - p)));
    if (!stop)
        stop = end;
    if (begin == stop || *begin == '+' || !parseSlow(begin, stop, value))
        return nullptr;
    return stop;
}

const char* skipDecimalField(const char* begin, const char* end, char delimiter)
{
    const char* p = begin + (begin != end && *begin == '-');
    const char* const digitsStart = p;
    while (p != end && static_cast<unsigned>(*p - '0') < 10)
        ++p;
    std::ptrdiff_t digits = p - digitsStart;
    if (p != end && *p == '.') {
        const char* const dot = ++p;
        while (p != end && static_cast<unsigned>(*p - '0') < 10)
            ++p;
        digits += p - dot;
    }
    // Up to 19 digits, no exponent: always a finite number, which either
    // of parseDecimalField's ways reads.
    if ((p == end || *p == delimiter) && digits > 0 && digits <= 19)
        return p;
    double value = 0;
    return parseDecimalField(begin, end, delimiter, value);
}

bool parseDecimal(std::string_view s, double& value)
{
    const char* const end = s.data() + s.size();
    return parseDecimalField(s.data(), end, '\0', value) == end && !s.empty();
}

} // namespace ss
