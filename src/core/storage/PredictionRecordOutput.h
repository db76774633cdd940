#pragma once

#include "PredictionRecord.h"

#include <QString>

namespace ss {

// Somewhere other than a file that takes SPEC.md's prediction records one
// by one, such as a Kafka topic (the thesis's `testoutput`), from a
// JsonLinesPredictionWriter: the records, and their order, are exactly the
// ones `replay --jsonl` writes to its file.
class PredictionRecordOutput {
public:
    virtual ~PredictionRecordOutput() = default;
    virtual void add(const PredictionRecord& record) = 0;
    // The end of a batch: what was added is stored for good, or false with *error.
    virtual bool flush(QString* error) = 0;
};

} // namespace ss
