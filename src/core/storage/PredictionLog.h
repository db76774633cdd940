#pragma once

#include "PredictionRecord.h"
#include "RunInfo.h"

#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

struct sqlite3;

namespace ss {

class LogisticModel;
class MarketData;
class SqliteStatement;

// The prediction log: an SQLite database of replays and every call they made.
//
// Schema (version 3, PRAGMA user_version; PRAGMA application_id 'SStr'):
//   runs(id, source, model_path, model_sha256, model, window, transform,
//        records, first_time, last_time, started, finished, status, summary)
//   stocks(id, name UNIQUE)
//   predictions(run, time, stock, margin, up, actual, next_close,
//               PRIMARY KEY (run, time, stock)) WITHOUT ROWID
//   call_details(run, time, stock, window, p_up, resolved_time,
//                PRIMARY KEY (run, time, stock)) WITHOUT ROWID
//   online_calls(run, time, stock, cluster, predicted_close, p_up,
//                PRIMARY KEY (run, time, stock)) WITHOUT ROWID
//   latest_calls(run, stock, time, window, PRIMARY KEY (run, stock)) WITHOUT ROWID
// Times are INTEGER seconds (predictions: the data's wall clock, as
// ss::Timestamp; runs.started/finished: Unix time, UTC).
//
// Each close is kept once. A call's row holds what only it has: its margin
// (w·x + b), the call, the outcome (NULL while open) and next_close, the
// stock's close that resolved it. Everything else follows from the rows
// before and after it: its window is its stock's previous call's window
// moved on by that call's next_close; p_up is the model's probability of
// the margin, features follow from the window and the run's transform, and
// the outcome's time is the time of the stock's next call. call_details
// holds what does not follow, for the few calls that have any: the whole
// window (W little-endian IEEE-754 doubles, n5 first) of a stock's first
// call in a run, or of one whose window does not continue its previous
// call's (a resumed run's first calls, a feed that sent a stock's history);
// a p_up other than the margin's; an outcome's time other than the stock's
// next call's (a call resolved in one transaction and its stock's next call
// made in the following one). A close is stored as INTEGER ten-thousandths
// where that reads back as the very same double, else as REAL
// (LoggedClose.h), which is why next_close has no declared type: an
// affinity would turn one into the other. A call costs about 30 bytes on
// disk, against 90 when every row held its whole window.
//
// Calls are keyed in stream order (run, time, stock), so a replay's log only
// ever appends to the end of the tables: one B-tree each and no second index to
// keep in step, which is what lets logging keep pace with the replay. The
// same key makes a call unique, so a resumed run cannot duplicate rows, and a
// whole-run export reads the table in order, rebuilding each stock's window
// as it goes. A single stock's history is read by hopping from one distinct
// timestamp to the next (two index seeks a timestamp) instead of through a
// second index; both read a run from its first call, which a window needs.
//
// latest_calls holds the time and the whole window of each stock's latest
// call of each run, so that a run's latest calls are a seek each rather than
// a pass over the whole run (14.9 million calls for the full dataset). The
// writer keeps it in the transactions of the calls, once a stock a batch.
// It is not an index on (run, stock, time): that would put every call into
// a second B-tree in stock order, touching a page of every stock in every
// commit, and made logging the full dataset nine times slower. Runs the
// table does not cover are read by one pass instead.
//
// online_calls holds what the learn-as-you-go models said about each call of
// a run that had them on: the stock's cluster, the cluster regression's
// predicted next close and the online scorer's p_up (NULL where a model
// said nothing). A table of its own rather than columns of predictions,
// because most runs have no such data: a run has online data exactly when
// the table holds a row of it. It is written in the same transactions and
// in the same key order as the calls, so it too only appends.
//
// Versions: logs of versions 1 and 2 kept every call's whole window; this
// version refuses them with a message that says so, rather than rewriting
// a user's file of a gigabyte or more when it is opened.
//
// New logs are created with auto_vacuum=INCREMENTAL, so that deleting a
// run gives its space back without rewriting the runs that stay.
//
// The file is in WAL mode with synchronous=NORMAL: a killed program loses
// at most the transaction it had not committed and never corrupts the file.
//
// One PredictionLog is one connection: use it from one thread at a time,
// and open a second one to read while a replay writes through the first.
class PredictionLog {
public:
    static constexpr int kSchemaVersion = 3;
    static constexpr std::int32_t kApplicationId = 0x53537472;  // "SStr"

    struct Options {
        // How long to wait for another program's write transaction.
        std::chrono::milliseconds busyTimeout{5000};
    };

    // Opens the log at `path`, creating it (and its schema) when the file is
    // missing or empty. A file that is not a database, another program's
    // database, or a log from a newer version is refused; *error says why.
    static std::unique_ptr<PredictionLog> open(const QString& path, QString* error, Options options);
    static std::unique_ptr<PredictionLog> open(const QString& path, QString* error) { return open(path, error, {}); }
    // Where the GUI keeps its log unless told otherwise.
    static QString defaultPath();
    // The version of the log at `path` when it is this program's log of a
    // version before this one's (which open() refuses); nullopt for
    // anything else.
    static std::optional<int> olderVersion(const QString& path);

    ~PredictionLog();
    PredictionLog(const PredictionLog&) = delete;
    PredictionLog& operator=(const PredictionLog&) = delete;

