#pragma once

#include "app/charts/StockHistory.h"
#include "core/stream/PredictionSink.h"
#include "core/stream/ReplaySnapshot.h"

#include <mutex>
#include <vector>

namespace ss {

// Every call of each stock of a live feed, for the selected stock's charts:
// a feed's history is not kept by its session, which holds only where each
// stock stands (its snapshot). Kept up to date by the feed's thread as a
// sink of its session, under a mutex held for a few stores, and read by
// the window's whenever it redraws.
class LiveBoard : public PredictionSink {
public:
    // What the window draws: the session's snapshot, and the calls of the
    // watched stock.
    struct Frame {
        ReplaySnapshot snapshot;
        std::vector<ReportedCall> calls;
    };
    // The calls of `stock` (an index of the session's) so far.
    std::vector<ReportedCall> calls(std::size_t stock) const;

    // The session's thread.
    void onPrediction(const Prediction& prediction) override;
    void onResolution(const Resolution& resolution) override;

private:
    void grow(std::size_t stock);

    mutable std::mutex mutex_;
    // Guarded by mutex_.
    std::vector<std::vector<ReportedCall>> calls_;
};

} // namespace ss
