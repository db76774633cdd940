#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <optional>

namespace ss::loggedClose {

// Prices are quoted in at most four decimals almost everywhere, and SQLite
// stores a small integer in 1 to 4 bytes against a double's 8: a close the
// log keeps is the integer of ten-thousandths when dividing it back gives
// the very same double, and the double itself otherwise. Either way it
// reads back bit for bit.
inline constexpr double kScale = 10000;

inline std::optional<std::int64_t> scaled(double close)
{
    // Past 2^53 not every integer is a double; the check below would
    // still hold, but llround's range ends there too.
    if (!std::isfinite(close) || std::fabs(close) >= 9.0e15 / kScale)
        return std::nullopt;
    const std::int64_t units = std::llround(close * kScale);
    if (std::bit_cast<std::uint64_t>(static_cast<double>(units) / kScale) != std::bit_cast<std::uint64_t>(close))
        return std::nullopt;
    return units;
}

inline double unscaled(std::int64_t units)
{
    return static_cast<double>(units) / kScale;
}

} // namespace ss::loggedClose
