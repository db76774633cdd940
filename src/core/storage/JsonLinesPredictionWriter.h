#pragma once

#include "PredictionBatchWriter.h"
#include "PredictionRecord.h"
#include "PredictionRecordOutput.h"

#include "core/system/OutputFile.h"

#include <memory>
#include <string>
#include <vector>

namespace ss {

class MarketData;

// Writes SPEC.md's prediction records straight to a JSON-lines file, with
// no database. A record can only be complete once its call is judged, so
// records appear in the order the calls were resolved (the stream order of
// the closes that resolved them); the calls still open when the stream ends
// follow, by stock name, with "actual": null. Each batch is flushed to the
// file as it is written.
class JsonLinesPredictionWriter : public PredictionBatchWriter {
public:
    static std::unique_ptr<JsonLinesPredictionWriter> create(const QString& path, std::shared_ptr<const MarketData> data,
                                                             FeatureTransform transform, QString* error);
    // For a stream whose stocks are not known up front (a live feed).
    static std::unique_ptr<JsonLinesPredictionWriter> create(const QString& path, StockNames names,
                                                             FeatureTransform transform, QString* error);
    // The same records handed to `output` instead of a file.
    static std::unique_ptr<JsonLinesPredictionWriter> create(std::unique_ptr<PredictionRecordOutput> output,
                                                             StockNames names, FeatureTransform transform);

    bool write(const PredictionBatch& batch, QString* error) override;
    bool finish(bool complete, QString* error) override;

private:
    JsonLinesPredictionWriter(StockNames names, FeatureTransform transform);
    const std::string& name(std::size_t stock);
    void keepOpen(const PredictionBatch& batch, const LoggedCall& call);
    void append(const PredictionRecord& record);
    bool flush(QString* error);

    std::unique_ptr<OutputFile> file_;
    std::unique_ptr<PredictionRecordOutput> output_;  // instead of file_ when set
    StockNames lookup_;
    std::vector<std::string> names_;       // the names looked up so far
    FeatureTransform transform_;
    std::vector<PredictionRecord> open_;   // each stock's open call, if any
    std::vector<bool> isOpen_;
    std::string buffer_;
};

} // namespace ss
