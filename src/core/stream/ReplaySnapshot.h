#pragma once

#include "PredictionPipeline.h"

#include <memory>
#include <vector>

namespace ss {

enum class ReplayState { Ready, Playing, Paused, Finished, Stopped };

const char* replayStateName(ReplayState state);

// How fast the stream flows: records per second, or distinct timestamps
// (trading days, for daily data) per second. A rate <= 0 means "as fast as
// the machine goes".
struct Pace {
    enum class Unit { Records, Timestamps };
    Unit unit = Unit::Records;
    double rate = 0;
    bool unlimited() const { return rate <= 0; }
};

// Cheap figures, readable at any time without stopping the engine.
struct ReplayProgress {
    ReplayState state = ReplayState::Ready;
    std::size_t processed = 0;
    std::size_t total = 0;
    Timestamp time = 0;          // of the last processed record
    double activeSeconds = 0;    // wall time spent playing or stepping
};

// A consistent copy of everything the engine knows, for views and tests.
struct ReplaySnapshot {
    ReplayProgress progress;
    Tally overall;
    std::vector<DatedTally> overallOverTime;  // see PredictionPipeline::accuracyOverTime
    std::vector<StockStatus> stocks;
    std::vector<Tally> tallies;
    std::size_t openCalls = 0;
    std::shared_ptr<const LogisticModel> model;  // the one in force
    std::vector<ModelSwitch> models;             // every model of this pass
    // The figures of the stages plugged in (online learning), if any.
    std::vector<std::shared_ptr<const StageSnapshot>> stages;

    // The stage figures of kind T; null when no such stage is plugged in.
    template <class T>
    std::shared_ptr<const T> stage() const
    {
        for (const auto& s : stages)
            if (auto found = std::dynamic_pointer_cast<const T>(s))
                return found;
        return nullptr;
    }
};

// Everything `pipeline` knows, with the progress its driver reports: what
// a replay or a live feed shows. The caller keeps the pipeline still.
ReplaySnapshot snapshotOf(const PredictionPipeline& pipeline, const ReplayProgress& progress);

} // namespace ss
