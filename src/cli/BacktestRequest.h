#pragma once

#include <QString>

namespace ss {
class StreamSession;
}

namespace ss::cli {

// What `replay --backtest` asks for, whichever session carries the stream.
struct BacktestRequest {
    bool enabled = false;
    double costBps = 0;
    QString csv;  // --backtest-csv: the per-stock figures' file; empty: none

    // Before the session starts.
    void plugInto(StreamSession& session) const;
    // Once the session is done: the per-stock figures, if asked for. False,
    // with *error, when the file cannot be written.
    bool writeCsv(const StreamSession& session, QString* error) const;
};

} // namespace ss::cli
