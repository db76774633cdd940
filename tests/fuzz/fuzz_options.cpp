// Feeds arbitrary text to the validated numeric options of the command line
// and the API (--speed, "speed"): each is either refused or a rate the
// pacing can honour, never an infinity, a NaN or a value whose pacing
// arithmetic overflows.

#include "FuzzCheck.h"
#include "core/stream/ReplayRate.h"

#include <QString>

#include <cmath>
#include <cstdint>

using ss::ReplayRate;
using ss::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto rate = ReplayRate::parse(text);
    if (!rate)
        return 0;
    require(std::isfinite(*rate), "an accepted rate is finite");
    require(*rate == 0 ? text == QLatin1String("max") : ReplayRate::valid(*rate),
            "an accepted rate is max or within the range");
    // What the pacing computes from it: the records due after a day, and
    // the wait for the next one, stay within what a clock holds.
    if (*rate > 0) {
        require(*rate * 86400.0 < 1e18, "a day's records fit a counter");
        require(1.0 / *rate < 1e6, "the wait for one record is under a million seconds");
    }
    return 0;
}
