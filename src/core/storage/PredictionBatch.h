#pragma once

#include "core/data/Timestamp.h"
#include "core/stream/OnlineCall.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ss {

// A call as it travels from the replay to a log writer.
struct LoggedCall {
    std::size_t stock;        // the data's stock index
    Timestamp time;
    std::size_t windowAt;     // where its closes start in PredictionBatch::closes
    int windowSize;
    double margin;
    double pUp;
    bool up;
    std::int8_t actual;       // -1 while open, else 0 or 1
    Timestamp resolvedTime;
    double nextClose;         // the close that resolved it; meaningful when actual is set
    bool hasOnline;           // the learn-as-you-go models were on for this call
    OnlineCall online;
    // pUp is LogisticModel::probability(margin), as every call of the
    // engine's is: a writer then knows it follows the margin without
    // working out the exponential again, a tenth of a logged replay's time.
    bool pUpFromMargin = false;
};

// An outcome, in stream order. `call` indexes PredictionBatch::calls when
// the call was made in the same batch (its LoggedCall already carries the
// outcome); it is -1 for a call handed over in an earlier batch.
struct LoggedResolution {
    std::size_t stock;
    Timestamp callTime;
    Timestamp time;
    double close;
    bool actualUp;
    std::int64_t call;
};

// What the replay produced since the last hand-over: the unit a writer
// stores at once (the database commits one transaction per batch).
struct PredictionBatch {
    std::vector<LoggedCall> calls;               // in stream order
    std::vector<double> closes;                  // every call's window, back to back
    std::vector<LoggedResolution> resolutions;   // in stream order

    const double* window(const LoggedCall& call) const { return closes.data() + call.windowAt; }
    bool empty() const { return calls.empty() && resolutions.empty(); }
    void clear()
    {
        calls.clear();
        closes.clear();
        resolutions.clear();
    }
};

} // namespace ss
