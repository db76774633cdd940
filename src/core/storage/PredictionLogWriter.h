#pragma once

#include "PredictionBatchWriter.h"
#include "SqliteStatement.h"
#include "WalCheckpointer.h"
#include "core/model/FeatureTransform.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace ss {

class PredictionLog;

// Writes batches into one run of the prediction log, one transaction each,
// in its lean form (PredictionLog.h): a call's window is stored only when it
// does not continue the stock's previous call's as this writer saw it, its
// p_up only when it is not the margin's, its outcome's time only when the
// stock's next call is not in the same transaction. Every call is an upsert
// on its key (run, time, stock), which is what lets a resumed run replay
// calls it already holds: they are not added twice, and an outcome that was
// not yet committed is filled in.
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
    // What the stock's next call's window must be to be stored without it:
    // its last call's window moved on by the close that resolved that call.
    struct Tail {
        std::array<double, features::kMaxWindow> window{};
        int size = 0;           // 0: nothing to continue
        bool awaiting = false;  // the last close is the open call's outcome, still to come
        Timestamp callTime = 0;
    };
    // A call_details row: what of a call does not follow from its neighbours.
    struct Detail {
        Timestamp time;
        std::size_t stock;
        const double* window;  // null: continues the stock's previous call
        int windowSize;
        std::optional<double> pUp;
        std::optional<Timestamp> resolvedTime;
    };

    void bindCall(SqliteStatement& statement, int first, const LoggedCall& call);
    void bindDetail(SqliteStatement& statement, int first, const Detail& detail);
    // run, time, stock: the key the call tables share.
    void bindKey(SqliteStatement& statement, int first, Timestamp time, std::size_t stock);
    void bindOnline(SqliteStatement& statement, int first, const LoggedCall& call);
    bool fail(QString* error);
    bool knowStocks(const PredictionBatch& batch);
    // Works out which calls need call_details rows, in stream order.
    void followCalls(const PredictionBatch& batch);
    bool resolveEarlierCalls(const PredictionBatch& batch);
    bool writeLatest(const PredictionBatch& batch);

    PredictionLog& log_;
    std::int64_t run_;
    std::vector<std::int64_t> stockIds_;
    StockNames names_;
    SqliteStatement addStock_;
    SqliteStatement findStock_;
    SqliteStatement insertMany_;  // kRowsPerInsert calls a statement: far fewer trips through SQLite
    SqliteStatement insertOne_;
    SqliteStatement detailMany_;
    SqliteStatement detailOne_;
    SqliteStatement resolve_;
    // Prepared with the first batch, once the log has latest_calls.
    SqliteStatement latestMany_;
    SqliteStatement latestOne_;
    SqliteStatement onlineMany_;
    SqliteStatement onlineOne_;
    std::vector<Tail> tails_;                     // by the data's stock index
    std::vector<std::size_t> firstCall_;          // by stock: its first call in the batch; npos outside followCalls
    std::vector<std::size_t> nextCall_;           // by call: its stock's next call in the batch, or npos
    std::vector<Detail> details_;                 // this batch's
    std::vector<const LoggedCall*> latestCall_;   // by the data's stock index; null outside writeLatest
    std::vector<std::size_t> batchStocks_;        // the stocks with calls in the batch, by first call
    std::vector<const LoggedCall*> onlineCalls_;  // this batch's calls with online data
    WalCheckpointer checkpointer_;
};

} // namespace ss
