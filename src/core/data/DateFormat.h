#pragma once

#include "Timestamp.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ss {

// A date column's spelling, in a small strftime-like pattern language:
//   %Y  four-digit year            %m  month, one or two digits
//   %d  day, one or two digits     %b  English month name ("Jan", "January")
//   %H %M %S  hour, minute, second %s  Unix seconds (up to 11 digits)
//   %Q  Unix milliseconds          %%  a percent sign
// A space stands for one or more spaces; any other character for itself.
// Unless the pattern reads a time itself, a date may be followed by an ISO
// time ("T09:30:00", " 09:30", with or without an offset), kept as written
// like every other timestamp.
class DateFormat {
public:
    DateFormat() = default;

    // nullopt with *error set when the pattern reads no date.
    static std::optional<DateFormat> compile(std::string_view pattern, std::string* error = nullptr);

    // The patterns detection tries, in order of preference.
    static std::span<const DateFormat> candidates();

    std::optional<Timestamp> parse(std::string_view text) const;
    const std::string& pattern() const { return pattern_; }

    // Day-first and month-first spellings of the same separators: a column
    // both read is ambiguous until a value above 12 decides it.
    bool isDayMonthTwinOf(const DateFormat& other) const;

private:
    explicit DateFormat(std::string pattern);

    std::string pattern_;
    bool iso_ = false;  // "%Y-%m-%d": the dataset's own, parsed by timestamp::parse
    bool readsTime_ = false;
};

} // namespace ss
