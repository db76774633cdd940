#pragma once

#include "PredictionBatchWriter.h"
#include "SqliteStatement.h"
#include "WalCheckpointer.h"

#include <cstdint>
#include <vector>

namespace ss {

class PredictionLog;

// Writes batches into one run of the prediction log, one transaction each.
// Every call is an upsert on its key (run, time, stock), which is what lets
// a resumed run replay calls it already holds: they are not added twice, and
// an outcome that was not yet committed is filled in.
class PredictionLogWriter : public PredictionBatchWriter {
public:
    // stockIds: the log's id for each of the data's stocks (PredictionLog::stockIds).
    PredictionLogWriter(PredictionLog& log, std::int64_t run, std::vector<std::int64_t> stockIds);
    // For a stream that learns its stocks as it goes: each new one is added
    // to the log's stocks in the transaction of its first call.
    PredictionLogWriter(PredictionLog& log, std::int64_t run, StockNames names);

    bool write(const PredictionBatch& batch, QString* error) override;

private:
    void bindCall(SqliteStatement& statement, int first, const PredictionBatch& batch, const LoggedCall& call);
    bool fail(QString* error);
    bool knowStocks(const PredictionBatch& batch);

    PredictionLog& log_;
    std::int64_t run_;
    std::vector<std::int64_t> stockIds_;
    StockNames names_;
    SqliteStatement addStock_;
    SqliteStatement findStock_;
    SqliteStatement insertMany_;  // kRowsPerInsert calls a statement: far fewer trips through SQLite
    SqliteStatement insertOne_;
    SqliteStatement resolve_;
    WalCheckpointer checkpointer_;
};

} // namespace ss
