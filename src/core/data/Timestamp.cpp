#include "Timestamp.h"

#include <cstdio>

namespace ss::timestamp {

namespace {

// Howard Hinnant's days_from_civil: proleptic Gregorian, valid far beyond
// the dataset's 1962-2017 range.
constexpr std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month;
    unsigned day;
};

constexpr Civil civilFromDays(std::int64_t z)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

constexpr bool isLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Reads exactly n digits at pos; -1 when any is not a digit.
int digits(std::string_view s, std::size_t pos, std::size_t n)
{
    if (pos + n > s.size())
        return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

bool parseZone(std::string_view z)
{
    if (z.empty() || z == "Z")
        return true;
    if (z[0] != '+' && z[0] != '-')
        return false;
    z.remove_prefix(1);
    if (digits(z, 0, 2) < 0 || digits(z, 0, 2) > 23)
        return false;
    if (z.size() == 2)
        return true;
    std::size_t mm = 2;
    if (z[2] == ':')
        mm = 3;
    return z.size() == mm + 2 && digits(z, mm, 2) >= 0 && digits(z, mm, 2) < 60;
}

} // namespace

int daysInMonth(int year, int month)
{
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeap(year) ? 29 : days[month - 1];
}

Timestamp fromCivil(int year, int month, int day, int hour, int minute, int second)
{
    return daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * kSecondsPerDay
           + hour * 3600 + minute * 60 + second;
}

std::optional<Timestamp> parse(std::string_view s)
{
    const int year = digits(s, 0, 4);
    const int month = digits(s, 5, 2);
    const int day = digits(s, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || s[4] != '-' || s[7] != '-'
        || day > daysInMonth(year, month))
        return std::nullopt;
    if (s.size() == 10)
        return fromCivil(year, month, day);

    if (s[10] != 'T' && s[10] != ' ')
        return std::nullopt;
    const int hour = digits(s, 11, 2);
    const int minute = digits(s, 14, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || s.size() < 16 || s[13] != ':')
        return std::nullopt;
    std::size_t pos = 16;
    int second = 0;
    if (pos < s.size() && s[pos] == ':') {
        second = digits(s, pos + 1, 2);
        if (second < 0 || second > 59)
            return std::nullopt;
        pos += 3;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            std::size_t end = pos + 1;
            while (end < s.size() && s[end] >= '0' && s[end] <= '9')
                ++end;
            if (end == pos + 1)
                return std::nullopt;
            pos = end;
        }
    }
    if (!parseZone(s.substr(pos)))
        return std::nullopt;
    return fromCivil(year, month, day, hour, minute, second);
}

std::string formatDate(Timestamp t)
{
    std::int64_t days = t / kSecondsPerDay;
    if (t % kSecondsPerDay < 0)
        --days;
    const Civil c = civilFromDays(days);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
    return buf;
}

std::string format(Timestamp t)
{
    std::int64_t secs = t % kSecondsPerDay;
    if (secs < 0)
        secs += kSecondsPerDay;
    if (secs == 0)
        return formatDate(t);
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    return formatDate(t) + buf;
}

} // namespace ss::timestamp
