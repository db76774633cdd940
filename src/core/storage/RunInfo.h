#pragma once

#include "core/data/Timestamp.h"
#include "core/model/FeatureTransform.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <string_view>

namespace ss {

enum class RunStatus { Running, Finished, Stopped, Failed };

// "running", "finished", "stopped", "failed": the words the log stores.
const char* runStatusName(RunStatus status);
std::optional<RunStatus> parseRunStatus(std::string_view name);

// One replay as the prediction log records it (a row of the runs table).
struct RunInfo {
    qint64 id = 0;
    QString source;                 // the data path the replay read
    QString modelPath;
    QString modelSha256;            // of the model file's bytes, hex
    QJsonObject model;              // the model's parameters as its file states them
    int window = 0;
    FeatureTransform transform = FeatureTransform::Relative;
    qint64 records = 0;             // records in the source; a resume checks it
    Timestamp firstTime = 0;        // the source's time span, for progress
    Timestamp lastTime = 0;
    QDateTime started;
    QDateTime finished;             // invalid while running
    RunStatus status = RunStatus::Running;
    QJsonObject summary;            // ss::replaySummary() once the run ended
};

} // namespace ss
