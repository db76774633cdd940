#pragma once

#include "PredictionLog.h"
#include "PredictionLogSink.h"
#include "PredictionRecordOutput.h"
#include "RunRecorder.h"
#include "core/stream/StreamSession.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ss {

// A stream session run as every driver runs one (the command line's
// replay, live and Kafka paths, the HTTP API's replay job, the window's
// live feed): describe the run, record it in the prediction log, attach the
// outputs (the log, a JSON-lines file, further record outputs such as a
// Kafka topic), drive the session, summarise it, and mark the run
// finished, stopped or failed. Written once, so that every kind of stream
// is logged, summarised and ended alike.
class LoggedRun {
public:
    struct Outputs {
        PredictionLog* log = nullptr;  // record the run here, if given
        std::optional<qint64> resume;  // continue this run of the log
        // The run's source as the log records it: a path (made absolute), or
        // empty for the session's own description (a feed's address).
        QString source;
        QString modelPath;
        QString jsonl;  // write every call to this file as JSON lines, if given
        // Further outputs of the same records as the JSON lines (a Kafka topic).
        std::vector<std::unique_ptr<PredictionRecordOutput>> recordOutputs;
    };

    // Describes and starts the run and attaches the outputs to `session`,
    // before it starts. Null, with *error, when the log's run cannot be
    // started or a file cannot be written.
    static std::unique_ptr<LoggedRun> attach(StreamSession& session, const LogisticModel& model, Outputs outputs,
                                             QString* error);
    ~LoggedRun();

    struct Drive {
        std::function<bool()> stopWanted;  // looked at every interval (Ctrl-C, a stop request)
        std::function<void()> onPoll = {};  // after every look (a progress line)
        std::function<void()> onStop = {};  // what else to stop with the session
        std::chrono::milliseconds interval{200};
    };
    // Starts the session and waits for it to be done, stopping it when a
    // write failed or `drive.stopWanted` says so.
    void drive(const Drive& drive);

    // Any thread, while the session runs: a write failed.
    bool failed() const;
    // The run of the log; 0 when none is recorded.
    qint64 runId() const { return recorder_ ? recorder_->runId() : 0; }

    // Once the session is done: writes what the outputs hold and closes
    // them. False, with *error, when any write failed. Idempotent.
    bool close(QString* error);
    // The run's summary: the session's figures with `extra`'s keys and the
    // run's id, stored in the log with how the run ended (failed when a
    // write failed). False, with *error, when a write failed or the log
    // could not store it; the summary is complete either way.
    bool finish(const QJsonObject& extra, QJsonObject& summary, QString* error);

private:
    explicit LoggedRun(StreamSession& session) : session_(session) {}

    StreamSession& session_;
    std::unique_ptr<RunRecorder> recorder_;
    std::vector<std::unique_ptr<PredictionLogSink>> outputs_;  // JSON lines and record outputs
    bool closed_ = false;
    QString writeError_;  // the first write that failed
};

} // namespace ss
