#include "DecimalParser.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <bit>
#include <emmintrin.h>
#endif

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
#if defined(__SSE2__)
    // Sixteen bytes at once where there are that many: the field's length
    // varies row to row, and a loop that stops at its end mispredicts.
    if (end - begin >= 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin));
        const __m128i offset = _mm_sub_epi8(bytes, _mm_set1_epi8('0'));
        const auto mask = [](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)); };
        const unsigned digits = mask(_mm_cmpeq_epi8(_mm_min_epu8(offset, _mm_set1_epi8(9)), offset));
        const unsigned dots = mask(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('.')));
        const unsigned delimiters = mask(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(delimiter)));
        const unsigned sign = *begin == '-' ? 1u : 0u;
        const unsigned other = ~(digits | dots | sign) & 0xFFFFu;
        if (other != 0) {
            const int stop = std::countr_zero(other);
            const unsigned field = (1u << stop) - 1;
            // At most one dot: x & (x - 1) clears the lowest bit. Not
            // std::popcount, a library call in a build for any x86-64.
            const unsigned fieldDots = dots & field;
            if ((delimiters >> stop & 1) && (fieldDots & (fieldDots - 1)) == 0 && (digits & field) != 0)
                return begin + stop;
        }
    }
#endif
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
