#pragma once

#include "PredictionLog.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>

namespace ss {

enum class ExportFormat { Csv, JsonLines };

// Writes logged calls as SPEC.md's prediction records: JSON lines, or CSV
// (RFC 4180, with a header, features flattened into feature_1..feature_k).
// A run with online data gets its online fields and columns after SPEC.md's
// (PredictionRecord); any other run's export is SPEC.md's alone.
// With `trading`, each record ends with the position that strategy takes on
// the call and the call's net return after costs (PredictionRecord).
// Records stream from the database to the file in time order (then stock)
// in constant memory. The file appears only when the export succeeded:
// a failed or cancelled export leaves whatever was at `path` untouched.
class PredictionExporter {
public:
    // fraction: how much of the run's time span is written, 0..1.
    using Progress = std::function<void(double fraction, std::int64_t records)>;

    // Returns the number of records written, or nullopt with *error set.
    static std::optional<std::int64_t> exportTo(PredictionLog& log, const PredictionLog::Query& query,
                                                ExportFormat format, const QString& path, const Progress& progress,
                                                const std::atomic<bool>* cancel, QString* error,
                                                const std::optional<TradingColumns>& trading = std::nullopt);
};

} // namespace ss
