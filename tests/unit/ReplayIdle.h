#pragma once

#include "core/stream/ReplayEngine.h"

#include <QTest>

#include <limits>

// The engine acts on a control between batches: waits until its count stops
// moving with the engine not playing. False on timeout.
inline bool replayIdle(const ss::ReplayEngine& engine, int timeoutMs = 20000)
{
    std::size_t last = std::numeric_limits<std::size_t>::max();
    return QTest::qWaitFor(
        [&] {
            const ss::ReplayProgress p = engine.progress();
            const bool idle = p.state != ss::ReplayState::Playing && p.processed == last;
            last = p.processed;
            return idle;
        },
        timeoutMs);
}
