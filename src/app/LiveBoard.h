#pragma once

#include "StockHistory.h"
#include "core/model/ProgressiveEvaluator.h"
#include "core/stream/PredictionSink.h"
#include "core/stream/ReplaySnapshot.h"

#include <mutex>
#include <optional>
#include <vector>

namespace ss {

// What the window shows of a live feed, kept up to date by the feed's
// thread as a sink of its session and read by the window's whenever it
// redraws: every stock's latest call and tallies, and every call of each
// stock for its charts. The figures are the session's own calls and
// outcomes, judged by a ProgressiveEvaluator as the session's pipeline
// judges them.
//
// A live session's pipeline belongs to its thread, and that thread may sit
// in a wait for the next tick for any length of time; so rather than a
// snapshot taken by that thread on request (which an idle feed would never
// serve), each call and outcome is written here at once, under a mutex
// held for a few stores. The window's reads copy under the same mutex: the
// hand-off ThreadSanitizer sees.
class LiveBoard : public PredictionSink {
public:
    explicit LiveBoard(std::shared_ptr<const LogisticModel> model);

    // What the window draws: the stocks known so far, and the calls of
    // `watched` (a stock's index) if given.
    struct Frame {
        ReplaySnapshot snapshot;  // progress left to the caller, which knows the feed
        std::vector<ReportedCall> calls;
    };
    Frame frame(std::optional<std::size_t> watched) const;

    // The session's thread.
    void onPrediction(const Prediction& prediction) override;
    void onResolution(const Resolution& resolution) override;

private:
    void grow(std::size_t stock);

    std::shared_ptr<const LogisticModel> model_;
    mutable std::mutex mutex_;
    // Guarded by mutex_.
    std::vector<StockStatus> stocks_;
    ProgressiveEvaluator evaluator_;
    std::vector<std::vector<ReportedCall>> calls_;
};

} // namespace ss
