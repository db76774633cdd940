#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ss {

// Seconds since 1970-01-01T00:00:00 of the wall clock *as written* in the
// data. Offsets such as "+01:00" are deliberately dropped: they describe the
// machine that exported the file, and honouring them would move
// 1962-01-02T00:00:00+01:00 into January 1st.
using Timestamp = std::int64_t;

namespace timestamp {

constexpr Timestamp kSecondsPerDay = 86400;

// Accepts "YYYY-MM-DD", optionally followed by 'T' or ' ' and
// "HH:MM[:SS[.fraction]]" and a zone designator ("Z", "+HH:MM", "-HHMM").
// Fractions of a second are truncated.
std::optional<Timestamp> parse(std::string_view text);

int daysInMonth(int year, int month);

Timestamp fromCivil(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

// "YYYY-MM-DD"
std::string formatDate(Timestamp t);
// "YYYY-MM-DD" for midnight, "YYYY-MM-DDTHH:MM:SS" otherwise.
std::string format(Timestamp t);

} // namespace timestamp
} // namespace ss
