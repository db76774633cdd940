#include "NumberFormat.h"

#include "DecimalParser.h"

#include <array>

namespace ss {

namespace {

constexpr std::array<std::string_view, 6> kCurrencySigns = {"$", "\xE2\x82\xAC" /* € */, "\xC2\xA3" /* £ */,
                                                            "\xC2\xA5" /* ¥ */, "US$", "USD"};

std::string_view trimSpaces(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string_view stripCurrency(std::string_view s)
{
    for (std::string_view sign : kCurrencySigns) {
        if (s.starts_with(sign))
            return trimSpaces(s.substr(sign.size()));
        if (s.ends_with(sign))
            return trimSpaces(s.substr(0, s.size() - sign.size()));
    }
    return s;
}

} // namespace

bool NumberFormat::parse(std::string_view field, double& value) const
{
    field = stripCurrency(trimSpaces(field));
    if (decimal == '.' && thousands == 0)
        return parseDecimal(field, value);
    // Rewritten the C way into a short buffer: prices are a few dozen characters at most.
    char buffer[64];
    std::size_t n = 0;
    for (char c : field) {
        if (c == thousands)
            continue;
        if (n == sizeof buffer)
            return false;
        buffer[n++] = c == decimal ? '.' : c == '.' ? ',' : c;
    }
    return parseDecimal(std::string_view(buffer, n), value);
}

} // namespace ss
