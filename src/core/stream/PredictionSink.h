#pragma once

#include "core/data/Timestamp.h"
#include "OnlineCall.h"

#include <cstddef>

namespace ss {

struct ReplaySnapshot;

// A call the scorer made on one window.
struct Prediction {
    std::size_t stock;
    Timestamp time;          // the time of the window's newest close (n1)
    const double* window;    // windowSize closes, oldest (n5) first
    int windowSize;
    const double* features;
    int featureCount;
    double margin;           // w·x + b
    double pUp;              // LogisticModel::probability(margin)
    bool up;                 // pUp > 0.5
    // The learn-as-you-go models on the same record; null while they are
    // off. Like window and features, valid during onPrediction only.
    const OnlineCall* online;
};

// A call judged: its stock's next close arrived.
struct Resolution {
    std::size_t stock;
    Timestamp callTime;
    Timestamp time;
    double close;
    bool actualUp;
    bool correct;
};

// Receives the engine's calls and outcomes, on the engine's thread, in
// stream order. Implementations must be quick or hand the work to a thread
// of their own: they sit in the replay's hot path.
class PredictionSink {
public:
    virtual ~PredictionSink() = default;
    virtual void onPrediction(const Prediction& prediction) = 0;
    virtual void onResolution(const Resolution& resolution) = 0;
    // The stream starts over (restart, or a seek backwards).
    virtual void onRewind() {}
    // The stream ended: completely, or because it was stopped.
    virtual void onFinish(bool complete) { (void)complete; }
    // A pass of the stream ended (finished, stopped, or left by a restart
    // or a seek backwards): its figures as they stand, before anything
    // starts over. After onFinish() where the pass had one.
    virtual void onPassEnd(bool complete, const ReplaySnapshot& figures)
    {
        (void)complete;
        (void)figures;
    }
};

} // namespace ss
