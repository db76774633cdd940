#pragma once

#include "OnlineCall.h"
#include "Tick.h"
#include "Windower.h"

#include <QJsonObject>

#include <functional>
#include <memory>
#include <optional>

namespace ss {

class LogisticModel;

// A stage's figures at one moment, carried in the stream's snapshot. The
// stream knows no stage by name: a view asks the snapshot for the kind it
// draws, and the summary lets each stage add its own keys.
class StageSnapshot {
public:
    virtual ~StageSnapshot() = default;
    virtual void addToSummary(QJsonObject& summary) const = 0;
};

// A stage the pipeline feeds every record beside the static scorer, in
// stream order, on the stream's thread: a learner (online learning), or
// anything else that follows the calls. It is plugged in by whoever drives
// the stream, so the stream itself depends on no stage.
class PipelineStage {
public:
    virtual ~PipelineStage() = default;

    // A new pass of the stream.
    virtual void reset() = 0;
    // A stock first seen mid-stream (live feeds), numbered after the others.
    virtual void addStock() = 0;
    // One record, once the windower holds its close; staticUp is the static
    // model's call on it, if it made one.
    virtual void process(const Tick& tick, const Windower& windower, std::optional<bool> staticUp) = 0;
    // The state process() will touch for the stock, a few records ahead:
    // the replay is bound by memory, not arithmetic, so a stage that keeps
    // much per stock says where it is, as the pipeline does for its own.
    virtual void prefetch(std::size_t stock) const { (void)stock; }
    // What the stage said of the record process() took last, kept beside
    // the static model's call by the sinks; null for a stage that says
    // nothing of a call (only one stage of a stream may).
    virtual const OnlineCall* latestCall() const { return nullptr; }
    // The stream ended completely.
    virtual void finish() = 0;
    virtual std::shared_ptr<const StageSnapshot> stageSnapshot() const = 0;
};

// Makes a stage for a stream of `stocks` stocks scored by `model` (the one
// in force when it is plugged in). A factory rather than a stage, so that
// the stream can make one for its own stocks, at the moment it is plugged.
using StageFactory = std::function<std::unique_ptr<PipelineStage>(std::size_t stocks, const LogisticModel& model)>;

} // namespace ss
