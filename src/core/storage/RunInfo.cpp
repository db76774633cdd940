#include "RunInfo.h"

namespace ss {

const char* runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Running: return "running";
    case RunStatus::Finished: return "finished";
    case RunStatus::Stopped: return "stopped";
    case RunStatus::Failed: return "failed";
    }
    return "failed";
}

std::optional<RunStatus> parseRunStatus(std::string_view name)
{
    for (const RunStatus s : {RunStatus::Running, RunStatus::Finished, RunStatus::Stopped, RunStatus::Failed})
        if (name == runStatusName(s))
            return s;
    return std::nullopt;
}

} // namespace ss
