#pragma once

#include "PipelineStage.h"
#include "ReplaySnapshot.h"
#include "StoringSink.h"
#include "core/data/LoadReport.h"

#include <QJsonObject>
#include <QObject>

#include <chrono>
#include <memory>
#include <string>

namespace ss {

class MarketData;

// One stream of records scored by the pipeline, whatever carries it: a
// replay of loaded data (ReplayEngine), a line feed from standard input, a
// file or a socket (LiveSession), a Kafka topic (KafkaSession). Drivers (the
// window, the command line, the HTTP API) hold a session through this
// interface, ask capabilities() which controls it has, and log it with one
// LoggedRun, so a feature written once works on every kind of stream.
//
// Threads: each session scores on a thread of its own. Its sinks and stages
// run there. Every method may be called from any thread and returns at
// once, except waitUntilDone(). Signals are emitted from the session's
// thread, so connections to GUI objects are queued; views poll progress()
// or take a snapshot() at their own frame rate.
class StreamSession : public QObject {
    Q_OBJECT
public:
    // The controls beyond start and stop a session has; the others do nothing.
    struct Capabilities {
        bool pace = false;         // setPace()
        bool step = false;         // pause(), step(), stepTimestamp()
        bool seek = false;         // seek(): the stream can be gone through again
        bool restart = false;      // restart()
        bool switchModel = false;  // setModel()
        // stepBack(), stepBackTimestamp(), replayFrom(): the stream is gone
        // through again to the earlier point, so the state is exactly the one
        // going forward reached there.
        bool stepBack = false;
    };

    explicit StreamSession(QObject* parent = nullptr);

    virtual Capabilities capabilities() const = 0;

    // Before start(). A storing sink's writes gate what the session
    // acknowledges of its input, where it acknowledges anything.
    virtual void addSink(PredictionSink* sink) = 0;
    virtual void addStoringSink(StoringSink* sink) { addSink(sink); }
    // A learner (online learning), in every snapshot from then on; plugged
    // in mid-stream, it learns from the next record on.
    virtual void plugStage(const StageFactory& factory) = 0;

    // Starts the stream (a replay plays).
    virtual void start() = 0;
    // Ends the stream; the sinks hear onFinish(false).
    virtual void stop() = 0;
    // True once the stream finished or was stopped and the sinks were told;
    // false on timeout.
    virtual bool waitUntilDone(std::chrono::milliseconds timeout) = 0;

    virtual ReplayProgress progress() const = 0;
    // A consistent copy of the stream's state: the one set of tallies that
    // views, logs and summaries all read.
    virtual ReplaySnapshot snapshot() const = 0;
    // A stock's name, by its index in the snapshot and the sinks.
    virtual std::string stockName(std::size_t stock) const = 0;
    // The loaded data of a replay; null for a feed whose stocks come as it runs.
    virtual std::shared_ptr<const MarketData> data() const { return nullptr; }
    // Where the records come from, as a logged run records it.
    virtual QString describe() const = 0;
    // What was read and what was refused. For a feed: once done.
    virtual const LoadReport& report() const = 0;
    // Once done: the input ended by itself, rather than by stop().
    virtual bool complete() const = 0;
    // The session's own figures in a summary (connections, messages, ...).
    virtual void addToSummary(QJsonObject& summary) const { (void)summary; }

    // Controls, as capabilities() allows.
    virtual void pause() {}
    virtual void step(std::size_t records = 1) { (void)records; }
    virtual void stepTimestamp() {}
    virtual void seek(Timestamp time) { (void)time; }
    // Undoes the latest `records` records, or the latest timestamp's (the
    // rest of the current one when it is partly through), and pauses.
    virtual void stepBack(std::size_t records = 1) { (void)records; }
    virtual void stepBackTimestamp() {}
    // Makes `start` the replay's start and goes back to it, paused: records
    // before it fill the stocks' windows and statuses, calls are made from
    // it on. Restarts and steps back come back to it.
    virtual void replayFrom(Timestamp start) { (void)start; }
    virtual void restart() {}
    virtual void setPace(Pace pace) { (void)pace; }
    virtual void setModel(std::shared_ptr<const LogisticModel> model) { (void)model; }

signals:
    void stateChanged(ss::ReplayState state);
    // Coalesced: a few times a second while records flow, never per record.
    void progressed(const ss::ReplayProgress& progress);
    void finished(bool complete);
};

} // namespace ss

Q_DECLARE_METATYPE(ss::ReplayState)
Q_DECLARE_METATYPE(ss::ReplayProgress)