    const QString& path() const { return path_; }

    // A run description for replaying `data` (read from `source`) with the
    // model loaded from `modelPath`; hashes the model file's bytes.
    static std::optional<RunInfo> describeRun(const QString& source, const QString& modelPath,
                                              const LogisticModel& model, const MarketData& data, QString* error);
    // Adds a run in state running; fills info.id and info.started.
    bool beginRun(RunInfo& info, QString* error);
    // Marks an interrupted run as running again, after checking that
    // `current` (the model and data about to be replayed) matches it.
    bool reopenRun(const RunInfo& current, qint64 id, QString* error);
    bool finishRun(qint64 id, RunStatus status, const QJsonObject& summary, QString* error);
    std::optional<std::vector<RunInfo>> runs(QString* error);
    std::optional<RunInfo> run(qint64 id, QString* error);
    // The highest run id, or nullopt (with *error) when the log has no run.
    std::optional<qint64> latestRun(QString* error);
    // Removes a run and every call it logged, in transactions of a slice of
    // its calls each (the run's row last). The file keeps its size until
    // reclaimSpace().
    bool deleteRun(qint64 id, QString* error);
    // Deletes all but the `count` newest runs (by id; a run still being
    // written is never deleted); returns how many were deleted.
    std::optional<int> keepLatest(int count, QString* error);
    // Gives the pages deleted runs left back to the file system. A log
    // created by this version frees them where they lie (incremental
    // vacuum); an older one is rewritten once (VACUUM) and frees them so from
    // then on. Slow on a large log: call it off the GUI thread.
    bool reclaimSpace(QString* error);
    // Bytes the log takes on disk: the database and its write-ahead log.
    qint64 fileSize() const;
    // The names of the stocks `run` made calls on, sorted; every stock the
    // log has seen when the run's are not on record (a log from before
    // latest_calls).
    std::optional<std::vector<std::string>> runStocks(qint64 run, QString* error);

    // The log's ids for every stock of `data`, by the data's stock index;
    // stocks it has not seen yet are added.
    std::optional<std::vector<std::int64_t>> stockIds(const MarketData& data, QString* error);
    // Every stock name the log has seen, in any run, sorted.
    std::optional<std::vector<std::string>> stockNames(QString* error);

    struct Query {
        qint64 run = 0;
        std::optional<std::string> stock;  // every stock when empty
        std::optional<Timestamp> from;     // inclusive bounds on the call's time
        std::optional<Timestamp> to;
    };
    // Visits the matching calls in time order (then by stock), one record
    // at a time, in constant memory; stops early when visit returns false.
    // A record's resolvedTime is filled when one stock is asked for; the
    // records of every stock (SPEC.md's, which do not carry it) leave it 0
    // where it is the stock's next call's time.
    bool forEach(const Query& query, const std::function<bool(const PredictionRecord&)>& visit, QString* error);
    // How many calls forEach(query) visits, without reading them.
    std::optional<std::int64_t> count(const Query& query, QString* error);
    // One stock's calls in a run, oldest first: what a chart of it needs.
    std::optional<std::vector<PredictionRecord>> stockHistory(qint64 run, const std::string& stock, QString* error);
    // Each stock's latest call in a run, by stock name.
    std::optional<std::vector<PredictionRecord>> latestCalls(qint64 run, QString* error);
    std::optional<std::int64_t> predictionCount(qint64 run, QString* error);
    // Whether the run kept online data (so its records carry the online fields).
    std::optional<bool> hasOnlineCalls(qint64 run, QString* error);
    // Adds latest_calls to a log that lost it, inside the write transaction
    // of the first calls that need it; on failure the transaction is rolled back.
    bool holdLatestCalls(QString* error);

    // The connection, for the storage classes that write through it.
    sqlite3* connection() const { return db_; }

private:
    PredictionLog(sqlite3* db, QString path) : db_(db), path_(std::move(path)) {}
    bool exec(const char* sql, QString* error);
    void rollback();
    QString failure(const QString& what) const;
    bool prepareSchema(QString* error);
    bool hasTable(const char* name);
    // Deletes run `id`'s rows of a table keyed (run, time, …), in slices.
    bool deleteCalls(const char* table, qint64 id, QString* error);
    // The first column of the first row `sql` gives; nullopt on failure.
    std::optional<std::int64_t> scalar(const char* sql);
    // Whether latest_calls holds each stock's latest call of `run`; nullopt
    // when the log cannot be read.
    std::optional<bool> latestCallsCover(qint64 run);
    struct TimeRange {
        Timestamp from;
        Timestamp to;
    };
    // forEach for one stock, and for every stock.
    bool visitStock(const RunInfo& run, bool online, const std::string& name, TimeRange range,
                    const std::function<bool(const PredictionRecord&)>& visit, QString* error);
    bool visitRun(const RunInfo& run, bool online, TimeRange range,
                  const std::function<bool(const PredictionRecord&)>& visit, QString* error);
    // Set *error; false.
    bool readFailed(qint64 run, QString* error) const;
    bool damaged(qint64 run, QString* error) const;

    sqlite3* db_;
    QString path_;
    bool busy_ = false;  // the last statement that failed met another writer's lock
};

} // namespace ss
