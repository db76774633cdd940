#pragma once

#include "LiveTickValidator.h"
#include "StockRegistry.h"
#include "core/data/JsonLinesParser.h"
#include "core/data/TickRecord.h"
#include "core/data/TickerCsvParser.h"
#include "core/stream/PredictionPipeline.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ss {

// Scores the records of a live feed one line at a time: the thesis's topic
// `test` ticks and its `test_agg` window records as JSON lines, whatever
// carries them (a socket, standard input, a file, Kafka messages), and the
// dataset's CSV rows on inputs that begin with them (see beginInput()). Keeps each stock in time
// order and drives a PredictionPipeline and its sinks exactly as a replay
// does, so the same ticks give the same calls whichever way they come.
//
// A window record {"stock", "prices": [p1 .. pk], "date"} is the stock's
// last k closes, pk at `date`. pk is the stock's tick at `date` (it judges
// the stock's open call, then its window is scored); p1 .. pk-1 must be the
// stock's latest closes, as in the collector's sliding windows. For a stock
// with no closes yet they are taken as its history instead: they fill its
// window at once, so a single window record gives a call, but being undated
// they are neither scored nor judged.
//
// Everything but the counters belongs to the thread that calls score().
class LiveRecordScorer {
public:
    explicit LiveRecordScorer(std::shared_ptr<const LogisticModel> model);

    // A new input (a file, standard input, a connection) begins: its first
    // line says whether it is JSON lines or CSV rows (a ticker file, whose
    // rows are `defaultStock`'s, or data.csv), as for a loaded file. Inputs
    // that never begin (Kafka messages) are JSON lines.
    void beginInput(std::string defaultStock);

    enum class Outcome { Skipped, Scored, Rejected, Refused };
    // One line without its ending. Scored: `stock` is the record's stock.
    // Rejected: `why` says why. Skipped: a blank line or a header.
    // Refused: the input's first line is neither CSV header nor price row;
    // the input is not prices and the rest of it not worth reading.
    Outcome score(std::string_view line, std::size_t& stock, const char*& why);

    // The stream's stocks, numbered as the sinks see them.
    std::shared_ptr<const StockRegistry> stocks() const { return registry_; }
    PredictionPipeline& pipeline() { return pipeline_; }
    const PredictionPipeline& pipeline() const { return pipeline_; }
    Timestamp lastTime() const { return lastTime_; }

    // Any thread, while it runs.
    std::size_t records() const { return records_.load(std::memory_order_relaxed); }
    std::size_t outOfOrder() const { return outOfOrder_.load(std::memory_order_relaxed); }

private:
    bool take(const TickRecord& record, const std::vector<double>& window, std::size_t& stock, const char*& why);
    bool continuesWindow(std::size_t stock, const std::vector<double>& window) const;

    JsonLinesParser parser_{true};
    std::optional<TickerCsvParser> csv_;  // set while the input is CSV
    bool formatKnown_ = true;
    std::string defaultStock_;
    TickRecord record_;
    std::shared_ptr<StockRegistry> registry_;
    LiveTickValidator validator_;
    PredictionPipeline pipeline_;
    Timestamp lastTime_ = 0;
    std::atomic<std::size_t> records_{0};
    std::atomic<std::size_t> outOfOrder_{0};
};

} // namespace ss
