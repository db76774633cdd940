#pragma once

#include "PredictionBatch.h"

#include <QString>

#include <functional>
#include <string>

namespace ss {

// A stock's name by its index in the stream, for writers of a stream whose
// stocks are not known up front (a live feed); called on the writer's thread.
using StockNames = std::function<std::string(std::size_t stock)>;

// Stores the batches a PredictionLogSink hands over, on the sink's writer
// thread: the database log, or a JSON-lines file.
class PredictionBatchWriter {
public:
    virtual ~PredictionBatchWriter() = default;
    // Stores one batch for good; false, with *error set, when it cannot.
    virtual bool write(const PredictionBatch& batch, QString* error) = 0;
    // The stream ended (complete: it ran to its end); nothing follows.
    virtual bool finish(bool complete, QString* error)
    {
        (void)complete;
        (void)error;
        return true;
    }
};

} // namespace ss
