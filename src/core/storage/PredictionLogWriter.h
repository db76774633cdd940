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
// A call's online data goes to online_calls in the same transaction, and
// each stock's latest call of the batch to latest_calls.
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
    // run, time, stock: the key both tables share.
    void bindKey(SqliteStatement& statement, int first, const LoggedCall& call);
    void bindOnline(SqliteStatement& statement, int first, const LoggedCall& call);
    bool fail(QString* error);
    bool knowStocks(const PredictionBatch& batch);
    bool writeLatest(const PredictionBatch& batch);

    PredictionLog& log_;
    std::int64_t run_;
    std::vector<std::int64_t> stockIds_;
    StockNames names_;
    SqliteStatement addStock_;
    SqliteStatement findStock_;
    SqliteStatement insertMany_;  // kRowsPerInsert calls a statement: far fewer trips through SQLite
    SqliteStatement insertOne_;
    SqliteStatement resolve_;
    // Prepared with the first batch, once the log has latest_calls.
    SqliteStatement latestMany_;
    SqliteStatement latestOne_;
    std::vector<const LoggedCall*> latestCall_;  // by the data's stock index; null outside writeLatest
    std::vector<std::size_t> batchStocks_;       // the stocks with calls in the batch, by first call
    // Prepared with the first call that carries online data: a log is
    // upgraded to hold it only when a run has some.
    SqliteStatement onlineMany_;
    SqliteStatement onlineOne_;
    std::vector<const LoggedCall*> onlineCalls_;  // this batch's calls with online data
    WalCheckpointer checkpointer_;
};

} // namespace ss
