#pragma once

#include <limits>

namespace ss {

// What the learn-as-you-go models said about one record the static model
// called: the figures the prediction log and the exports keep beside the
// call. A part that has nothing to say (clustering or the scorer off, the
// centres not yet formed, a stock with too few closes for its returns) holds
// its "none" value, which every writer turns into NULL, null or an empty
// field: NaN rather than std::optional keeps a call's record flat and small
// on its way through the log's in-memory batches.
struct OnlineCall {
    static constexpr int kNoCluster = -1;

    int cluster = kNoCluster;  // the stock's nearest centre for this record
    // The close the cluster's regression expects next: the record's close
    // times one plus the predicted return.
    double predictedClose = std::numeric_limits<double>::quiet_NaN();
    // The online scorer's p_up on the same window the static model called.
    double pUp = std::numeric_limits<double>::quiet_NaN();

    bool hasCluster() const { return cluster != kNoCluster; }
};

} // namespace ss
