#pragma once

#include "PredictionSink.h"

#include <QString>

#include <functional>

namespace ss {

// A sink that stores what it hears (the prediction log, a JSON-lines file,
// a Kafka topic) on a writer thread of its own. A stream that acknowledges
// its input (a Kafka feed's offsets) does so only as far as every storing
// sink has written.
class StoringSink : public PredictionSink {
public:
    // Told, on the writer thread, how many events (calls plus outcomes, in
    // the order the sink received them) each successful write stored. Set
    // it before the stream starts.
    virtual void setWrittenListener(std::function<void(std::size_t events)> listener) = 0;
    // Writes what is left and ends the writer; false, with *error, when any
    // write failed. Idempotent: once the stream is done, its owner's call
    // says whether every write succeeded.
    virtual bool close(QString* error) = 0;
    // Any thread, while the stream runs.
    virtual bool failed() const = 0;
};

} // namespace ss
