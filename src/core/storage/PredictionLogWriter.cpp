#include "PredictionLogWriter.h"

#include "PredictionLog.h"

#include <algorithm>
#include <string>

namespace ss {

namespace {

constexpr int kRowsPerInsert = 64;
constexpr int kCallColumns = 9;
constexpr int kOnlineColumns = 6;
constexpr int kLatestColumns = 3;

// "INSERT INTO <into> VALUES (?, ...), ... <onConflict>" for `rows` rows of
// `columns` values each.
std::string insertSql(const char* into, int columns, int rows, const char* onConflict)
{
    std::string row = "(?";
    for (int c = 1; c < columns; ++c)
        row += ", ?";
    row += ')';
    std::string sql = std::string("INSERT INTO ") + into + " VALUES ";
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            sql += ", ";
        sql += row;
    }
    return sql + ' ' + onConflict;
}

std::string callInsertSql(int rows)
{
    return insertSql("predictions (run, time, stock, window, margin, p_up, up, actual, resolved_time)", kCallColumns,
                     rows,
                     "ON CONFLICT (run, time, stock) DO UPDATE SET actual = excluded.actual, "
                     "resolved_time = excluded.resolved_time WHERE excluded.actual IS NOT NULL");
}

// A resumed run writes the same figures again: the first ones stay.
std::string onlineInsertSql(int rows)
{
    return insertSql("online_calls (run, time, stock, cluster, predicted_close, p_up)", kOnlineColumns, rows,
                     "ON CONFLICT (run, time, stock) DO NOTHING");
}

// A stock's latest call so far: a resumed run writes older calls again.
std::string latestInsertSql(int rows)
{
    return insertSql("latest_calls (run, stock, time)", kLatestColumns, rows,
                     "ON CONFLICT (run, stock) DO UPDATE SET time = max(time, excluded.time)");
}

// Steps `many` once for each full kRowsPerInsert rows and `one` for each
// row left; bind(statement, first parameter, row) binds a row's values.
template <typename Bind>
bool insertRows(SqliteStatement& many, SqliteStatement& one, int columns, std::size_t count, const Bind& bind)
{
    std::size_t i = 0;
    for (; i + kRowsPerInsert <= count; i += kRowsPerInsert) {
        for (int row = 0; row < kRowsPerInsert; ++row)
            bind(many, row * columns + 1, i + static_cast<std::size_t>(row));
        if (many.step() != SQLITE_DONE)
            return false;
    }
    for (; i < count; ++i) {
        bind(one, 1, i);
        if (one.step() != SQLITE_DONE)
            return false;
    }
    return true;
}

} // namespace

PredictionLogWriter::PredictionLogWriter(PredictionLog& log, std::int64_t run, std::vector<std::int64_t> stockIds)
    : log_(log),
      run_(run),
      stockIds_(std::move(stockIds)),
      insertMany_(log.connection(), callInsertSql(kRowsPerInsert)),
      insertOne_(log.connection(), callInsertSql(1)),
      resolve_(log.connection(),
               "UPDATE predictions SET actual = ?, resolved_time = ? WHERE run = ? AND time = ? AND stock = ?"),
      checkpointer_(log.path())
{
}

PredictionLogWriter::PredictionLogWriter(PredictionLog& log, std::int64_t run, StockNames names)
    : PredictionLogWriter(log, run, std::vector<std::int64_t>{})
{
    names_ = std::move(names);
    addStock_ = SqliteStatement(log.connection(), "INSERT OR IGNORE INTO stocks (name) VALUES (?)");
    findStock_ = SqliteStatement(log.connection(), "SELECT id FROM stocks WHERE name = ?");
}

bool PredictionLogWriter::knowStocks(const PredictionBatch& batch)
{
    std::size_t needed = 0;
    for (const LoggedCall& c : batch.calls)
        needed = std::max(needed, c.stock + 1);
    for (const LoggedResolution& r : batch.resolutions)
        needed = std::max(needed, r.stock + 1);
    if (needed <= stockIds_.size())
        return true;
    if (!names_ || !addStock_.ok() || !findStock_.ok())
        return false;
    while (stockIds_.size() < needed) {
        const std::string name = names_(stockIds_.size());
        addStock_.bind(1, std::string_view(name));
        findStock_.bind(1, std::string_view(name));
        if (addStock_.step() != SQLITE_DONE || findStock_.step() != SQLITE_ROW)
            return false;
        stockIds_.push_back(findStock_.integer(0));
        findStock_.reset();
    }
    return true;
}

bool PredictionLogWriter::fail(QString* error)
{
    *error = QStringLiteral("cannot write to the prediction log '%1': %2")
                 .arg(log_.path(), SqliteStatement::errorText(log_.connection()));
    if (!sqlite3_get_autocommit(log_.connection()))
        sqlite3_exec(log_.connection(), "ROLLBACK", nullptr, nullptr, nullptr);
    return false;
}

