#include "PredictionLogWriter.h"

#include "LoggedClose.h"
#include "PredictionLog.h"
#include "core/model/LogisticModel.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace ss {

namespace {

constexpr int kRowsPerInsert = 64;
constexpr int kCallColumns = 7;
constexpr int kDetailColumns = 6;
constexpr int kOnlineColumns = 6;
constexpr int kLatestColumns = 4;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

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
    return insertSql("predictions (run, time, stock, margin, up, actual, next_close)", kCallColumns, rows,
                     "ON CONFLICT (run, time, stock) DO UPDATE SET actual = excluded.actual, "
                     "next_close = excluded.next_close WHERE excluded.actual IS NOT NULL");
}

// A resumed run's writer stores windows its first run's did not need, and
// may learn an outcome's time in another transaction than the first one
// did: what is stored stays, what is new is added.
std::string detailInsertSql(int rows)
{
    return insertSql("call_details (run, time, stock, window, p_up, resolved_time)", kDetailColumns, rows,
                     "ON CONFLICT (run, time, stock) DO UPDATE SET window = coalesce(window, excluded.window), "
                     "p_up = coalesce(p_up, excluded.p_up), "
                     "resolved_time = coalesce(resolved_time, excluded.resolved_time)");
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
    return insertSql("latest_calls (run, stock, time, window)", kLatestColumns, rows,
                     "ON CONFLICT (run, stock) DO UPDATE SET time = excluded.time, window = excluded.window "
                     "WHERE excluded.time > time");
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

void bindClose(SqliteStatement& s, int index, double close)
{
    if (const auto units = loggedClose::scaled(close))
        s.bind(index, *units);
    else
        s.bind(index, close);  // SQLite keeps a NaN as NULL, which reads back as NaN
}

bool sameBits(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) || (std::isnan(a) && std::isnan(b));
}

} // namespace

PredictionLogWriter::PredictionLogWriter(PredictionLog& log, std::int64_t run, std::vector<std::int64_t> stockIds)
    : log_(log),
      run_(run),
      stockIds_(std::move(stockIds)),
      insertMany_(log.connection(), callInsertSql(kRowsPerInsert)),
      insertOne_(log.connection(), callInsertSql(1)),
      detailMany_(log.connection(), detailInsertSql(kRowsPerInsert)),
      detailOne_(log.connection(), detailInsertSql(1)),
      resolve_(log.connection(),
               "UPDATE predictions SET actual = ?, next_close = ? WHERE run = ? AND time = ? AND stock = ?"),
      onlineMany_(log.connection(), onlineInsertSql(kRowsPerInsert)),
      onlineOne_(log.connection(), onlineInsertSql(1)),
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
    // What this writer remembers of the stocks' calls may now be ahead of
    // the log: later calls store their windows whole.
    std::fill(tails_.begin(), tails_.end(), Tail{});
    return false;
}

void PredictionLogWriter::bindKey(SqliteStatement& s, int first, Timestamp time, std::size_t stock)
{
    s.bind(first, run_);
    s.bind(first + 1, time);
    s.bind(first + 2, stockIds_[stock]);
}

void PredictionLogWriter::bindOnline(SqliteStatement& s, int first, const LoggedCall& c)
{
    bindKey(s, first, c.time, c.stock);
    if (c.online.hasCluster())
        s.bind(first + 3, std::int64_t{c.online.cluster});
    else
        s.bindNull(first + 3);
    s.bind(first + 4, c.online.predictedClose);  // SQLite keeps a NaN as NULL
    s.bind(first + 5, c.online.pUp);
}

void PredictionLogWriter::bindCall(SqliteStatement& s, int first, const LoggedCall& c)
{
    bindKey(s, first, c.time, c.stock);
    s.bind(first + 3, c.margin);
    s.bind(first + 4, std::int64_t{c.up});
    if (c.actual < 0) {
        s.bindNull(first + 5);
        s.bindNull(first + 6);
    } else {
        s.bind(first + 5, std::int64_t{c.actual});
        bindClose(s, first + 6, c.nextClose);
    }
}

void PredictionLogWriter::bindDetail(SqliteStatement& s, int first, const Detail& d)
{
    bindKey(s, first, d.time, d.stock);
    if (d.window)
        s.bindBlob(first + 3, d.window, static_cast<std::size_t>(d.windowSize) * sizeof(double));
    else
        s.bindNull(first + 3);
    if (d.pUp)
        s.bind(first + 4, *d.pUp);
    else
        s.bindNull(first + 4);
    if (d.resolvedTime)
        s.bind(first + 5, *d.resolvedTime);
    else
        s.bindNull(first + 5);
}

