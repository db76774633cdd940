#include "DateFormat.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>

namespace ss {

namespace {

// Reads minDigits..maxDigits digits at pos; -1 when there are fewer.
int readNumber(std::string_view s, std::size_t& pos, std::size_t minDigits, std::size_t maxDigits)
{
    int value = 0;
    std::size_t n = 0;
    for (; n < maxDigits && pos + n < s.size() && std::isdigit(static_cast<unsigned char>(s[pos + n])); ++n)
        value = value * 10 + (s[pos + n] - '0');
    if (n < minDigits)
        return -1;
    pos += n;
    return value;
}

// "Jan", "jan", "January", "Sept": 1..12, or -1.
int readMonthName(std::string_view s, std::size_t& pos)
{
    static constexpr std::array<std::string_view, 12> kNames = {"january", "february", "march",     "april",
                                                                "may",     "june",     "july",      "august",
                                                                "september", "october", "november", "december"};
    std::size_t end = pos;
    while (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end])))
        ++end;
    std::string word(s.substr(pos, end - pos));
    for (char& c : word)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word.size() < 3)
        return -1;
    for (std::size_t m = 0; m < kNames.size(); ++m) {
        if (kNames[m].starts_with(word)) {
            pos = end;
            return static_cast<int>(m) + 1;
        }
    }
    return -1;
}

std::optional<Timestamp> readEpoch(std::string_view s, std::size_t maxDigits, std::int64_t perSecond)
{
    const bool negative = !s.empty() && s.front() == '-';
    s.remove_prefix(negative);
    if (s.empty() || s.size() > maxDigits)
        return std::nullopt;
    std::int64_t value = 0;
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    value = negative ? -value : value;
    // Floor, so a millisecond before 1970 falls in 1969's last second.
    return value / perSecond - (value % perSecond < 0);
}

} // namespace

DateFormat::DateFormat(std::string pattern)
    : pattern_(std::move(pattern)), iso_(pattern_ == "%Y-%m-%d"),
      readsTime_(pattern_.find("%H") != std::string::npos)
{
}

std::optional<DateFormat> DateFormat::compile(std::string_view pattern, std::string* error)
{
    const bool epoch = pattern == "%s" || pattern == "%Q";
    const bool hasDate = pattern.find("%Y") != std::string_view::npos && pattern.find("%d") != std::string_view::npos
                         && (pattern.find("%m") != std::string_view::npos || pattern.find("%b") != std::string_view::npos);
    if (!epoch && !hasDate) {
        if (error)
            *error = "date format '" + std::string(pattern)
                     + "' needs %Y, %m or %b, and %d (or is %s or %Q alone), such as %d.%m.%Y";
        return std::nullopt;
    }
    return DateFormat(std::string(pattern));
}

std::span<const DateFormat> DateFormat::candidates()
{
    static const std::array<DateFormat, 12> kCandidates = {
        DateFormat("%Y-%m-%d"), DateFormat("%Y/%m/%d"),  DateFormat("%m/%d/%Y"),   DateFormat("%d/%m/%Y"),
        DateFormat("%d.%m.%Y"), DateFormat("%b %d, %Y"), DateFormat("%b %d %Y"),   DateFormat("%d-%b-%Y"),
        DateFormat("%d %b %Y"), DateFormat("%Y%m%d"),    DateFormat("%s"),         DateFormat("%Q"),
    };
    return kCandidates;
}

bool DateFormat::isDayMonthTwinOf(const DateFormat& other) const
{
    return (pattern_ == "%m/%d/%Y" && other.pattern_ == "%d/%m/%Y")
           || (pattern_ == "%d/%m/%Y" && other.pattern_ == "%m/%d/%Y");
}

std::optional<Timestamp> DateFormat::parse(std::string_view s) const
{
    if (iso_)
        return timestamp::parse(s);
    if (pattern_ == "%s")
        return readEpoch(s, 11, 1);
    if (pattern_ == "%Q")
        return readEpoch(s, 14, 1000);

    int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0;
    std::size_t pos = 0;
    for (std::size_t k = 0; k < pattern_.size(); ++k) {
        const char c = pattern_[k];
        if (c == '%' && k + 1 < pattern_.size()) {
            int value = 0;
            switch (pattern_[++k]) {
            case 'Y': value = year = readNumber(s, pos, 4, 4); break;
            case 'm': value = month = readNumber(s, pos, 1, 2); break;
            case 'd': value = day = readNumber(s, pos, 1, 2); break;
            case 'H': value = hour = readNumber(s, pos, 1, 2); break;
            case 'M': value = minute = readNumber(s, pos, 2, 2); break;
            case 'S': value = second = readNumber(s, pos, 2, 2); break;
            case 'b': value = month = readMonthName(s, pos); break;
            default:
                if (pos >= s.size() || s[pos] != pattern_[k])
                    return std::nullopt;
                ++pos;
            }
            if (value < 0)
                return std::nullopt;
        } else if (c == ' ') {
            if (pos >= s.size() || s[pos] != ' ')
                return std::nullopt;
            while (pos < s.size() && s[pos] == ' ')
                ++pos;
        } else {
            if (pos >= s.size() || s[pos] != c)
                return std::nullopt;
            ++pos;
        }
    }
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > timestamp::daysInMonth(year, month) || hour > 23
        || minute > 59 || second > 59)
        return std::nullopt;
    const std::string_view rest = s.substr(pos);
    if (rest.empty())
        return timestamp::fromCivil(year, month, day, hour, minute, second);
    if (readsTime_ || (rest.front() != 'T' && rest.front() != ' '))
        return std::nullopt;
    // The time, offset and all, is read the way the dataset's ISO stamps are.
    char iso[11];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
    return timestamp::parse(std::string(iso, 10) + std::string(rest));
}

} // namespace ss