void PredictionLogWriter::bindKey(SqliteStatement& s, int first, const LoggedCall& c)
{
    s.bind(first, run_);
    s.bind(first + 1, c.time);
    s.bind(first + 2, stockIds_[c.stock]);
}

void PredictionLogWriter::bindOnline(SqliteStatement& s, int first, const LoggedCall& c)
{
    bindKey(s, first, c);
    if (c.online.hasCluster())
        s.bind(first + 3, std::int64_t{c.online.cluster});
    else
        s.bindNull(first + 3);
    s.bind(first + 4, c.online.predictedClose);  // SQLite keeps a NaN as NULL
    s.bind(first + 5, c.online.pUp);
}

void PredictionLogWriter::bindCall(SqliteStatement& s, int first, const PredictionBatch& batch, const LoggedCall& c)
{
    bindKey(s, first, c);
    s.bindBlob(first + 3, batch.window(c), static_cast<std::size_t>(c.windowSize) * sizeof(double));
    s.bind(first + 4, c.margin);
    s.bind(first + 5, c.pUp);
    s.bind(first + 6, std::int64_t{c.up});
    if (c.actual < 0) {
        s.bindNull(first + 7);
        s.bindNull(first + 8);
    } else {
        s.bind(first + 7, std::int64_t{c.actual});
        s.bind(first + 8, c.resolvedTime);
    }
}

bool PredictionLogWriter::writeLatest(const PredictionBatch& batch)
{
    // Calls come in stream order: a stock's last call in the batch is its latest.
    latestCall_.resize(stockIds_.size(), nullptr);
    batchStocks_.clear();
    for (const LoggedCall& c : batch.calls) {
        if (!latestCall_[c.stock])
            batchStocks_.push_back(c.stock);
        latestCall_[c.stock] = &c;
    }
    const bool written = insertRows(latestMany_, latestOne_, kLatestColumns, batchStocks_.size(),
                                    [&](SqliteStatement& statement, int first, std::size_t i) {
                                        const LoggedCall& c = *latestCall_[batchStocks_[i]];
                                        statement.bind(first, run_);
                                        statement.bind(first + 1, stockIds_[c.stock]);
                                        statement.bind(first + 2, c.time);
                                    });
    for (std::size_t stock : batchStocks_)
        latestCall_[stock] = nullptr;
    return written;
}

bool PredictionLogWriter::write(const PredictionBatch& batch, QString* error)
{
    if (!insertMany_.ok() || !insertOne_.ok() || !resolve_.ok())
        return fail(error);
    if (sqlite3_exec(log_.connection(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK
        || !knowStocks(batch))
        return fail(error);

    if (!insertRows(insertMany_, insertOne_, kCallColumns, batch.calls.size(),
                    [&](SqliteStatement& statement, int first, std::size_t i) {
                        bindCall(statement, first, batch, batch.calls[i]);
                    }))
        return fail(error);
    if (!latestOne_.ok()) {
        // This writer's first calls: a log from before latest_calls gains it.
        if (!log_.holdLatestCalls(error))
            return false;  // rolled back
        latestMany_ = SqliteStatement(log_.connection(), latestInsertSql(kRowsPerInsert));
        latestOne_ = SqliteStatement(log_.connection(), latestInsertSql(1));
    }
    if (!latestMany_.ok() || !latestOne_.ok() || !writeLatest(batch))
        return fail(error);
    onlineCalls_.clear();
    for (const LoggedCall& c : batch.calls)
        if (c.hasOnline)
            onlineCalls_.push_back(&c);
    if (!onlineCalls_.empty()) {
        if (!onlineOne_.ok()) {
            // This run's first online data: the log may need upgrading first.
            if (!log_.holdOnlineCalls(error))
                return false;  // rolled back
            onlineMany_ = SqliteStatement(log_.connection(), onlineInsertSql(kRowsPerInsert));
            onlineOne_ = SqliteStatement(log_.connection(), onlineInsertSql(1));
        }
        if (!onlineMany_.ok() || !onlineOne_.ok()
            || !insertRows(onlineMany_, onlineOne_, kOnlineColumns, onlineCalls_.size(),
                          [&](SqliteStatement& statement, int first, std::size_t i) {
                              bindOnline(statement, first, *onlineCalls_[i]);
                          }))
            return fail(error);
    }
    for (const LoggedResolution& r : batch.resolutions) {
        if (r.call >= 0)
            continue;  // written with its call above
        resolve_.bind(1, std::int64_t{r.actualUp});
        resolve_.bind(2, r.time);
        resolve_.bind(3, run_);
        resolve_.bind(4, r.callTime);
        resolve_.bind(5, stockIds_[r.stock]);
        if (resolve_.step() != SQLITE_DONE)
            return fail(error);
    }
    if (sqlite3_exec(log_.connection(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(error);
    return true;
}

} // namespace ss
