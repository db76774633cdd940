#pragma once

#include "PredictionRecord.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace ss {

// A call as the prediction log keeps it (PredictionLog.h), before what it
// shares with its stock's neighbouring calls is put back.
struct StoredCall {
    Timestamp time = 0;
    std::int64_t stock = 0;  // the log's id
    double margin = 0;
    bool up = false;
    std::optional<bool> actual;
    double nextClose = 0;                  // NaN while open
    std::optional<std::string_view> window;  // the call's own closes, when stored
    std::optional<double> pUp;               // when not the model's probability of the margin
    std::optional<Timestamp> resolvedTime;   // when not the time of the stock's next call
};

// Rebuilds calls from the lean rows of the log, one stock's calls in their
// order (interleaved with other stocks' as a run's stream has them): a
// call without a window of its own has its stock's previous call's window
// moved on by the close that resolved that call.
class CallChain {
public:
    // Fills `record` (all but its stock name) from `call`. False when the
    // call cannot be rebuilt: a stored window that is not 2 to 60 whole
    // closes, or none stored where the stock has no resolved call before
    // it. Only a damaged file holds such a call.
    bool follow(const StoredCall& call, FeatureTransform transform, PredictionRecord& record);

    // Fills `record` from `call` and its whole window (`call.window`), with
    // no previous call to follow: a stock's latest call.
    static bool read(const StoredCall& call, FeatureTransform transform, PredictionRecord& record);

private:
    struct Tail {
        std::array<double, features::kMaxWindow> window{};
        int size = 0;
        double nextClose = 0;
        bool open = true;
        bool up = false;
    };
    std::unordered_map<std::int64_t, Tail> tails_;
};

} // namespace ss
