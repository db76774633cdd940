#pragma once

#include "core/stream/ReplaySnapshot.h"

#include <QString>

namespace ss {

// The speed control's notches: from a few trading days a second, slow
// enough to watch each call, up to as fast as the machine goes.
class ReplaySpeed {
public:
    static int notchCount();
    static int defaultNotch();
    // Out-of-range notches are clamped, so a stale setting still means a speed.
    static Pace pace(int notch);
    static QString label(int notch);
};

} // namespace ss