bool PredictionLogWriter::resolveEarlierCalls(const PredictionBatch& batch)
{
    for (const LoggedResolution& r : batch.resolutions) {
        if (r.call >= 0)
            continue;  // written with its call
        resolve_.bind(1, std::int64_t{r.actualUp});
        bindClose(resolve_, 2, r.close);
        resolve_.bind(3, run_);
        resolve_.bind(4, r.callTime);
        resolve_.bind(5, stockIds_[r.stock]);
        if (resolve_.step() != SQLITE_DONE)
            return false;
        const std::size_t next = firstCall_[r.stock];
        if (next == kNone || batch.calls[next].time != r.time)
            details_.push_back({r.callTime, r.stock, nullptr, 0, std::nullopt, r.time});
        Tail& tail = tails_[r.stock];
        if (tail.awaiting && tail.callTime == r.callTime) {
            tail.window[static_cast<std::size_t>(tail.size) - 1] = r.close;
            tail.awaiting = false;
        } else {
            tail.size = 0;
        }
    }
    return true;
}

void PredictionLogWriter::followCalls(const PredictionBatch& batch)
{
    for (std::size_t i = 0; i < batch.calls.size(); ++i) {
        const LoggedCall& c = batch.calls[i];
        const double* window = batch.window(c);
        const auto size = static_cast<std::size_t>(c.windowSize);
        Tail& tail = tails_[c.stock];
        const bool continues = tail.size == c.windowSize && !tail.awaiting
                               && std::memcmp(tail.window.data(), window, size * sizeof(double)) == 0;
        const bool pUpFollows = c.pUpFromMargin || sameBits(c.pUp, LogisticModel::probability(c.margin));
        const std::size_t next = nextCall_[i];
        const bool timeFollows = c.actual < 0 || (next != kNone && batch.calls[next].time == c.resolvedTime);
        if (!continues || !pUpFollows || !timeFollows)
            details_.push_back({c.time, c.stock, continues ? nullptr : window, c.windowSize,
                                pUpFollows ? std::nullopt : std::optional(c.pUp),
                                timeFollows ? std::nullopt : std::optional(c.resolvedTime)});
        if (size < 2 || size > features::kMaxWindow) {
            tail.size = 0;
            continue;
        }
        std::copy(window + 1, window + size, tail.window.begin());
        tail.size = c.windowSize;
        tail.callTime = c.time;
        tail.awaiting = c.actual < 0;
        tail.window[size - 1] = c.nextClose;
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
                                        statement.bindBlob(first + 3, batch.window(c),
                                                           static_cast<std::size_t>(c.windowSize) * sizeof(double));
                                    });
    for (std::size_t stock : batchStocks_)
        latestCall_[stock] = nullptr;
    return written;
}

bool PredictionLogWriter::write(const PredictionBatch& batch, QString* error)
{
    if (!insertMany_.ok() || !insertOne_.ok() || !detailMany_.ok() || !detailOne_.ok() || !resolve_.ok()
        || !onlineMany_.ok() || !onlineOne_.ok())
        return fail(error);
    if (sqlite3_exec(log_.connection(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK
        || !knowStocks(batch))
        return fail(error);

    // Each stock's first call in the batch, and each call's stock's next one.
    tails_.resize(stockIds_.size());
    firstCall_.assign(stockIds_.size(), kNone);
    nextCall_.resize(batch.calls.size());
    for (std::size_t i = batch.calls.size(); i-- > 0;) {
        nextCall_[i] = firstCall_[batch.calls[i].stock];
        firstCall_[batch.calls[i].stock] = i;
    }
    // Outcomes of calls handed over earlier come first: each comes before
    // its stock's next call in the stream.
    details_.clear();
    if (!resolveEarlierCalls(batch))
        return fail(error);
    followCalls(batch);
    if (!insertRows(insertMany_, insertOne_, kCallColumns, batch.calls.size(),
                    [&](SqliteStatement& statement, int first, std::size_t i) {
                        bindCall(statement, first, batch.calls[i]);
                    })
        || !insertRows(detailMany_, detailOne_, kDetailColumns, details_.size(),
                       [&](SqliteStatement& statement, int first, std::size_t i) {
                           bindDetail(statement, first, details_[i]);
                       }))
        return fail(error);
    if (!latestOne_.ok()) {
        // This writer's first calls: a log that lost latest_calls gains it again.
        if (!log_.holdLatestCalls(error)) {
            std::fill(tails_.begin(), tails_.end(), Tail{});
            return false;  // rolled back
        }
        latestMany_ = SqliteStatement(log_.connection(), latestInsertSql(kRowsPerInsert));
        latestOne_ = SqliteStatement(log_.connection(), latestInsertSql(1));
    }
    if (!latestMany_.ok() || !latestOne_.ok() || !writeLatest(batch))
        return fail(error);
    onlineCalls_.clear();
    for (const LoggedCall& c : batch.calls)
        if (c.hasOnline)
            onlineCalls_.push_back(&c);
    if (!insertRows(onlineMany_, onlineOne_, kOnlineColumns, onlineCalls_.size(),
                    [&](SqliteStatement& statement, int first, std::size_t i) {
                        bindOnline(statement, first, *onlineCalls_[i]);
                    }))
        return fail(error);
    if (sqlite3_exec(log_.connection(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(error);
    return true;
}

} // namespace ss
