#include "PredictionLog.h"

#include "CallChain.h"
#include "LoggedClose.h"
#include "SqliteStatement.h"
#include "core/data/MarketData.h"
#include "core/model/LogisticModel.h"
#include "core/system/SmallFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

#include <bit>
#include <cerrno>
#include <cstring>
#include <limits>
#include <thread>
#include <map>
#include <unordered_map>
#include <utility>

#include <unistd.h>

namespace ss {

static_assert(std::endian::native == std::endian::little, "the window BLOB is stored little-endian");

namespace {

constexpr const char* kSchema = R"(
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    model_path TEXT NOT NULL,
    model_sha256 TEXT NOT NULL,
    model TEXT NOT NULL,
    window INTEGER NOT NULL,
    transform TEXT NOT NULL,
    records INTEGER NOT NULL,
    first_time INTEGER NOT NULL,
    last_time INTEGER NOT NULL,
    started INTEGER NOT NULL,
    finished INTEGER,
    status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'stopped', 'failed')),
    summary TEXT
);
CREATE TABLE stocks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
)";

// The tables of calls, keyed alike in stream order.
std::string callTableSql(const char* name, const char* columns)
{
    return std::string("CREATE TABLE ") + name
           + " (run INTEGER NOT NULL REFERENCES runs (id), time INTEGER NOT NULL, stock INTEGER NOT NULL REFERENCES "
             "stocks (id), "
           + columns + ", PRIMARY KEY (run, time, stock)) WITHOUT ROWID;";
}

// next_close has no declared type: see PredictionLog.h.
std::string callTablesSql()
{
    return callTableSql("predictions", "margin REAL, up INTEGER NOT NULL, actual INTEGER, next_close")
           + callTableSql("call_details", "window BLOB, p_up REAL, resolved_time INTEGER")
           + callTableSql("online_calls", "cluster INTEGER, predicted_close REAL, p_up REAL");
}

// What a query of calls (as p) adds for a run with online data: each
// call's online_calls row, NULL where it has none.
constexpr const char* kOnlineColumns = ", o.cluster, o.predicted_close, o.p_up";

std::string onlineJoin(bool online)
{
    return online ? " LEFT JOIN online_calls AS o ON o.run = p.run AND o.time = p.time AND o.stock = p.stock" : "";
}

// The columns of a predictions row (as p) that readStored reads.
constexpr const char* kCallColumns = "p.time, p.stock, p.margin, p.up, p.actual, p.next_close";
constexpr int kCallColumnCount = 6;
// A call's call_details row (as d), NULL where it has none.
constexpr const char* kDetailJoin =
    " LEFT JOIN call_details AS d ON d.run = p.run AND d.time = p.time AND d.stock = p.stock";

// Each stock's latest call of each run, kept by PredictionLogWriter (see
// PredictionLog.h). IF NOT EXISTS: a log that lost it gains it again with
// the first calls written into it.
constexpr const char* kLatestCallsSchema = R"(
CREATE TABLE IF NOT EXISTS latest_calls (
    run INTEGER NOT NULL REFERENCES runs (id),
    stock INTEGER NOT NULL REFERENCES stocks (id),
    time INTEGER NOT NULL,
    window BLOB NOT NULL,
    PRIMARY KEY (run, stock)
) WITHOUT ROWID;
)";

// Whether latest_calls covers run ?1: it has rows of the run and the run
// has no call after the latest of them. One seek each.
constexpr const char* kLatestCallsCover =
    "SELECT EXISTS (SELECT 1 FROM latest_calls WHERE run = ?1) AND NOT EXISTS (SELECT 1 FROM predictions WHERE "
    "run = ?1 AND time > (SELECT max(time) FROM latest_calls WHERE run = ?1))";

constexpr const char* kRunColumns = "id, source, model_path, model_sha256, model, window, transform, records, "
                                    "first_time, last_time, started, finished, status, summary";

QString qstring(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QJsonObject jsonObject(std::string_view text)
{
    return QJsonDocument::fromJson(QByteArray(text.data(), static_cast<qsizetype>(text.size()))).object();
}

RunInfo readRun(const SqliteStatement& s)
{
    RunInfo r;
    r.id = s.integer(0);
    r.source = qstring(s.text(1));
    r.modelPath = qstring(s.text(2));
    r.modelSha256 = qstring(s.text(3));
    r.model = jsonObject(s.text(4));
    r.window = static_cast<int>(s.integer(5));
    r.transform = features::parseTransform(s.text(6)).value_or(FeatureTransform::Relative);
    r.records = s.integer(7);
    r.firstTime = s.integer(8);
    r.lastTime = s.integer(9);
    r.started = QDateTime::fromSecsSinceEpoch(s.integer(10), Qt::UTC);
    if (!s.isNull(11))
        r.finished = QDateTime::fromSecsSinceEpoch(s.integer(11), Qt::UTC);
    r.status = parseRunStatus(s.text(12)).value_or(RunStatus::Failed);
    r.summary = jsonObject(s.text(13));
    return r;
}

// A close the log keeps (LoggedClose.h): NaN where there is none.
double readClose(const SqliteStatement& s, int column)
{
    if (s.isNull(column))
        return std::numeric_limits<double>::quiet_NaN();
    return s.isInteger(column) ? loggedClose::unscaled(s.integer(column)) : s.real(column);
}

// Reads the columns of kCallColumns from `first` on.
void readStored(const SqliteStatement& s, int first, StoredCall& call)
{
    call.time = s.integer(first);
    call.stock = s.integer(first + 1);
    call.margin = s.real(first + 2);
    call.up = s.integer(first + 3) != 0;
    if (s.isNull(first + 4))
        call.actual.reset();
    else
        call.actual = s.integer(first + 4) != 0;
    call.nextClose = readClose(s, first + 5);
}

// Reads the columns window, p_up, resolved_time of call_details from
// `first` on; each NULL where the call takes it from its neighbours.
void readDetails(const SqliteStatement& s, int first, StoredCall& call)
{
    if (s.isNull(first))
        call.window.reset();
    else
        call.window = s.blob(first);
    if (s.isNull(first + 1))
        call.pUp.reset();
    else
        call.pUp = s.real(first + 1);
    if (s.isNull(first + 2))
        call.resolvedTime.reset();
    else
        call.resolvedTime = s.integer(first + 2);
}

// Reads the columns cluster, predicted_close, p_up of online_calls from
// `first` on; all NULL when the call has no row there (a LEFT JOIN). False
// for a cluster number no run can have given: only a damaged file holds it.
bool readOnline(const SqliteStatement& s, int first, PredictionRecord& record)
{
    OnlineCall& online = record.online.emplace();
    if (!s.isNull(first)) {
        const std::int64_t cluster = s.integer(first);
        if (cluster < 0 || cluster > std::numeric_limits<int>::max())
            return false;
        online.cluster = static_cast<int>(cluster);
    }
    online.predictedClose = s.real(first + 1);
    online.pUp = s.real(first + 2);
    return true;
}

} // namespace

std::unique_ptr<PredictionLog> PredictionLog::open(const QString& path, QString* error, Options options)
{
    const QFileInfo info(path);
    if (!info.absoluteDir().exists()) {
        *error = QStringLiteral("cannot open the prediction log '%1': the folder '%2' does not exist")
                     .arg(path, info.absolutePath());
        return nullptr;
    }
    if (info.isDir()) {
        *error = QStringLiteral("cannot open the prediction log '%1': it is a folder").arg(path);
        return nullptr;
    }
    // WAL mode keeps two files beside the log, so even an existing log needs
    // a folder it may create files in. Said here, because SQLite's own
    // failure names the read-only fallback's error instead (often "No such
    // file or directory").
    if (::access(QFile::encodeName(info.absolutePath()).constData(), W_OK) != 0) {
        *error = QStringLiteral("cannot open the prediction log '%1': cannot create files in the folder '%2' (%3)")
                     .arg(path, info.absolutePath(), QString::fromLocal8Bit(std::strerror(errno)));
        return nullptr;
    }
    sqlite3* db = nullptr;
    // One thread at a time uses a connection, so SQLite's own locking
    // around every call would only cost time.
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        *error = QStringLiteral("cannot open the prediction log '%1': %2").arg(path, SqliteStatement::errorText(db));
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, static_cast<int>(options.busyTimeout.count()));
    std::unique_ptr<PredictionLog> log(new PredictionLog(db, path));
    // SQLite answers "busy" without waiting where waiting could deadlock, as
    // when two programs turn a new file to WAL at once: the schema is tried
    // again until the same timeout.
    const auto deadline = std::chrono::steady_clock::now() + options.busyTimeout;
    while (!log->prepareSchema(error)) {
        if (!log->busy_ || std::chrono::steady_clock::now() >= deadline)
            return nullptr;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return log;
}

QString PredictionLog::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/predictions.sqlite");
}

std::optional<int> PredictionLog::olderVersion(const QString& path)
{
    if (!QFileInfo(path).isFile())
        return std::nullopt;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        nullptr)
        != SQLITE_OK) {
        sqlite3_close(db);
        return std::nullopt;
    }
    PredictionLog log(db, path);
    const auto appId = log.scalar("PRAGMA application_id");
    const auto version = log.scalar("PRAGMA user_version");
    if (appId != kApplicationId || !version || *version < 1 || *version >= kSchemaVersion)
        return std::nullopt;
    return static_cast<int>(*version);
}

PredictionLog::~PredictionLog()
{
    sqlite3_close(db_);
}

QString PredictionLog::failure(const QString& what) const
{
    return QStringLiteral("%1 in the prediction log '%2': %3").arg(what, path_, SqliteStatement::errorText(db_));
}

bool PredictionLog::exec(const char* sql, QString* error)
{
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
        return true;
    *error = failure(QStringLiteral("cannot write"));
    busy_ = (sqlite3_errcode(db_) & 0xff) == SQLITE_BUSY;
    rollback();
    return false;
}

void PredictionLog::rollback()
{
    if (!sqlite3_get_autocommit(db_))
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

std::optional<std::int64_t> PredictionLog::scalar(const char* sql)
{
    SqliteStatement s(db_, sql);
    if (!s.ok() || s.step() != SQLITE_ROW)
        return std::nullopt;
    return s.integer(0);
}

bool PredictionLog::prepareSchema(QString* error)
{
    auto notALog = [&](const QString& why) {
        *error = QStringLiteral("'%1' is not a StockStream prediction log (%2)").arg(path_, why);
        return false;
    };
    busy_ = false;
    // Read in one transaction: another program may be creating the log
    // meanwhile, and a half-seen new log would look like another program's.
    if (!exec("BEGIN", error))
        return false;
    const auto appId = scalar("PRAGMA application_id");
    const auto version = scalar("PRAGMA user_version");
    const auto objects = scalar("SELECT count(*) FROM sqlite_schema");
    const bool read = appId && version && objects;
    const QString readError = read ? QString() : SqliteStatement::errorText(db_);
    busy_ = !read && (sqlite3_errcode(db_) & 0xff) == SQLITE_BUSY;
    rollback();
    if (!read)
        return notALog(readError);
    const bool fresh = *appId == 0 && *version == 0 && *objects == 0;
    // Another program's database is refused before anything in it changes,
    // its journal mode included.
    if (!fresh) {
        if (*appId != kApplicationId)
            return notALog(QStringLiteral("it holds another program's data"));
        if (*version > kSchemaVersion) {
            *error = QStringLiteral("the prediction log '%1' was written by a newer StockStream (log version %2; this "
                                    "version reads up to %3)")
                         .arg(path_)
                         .arg(*version)
                         .arg(kSchemaVersion);
            return false;
        }
        if (*version < 1)
            return notALog(QStringLiteral("it has no schema version"));
        if (*version < kSchemaVersion) {
            *error = QStringLiteral("the prediction log '%1' was written by an older StockStream (log version %2), "
                                    "which kept every call's whole window; this version keeps each close once and "
                                    "reads only version %3 logs: log to a new file, or export its runs with the "
                                    "version that wrote it")
                         .arg(path_)
                         .arg(*version)
                         .arg(kSchemaVersion);
            return false;
        }
    }

    // Before anything is written: SQLite fixes auto_vacuum with the file's
    // first page, which turning on WAL writes.
    if (fresh && !exec("PRAGMA auto_vacuum = INCREMENTAL", error))
        return false;
    // Settings that belong to the connection, and WAL, which the file keeps.
    if (!exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
              "PRAGMA wal_autocheckpoint = 10000",
              error))
        return false;

    if (fresh) {
        if (!exec("BEGIN IMMEDIATE", error))
            return false;
        // Another program may have created it while this one waited.
        if (scalar("SELECT count(*) FROM sqlite_schema").value_or(1) != 0) {
            rollback();
            return prepareSchema(error);
        }
        const QByteArray setup = QByteArray(kSchema) + QByteArray::fromStdString(callTablesSql()) + QByteArray(kLatestCallsSchema)
                                 + QByteArrayLiteral("PRAGMA application_id = ") + QByteArray::number(kApplicationId)
                                 + QByteArrayLiteral("; PRAGMA user_version = ") + QByteArray::number(kSchemaVersion)
                                 + QByteArrayLiteral("; COMMIT;");
        return exec(setup.constData(), error);
    }
    return true;
}

std::optional<RunInfo> PredictionLog::describeRun(const QString& source, const QString& modelPath,
                                                  const LogisticModel& model, const MarketData& data, QString* error)
{
    QString why;
    const auto modelFile = SmallFile::read(modelPath, LogisticModel::kMaxFileBytes, &why);
    if (!modelFile) {
        *error = QStringLiteral("cannot read the model file '%1': %2").arg(modelPath, why);
        return std::nullopt;
    }
    RunInfo run;
    run.source = source == QLatin1String("-") ? source : QFileInfo(source).absoluteFilePath();
    run.modelPath = modelPath.startsWith(QLatin1Char(':')) ? modelPath : QFileInfo(modelPath).absoluteFilePath();
    run.modelSha256 = QString::fromLatin1(QCryptographicHash::hash(*modelFile, QCryptographicHash::Sha256).toHex());
    run.model = model.toJson();
    run.window = model.window();
    run.transform = model.transform();
    run.records = static_cast<qint64>(data.recordCount());
    run.firstTime = data.firstTime();
    run.lastTime = data.lastTime();
    return run;
}

bool PredictionLog::beginRun(RunInfo& info, QString* error)
{
    info.started = QDateTime::currentDateTimeUtc();
    info.status = RunStatus::Running;
    SqliteStatement s(db_, "INSERT INTO runs (source, model_path, model_sha256, model, window, transform, records, "
                           "first_time, last_time, started, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')");
    const QByteArray source = info.source.toUtf8();
    const QByteArray modelPath = info.modelPath.toUtf8();
    const QByteArray sha = info.modelSha256.toUtf8();
    const QByteArray model = QJsonDocument(info.model).toJson(QJsonDocument::Compact);
    if (s.ok()) {
        s.bind(1, source);
        s.bind(2, modelPath);
        s.bind(3, sha);
        s.bind(4, model);
        s.bind(5, std::int64_t{info.window});
        s.bind(6, features::transformName(info.transform));
        s.bind(7, std::int64_t{info.records});
        s.bind(8, info.firstTime);
        s.bind(9, info.lastTime);
        s.bind(10, std::int64_t{info.started.toSecsSinceEpoch()});
    }
    if (!s.ok() || s.step() != SQLITE_DONE) {
        *error = failure(QStringLiteral("cannot add the run"));
        return false;
    }
    info.id = sqlite3_last_insert_rowid(db_);
    return true;
}

bool PredictionLog::reopenRun(const RunInfo& current, qint64 id, QString* error)
{
    const auto stored = run(id, error);
    if (!stored)
        return false;
    if (stored->status == RunStatus::Finished) {
        *error = QStringLiteral("run %1 in '%2' is already finished").arg(id).arg(path_);
        return false;
    }
    if (stored->modelSha256 != current.modelSha256) {
        *error = QStringLiteral("the model file '%1' is not the one run %2 used (its SHA-256 differs)")
                     .arg(current.modelPath)
                     .arg(id);
        return false;
    }
    if (stored->records != current.records) {
        *error = QStringLiteral("the data has %1 records but run %2 replayed %3: not the same data")
                     .arg(current.records)
                     .arg(id)
                     .arg(stored->records);
        return false;
    }
    SqliteStatement s(db_, "UPDATE runs SET status = 'running', finished = NULL WHERE id = ?");
    if (s.ok())
        s.bind(1, std::int64_t{id});
    if (!s.ok() || s.step() != SQLITE_DONE) {
        *error = failure(QStringLiteral("cannot reopen run %1").arg(id));
        return false;
    }
    return true;
}

bool PredictionLog::finishRun(qint64 id, RunStatus status, const QJsonObject& summary, QString* error)
{
    SqliteStatement s(db_, "UPDATE runs SET status = ?, finished = ?, summary = ? WHERE id = ?");
    const QByteArray json = QJsonDocument(summary).toJson(QJsonDocument::Compact);
    if (s.ok()) {
        s.bind(1, std::string_view(runStatusName(status)));
        s.bind(2, std::int64_t{QDateTime::currentSecsSinceEpoch()});
        s.bind(3, json);
        s.bind(4, std::int64_t{id});
    }
    if (!s.ok() || s.step() != SQLITE_DONE) {
        *error = failure(QStringLiteral("cannot record the end of run %1").arg(id));
        return false;
    }
    return true;
}

std::optional<std::vector<RunInfo>> PredictionLog::runs(QString* error)
{
    SqliteStatement s(db_, std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id");
    std::vector<RunInfo> result;
    int rc = s.ok() ? s.step() : SQLITE_ERROR;
    for (; rc == SQLITE_ROW; rc = s.step())
        result.push_back(readRun(s));
    if (rc != SQLITE_DONE) {
        *error = failure(QStringLiteral("cannot read the runs"));
        return std::nullopt;
    }
    return result;
}

std::optional<std::vector<std::string>> PredictionLog::stockNames(QString* error)
{
    SqliteStatement s(db_, "SELECT name FROM stocks ORDER BY name");
    std::vector<std::string> names;
    int rc = s.ok() ? s.step() : SQLITE_ERROR;
    for (; rc == SQLITE_ROW; rc = s.step())
        names.emplace_back(s.text(0));
    if (rc != SQLITE_DONE) {
        *error = failure(QStringLiteral("cannot read the stock names"));
        return std::nullopt;
    }
    return names;
}

std::optional<RunInfo> PredictionLog::run(qint64 id, QString* error)
{
    SqliteStatement s(db_, std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?");
    if (s.ok())
        s.bind(1, std::int64_t{id});
    const int rc = s.ok() ? s.step() : SQLITE_ERROR;
    if (rc == SQLITE_ROW) {
        RunInfo r = readRun(s);
        s.reset();
        return r;
    }
    *error = rc == SQLITE_DONE ? QStringLiteral("the prediction log '%1' has no run %2").arg(path_).arg(id)
                               : failure(QStringLiteral("cannot read run %1").arg(id));
    return std::nullopt;
}

std::optional<qint64> PredictionLog::latestRun(QString* error)
{
    SqliteStatement s(db_, "SELECT max(id) FROM runs");
    if (!s.ok() || s.step() != SQLITE_ROW) {
        *error = failure(QStringLiteral("cannot read the runs"));
        return std::nullopt;
    }
    if (s.isNull(0)) {
        *error = QStringLiteral("the prediction log '%1' has no runs yet").arg(path_);
        return std::nullopt;
    }
    const qint64 id = s.integer(0);
    s.reset();
    return id;
}

bool PredictionLog::deleteRun(qint64 id, QString* error)
{
    // A run's calls go a slice of its time at a time, each slice in a
    // transaction of its own: a replay logging meanwhile waits for one
    // slice, not for a whole run of millions of calls (its wait for the
    // lock is bounded by the busy timeout).
    for (const char* table : {"predictions", "call_details", "online_calls"})
        if (hasTable(table) && !deleteCalls(table, id, error))
            return false;
    if (!exec("BEGIN IMMEDIATE", error))
        return false;
    // The run's row last: until it goes, a failed deletion shows as the run,
    // to delete again.
    const std::vector<std::string> last = {hasTable("latest_calls") ? "DELETE FROM latest_calls WHERE run = ?" : "",
                                           "DELETE FROM runs WHERE id = ?"};
    for (const std::string& sql : last) {
        if (sql.empty())
            continue;
        SqliteStatement s(db_, sql);
        if (s.ok())
            s.bind(1, std::int64_t{id});
        if (!s.ok() || s.step() != SQLITE_DONE) {
            *error = failure(QStringLiteral("cannot delete run %1").arg(id));
            rollback();
            return false;
        }
    }
    return exec("COMMIT", error);
}

bool PredictionLog::deleteCalls(const char* table, qint64 id, QString* error)
{
    constexpr std::int64_t kCallsPerTransaction = 100000;
    // The time of the run's call that many calls on: the slice ends there.
    SqliteStatement next(db_, std::string("SELECT time FROM ") + table
                                  + " WHERE run = ?1 ORDER BY time LIMIT 1 OFFSET ?2");
    SqliteStatement slice(db_, std::string("DELETE FROM ") + table + " WHERE run = ?1 AND time <= ?2");
    for (bool more = true; more;) {
        if (!exec("BEGIN IMMEDIATE", error))
            return false;
        bool ok = next.ok() && slice.ok();
        if (ok) {
            next.bind(1, std::int64_t{id});
            next.bind(2, kCallsPerTransaction);
            const int rc = next.step();
            ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
            more = rc == SQLITE_ROW;
            slice.bind(1, std::int64_t{id});
            slice.bind(2, more ? next.integer(0) : std::numeric_limits<Timestamp>::max());
            next.reset();
        }
        if (!ok || slice.step() != SQLITE_DONE) {
            *error = failure(QStringLiteral("cannot delete run %1").arg(id));
            rollback();
            return false;
        }
        if (!exec("COMMIT", error))
            return false;
    }
    return true;
}

std::optional<int> PredictionLog::keepLatest(int count, QString* error)
{
    std::vector<qint64> old;
    {
        SqliteStatement s(db_, "SELECT id FROM runs WHERE status != 'running' AND id NOT IN "
                               "(SELECT id FROM runs ORDER BY id DESC LIMIT ?) ORDER BY id");
        if (s.ok())
            s.bind(1, std::int64_t{std::max(count, 0)});
        int rc = s.ok() ? s.step() : SQLITE_ERROR;
        for (; rc == SQLITE_ROW; rc = s.step())
            old.push_back(s.integer(0));
        if (rc != SQLITE_DONE) {
            *error = failure(QStringLiteral("cannot read the runs"));
            return std::nullopt;
        }
    }
    for (const qint64 id : old)
        if (!deleteRun(id, error))
            return std::nullopt;
    return static_cast<int>(old.size());
}

bool PredictionLog::reclaimSpace(QString* error)
{
    const auto mode = scalar("PRAGMA auto_vacuum");
    if (!mode) {
        *error = failure(QStringLiteral("cannot read the vacuum mode"));
        return false;
    }
    constexpr std::int64_t kIncremental = 2;
    if (*mode != kIncremental && !exec("PRAGMA auto_vacuum = INCREMENTAL; VACUUM", error))
        return false;
    // A step at a time, each its own transaction, for the same reason as
    // deleteRun's slices.
    constexpr const char* kFreeSomePages = "PRAGMA incremental_vacuum(4096)";
    std::int64_t before = std::numeric_limits<std::int64_t>::max();
    for (auto free = scalar("PRAGMA freelist_count"); free != 0; free = scalar("PRAGMA freelist_count")) {
        if (!free) {
            *error = failure(QStringLiteral("cannot read the free pages"));
            return false;
        }
        // A step that frees nothing (the file cannot shrink now) ends it.
        if (*free >= before)
            break;
        before = *free;
        if (!exec(kFreeSomePages, error))
            return false;
    }
    // The freed pages leave the database file only once the write-ahead
    // log is copied back into it; TRUNCATE empties the latter too.
    return exec("PRAGMA wal_checkpoint(TRUNCATE)", error);
}

qint64 PredictionLog::fileSize() const
{
    const QFileInfo wal(path_ + QStringLiteral("-wal"));
    return QFileInfo(path_).size() + (wal.exists() ? wal.size() : 0);
}

std::optional<std::vector<std::string>> PredictionLog::runStocks(qint64 run, QString* error)
{
    const auto covered = latestCallsCover(run);
    if (!covered) {
        readFailed(run, error);
        return std::nullopt;
    }
    if (!*covered)
        return stockNames(error);
    SqliteStatement s(db_, "SELECT s.name FROM latest_calls AS l JOIN stocks AS s ON s.id = l.stock WHERE l.run = ? "
                           "ORDER BY s.name");
    if (s.ok())
        s.bind(1, std::int64_t{run});
    std::vector<std::string> names;
    int rc = s.ok() ? s.step() : SQLITE_ERROR;
    for (; rc == SQLITE_ROW; rc = s.step())
        names.emplace_back(s.text(0));
    if (rc != SQLITE_DONE) {
        readFailed(run, error);
        return std::nullopt;
    }
    return names;
}

bool PredictionLog::hasTable(const char* name)
{
    SqliteStatement s(db_, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
    if (s.ok())
        s.bind(1, std::string_view(name));
    const bool found = s.ok() && s.step() == SQLITE_ROW && s.integer(0) != 0;
    s.reset();
    return found;
}

std::optional<std::vector<std::int64_t>> PredictionLog::stockIds(const MarketData& data, QString* error)
{
    if (!exec("BEGIN IMMEDIATE", error))
        return std::nullopt;
    SqliteStatement add(db_, "INSERT OR IGNORE INTO stocks (name) VALUES (?)");
    SqliteStatement find(db_, "SELECT id FROM stocks WHERE name = ?");
    std::vector<std::int64_t> ids;
    ids.reserve(data.stockCount());
    for (const StockSeries& stock : data.stocks()) {
        if (!add.ok() || !find.ok())
            break;
        add.bind(1, std::string_view(stock.name));
        find.bind(1, std::string_view(stock.name));
        if (add.step() != SQLITE_DONE || find.step() != SQLITE_ROW)
            break;
        ids.push_back(find.integer(0));
        find.reset();
    }
    if (ids.size() != data.stockCount()) {
        *error = failure(QStringLiteral("cannot record the stocks"));
        rollback();
        return std::nullopt;
    }
    if (!exec("COMMIT", error))
        return std::nullopt;
    return ids;
}

bool PredictionLog::forEach(const Query& query, const std::function<bool(const PredictionRecord&)>& visit,
                            QString* error)
{
    const auto runInfo = run(query.run, error);
    if (!runInfo)
        return false;
    const auto online = hasOnlineCalls(query.run, error);
    if (!online)
        return false;
    const Timestamp from = query.from.value_or(std::numeric_limits<Timestamp>::min() + 1);
    const Timestamp to = query.to.value_or(std::numeric_limits<Timestamp>::max());
    if (query.stock)
        return visitStock(*runInfo, *online, *query.stock, {from, to}, visit, error);
    return visitRun(*runInfo, *online, {from, to}, visit, error);
}

bool PredictionLog::visitStock(const RunInfo& run, bool online, const std::string& name, TimeRange range,
                               const std::function<bool(const PredictionRecord&)>& visit, QString* error)
{
    SqliteStatement find(db_, "SELECT id FROM stocks WHERE name = ?");
    if (!find.ok())
        return readFailed(run.id, error);
    find.bind(1, std::string_view(name));
    const int rc = find.step();
    if (rc == SQLITE_DONE)
        return true;  // a stock the log never saw has no calls
    if (rc != SQLITE_ROW)
        return readFailed(run.id, error);
    const std::int64_t stock = find.integer(0);
    find.reset();
    // The next timestamp of the run after ?2, and the stock's call at it if
    // any: the columns of kCallColumns, then call_details' and online_calls'.
    SqliteStatement hop(db_, std::string("SELECT t.time, p.stock, p.margin, p.up, p.actual, p.next_close, d.window, "
                                         "d.p_up, d.resolved_time")
                                 + (online ? kOnlineColumns : "")
                                 + " FROM (SELECT min(time) AS time FROM predictions WHERE run = ?1 AND time > ?2) "
                                   "AS t LEFT JOIN predictions AS p ON p.run = ?1 AND p.time = t.time AND p.stock = ?3"
                                 + kDetailJoin + onlineJoin(online));
    if (!hop.ok())
        return readFailed(run.id, error);
    hop.bind(1, std::int64_t{run.id});
    hop.bind(3, stock);
    // Windows are rebuilt from the run's first call on. A call is visited
    // once the stock's next one is read, whose time is the call's
    // resolution's unless the log says otherwise.
    CallChain chain;
    StoredCall call;
    PredictionRecord record;
    PredictionRecord held;
    bool holding = false;
    bool resolvedAtNext = false;
    record.stock = name;
    held.stock = name;
    for (Timestamp after = std::numeric_limits<Timestamp>::min();;) {
        hop.bind(2, after);
        if (hop.step() != SQLITE_ROW)
            return readFailed(run.id, error);
        const bool end = hop.isNull(0) || (hop.integer(0) > range.to && !holding);
        // Each hop must move on: a damaged time (text where a number
        // belongs) would otherwise send it back and round forever.
        if (!end && hop.integer(0) <= after)
            return damaged(run.id, error);
        if (end) {
            hop.reset();
            if (holding)
                visit(held);
            return true;
        }
        after = hop.integer(0);
        if (!hop.isNull(1)) {
            readStored(hop, 0, call);
            readDetails(hop, 6, call);
            if (!chain.follow(call, run.transform, record) || (online && !readOnline(hop, 9, record)))
                return damaged(run.id, error);
            if (holding) {
                if (resolvedAtNext)
                    held.resolvedTime = record.time;
                holding = false;
                if (!visit(held)) {
                    hop.reset();
                    return true;
                }
            }
            if (record.time >= range.from && record.time <= range.to) {
                std::swap(held, record);
                holding = true;
                resolvedAtNext = held.actual && !call.resolvedTime;
            }
        }
        hop.reset();
    }
}

bool PredictionLog::visitRun(const RunInfo& run, bool online, TimeRange range,
                             const std::function<bool(const PredictionRecord&)>& visit, QString* error)
{
    // By id, whatever the ids are: a damaged file may hold any number there.
    std::unordered_map<std::int64_t, std::string> names;
    {
        SqliteStatement s(db_, "SELECT id, name FROM stocks");
        int rc = s.ok() ? s.step() : SQLITE_ERROR;
        for (; rc == SQLITE_ROW; rc = s.step())
            names[s.integer(0)] = s.text(1);
        if (rc != SQLITE_DONE)
            return readFailed(run.id, error);
    }
    // Windows are rebuilt from the run's first call on; the calls and their
    // call_details rows are read side by side, both in key order.
    SqliteStatement calls(db_, std::string("SELECT ") + kCallColumns + (online ? kOnlineColumns : "")
                                   + " FROM predictions AS p" + onlineJoin(online)
                                   + " WHERE p.run = ?1 AND p.time <= ?2 ORDER BY p.time, p.stock");
    SqliteStatement details(db_, "SELECT time, stock, window, p_up, resolved_time FROM call_details WHERE run = ?1 "
                                 "AND time <= ?2 ORDER BY time, stock");
    if (!calls.ok() || !details.ok())
        return readFailed(run.id, error);
    for (SqliteStatement* s : {&calls, &details}) {
        s->bind(1, std::int64_t{run.id});
        s->bind(2, range.to);
    }
    CallChain chain;
    StoredCall call;
    PredictionRecord record;
    int detail = details.step();
    int rc = calls.step();
    for (; rc == SQLITE_ROW; rc = calls.step()) {
        readStored(calls, 0, call);
        const auto key = std::pair(call.time, call.stock);
        while (detail == SQLITE_ROW && std::pair(details.integer(0), details.integer(1)) < key)
            detail = details.step();
        if (detail != SQLITE_ROW && detail != SQLITE_DONE)
            return readFailed(run.id, error);
        if (detail == SQLITE_ROW && std::pair(details.integer(0), details.integer(1)) == key)
            readDetails(details, 2, call);
        else
            call.window.reset(), call.pUp.reset(), call.resolvedTime.reset();
        if (!chain.follow(call, run.transform, record) || (online && !readOnline(calls, kCallColumnCount, record)))
            return damaged(run.id, error);
        if (call.time < range.from)
            continue;
        const auto name = names.find(call.stock);
        record.stock = name != names.end() ? name->second : std::string();
        if (!visit(record)) {
            calls.reset();
            details.reset();
            return true;
        }
    }
    details.reset();
    return rc == SQLITE_DONE || readFailed(run.id, error);
}

std::optional<std::int64_t> PredictionLog::count(const Query& query, QString* error)
{
    std::int64_t calls = 0;
    // One stock's calls are found a timestamp at a time anyway: counting
    // them is visiting them.
    if (query.stock) {
        if (!forEach(query, [&](const PredictionRecord&) { ++calls; return true; }, error))
            return std::nullopt;
        return calls;
    }
    SqliteStatement s(db_, "SELECT count(*) FROM predictions WHERE run = ?1 AND time BETWEEN ?2 AND ?3");
    if (s.ok()) {
        s.bind(1, std::int64_t{query.run});
        s.bind(2, query.from.value_or(std::numeric_limits<Timestamp>::min()));
        s.bind(3, query.to.value_or(std::numeric_limits<Timestamp>::max()));
    }
    if (!s.ok() || s.step() != SQLITE_ROW) {
        readFailed(query.run, error);
        return std::nullopt;
    }
    calls = s.integer(0);
    s.reset();
    return calls;
}

std::optional<std::vector<PredictionRecord>> PredictionLog::latestCalls(qint64 run, QString* error)
{
    const auto runInfo = this->run(run, error);
    if (!runInfo)
        return std::nullopt;
    const auto online = hasOnlineCalls(run, error);
    if (!online)
        return std::nullopt;
    const auto covered = latestCallsCover(run);
    if (!covered) {
        readFailed(run, error);
        return std::nullopt;
    }
    std::vector<PredictionRecord> latest;
    if (!*covered) {
        // One pass over the run, keeping each stock's last call.
        std::map<std::string, PredictionRecord> byName;
        const bool read = visitRun(*runInfo, *online, {std::numeric_limits<Timestamp>::min(),
                                                       std::numeric_limits<Timestamp>::max()},
                                   [&](const PredictionRecord& r) { byName[r.stock] = r; return true; }, error);
        if (!read)
            return std::nullopt;
        for (auto& [name, record] : byName)
            latest.push_back(std::move(record));
        return latest;
    }
    // CROSS JOIN makes SQLite look each call up from latest_calls, which
    // holds its whole window; left to choose, it planned a pass over the
    // run's calls. Ordered by name as the stock list is; a call whose stock
    // id has no name (only in a damaged file) comes first, with an empty name.
    SqliteStatement s(db_, std::string("SELECT ") + kCallColumns + ", l.window, d.p_up, d.resolved_time, n.name"
                               + (*online ? kOnlineColumns : "")
                               + " FROM latest_calls AS l CROSS JOIN predictions AS p ON p.run = ?1 AND p.time = "
                                 "l.time AND p.stock = l.stock"
                               + kDetailJoin + onlineJoin(*online)
                               + " LEFT JOIN stocks AS n ON n.id = p.stock WHERE l.run = ?1 ORDER BY n.name, "
                                 "p.stock");
    if (!s.ok()) {
        readFailed(run, error);
        return std::nullopt;
    }
    s.bind(1, std::int64_t{run});
    StoredCall call;
    PredictionRecord record;
    int rc = s.step();
    for (; rc == SQLITE_ROW; rc = s.step()) {
        readStored(s, 0, call);
        readDetails(s, kCallColumnCount, call);
        if (!CallChain::read(call, runInfo->transform, record)
            || (*online && !readOnline(s, kCallColumnCount + 4, record))) {
            damaged(run, error);
            return std::nullopt;
        }
        record.stock = s.text(kCallColumnCount + 3);
        latest.push_back(record);
    }
    if (rc != SQLITE_DONE) {
        readFailed(run, error);
        return std::nullopt;
    }
    return latest;
}

std::optional<bool> PredictionLog::latestCallsCover(qint64 run)
{
    if (scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'latest_calls'") == 0)
        return false;
    SqliteStatement s(db_, kLatestCallsCover);
    if (s.ok())
        s.bind(1, std::int64_t{run});
    if (!s.ok() || s.step() != SQLITE_ROW)
        return std::nullopt;
    const bool covered = s.integer(0) != 0;
    s.reset();
    return covered;
}

bool PredictionLog::readFailed(qint64 run, QString* error) const
{
    *error = failure(QStringLiteral("cannot read the predictions of run %1").arg(run));
    return false;
}

bool PredictionLog::damaged(qint64 run, QString* error) const
{
    *error = QStringLiteral("the prediction log '%1' is damaged: a call of run %2 does not hold 2 to 60 closes or a valid time")
                 .arg(path_)
                 .arg(run);
    return false;
}

std::optional<std::vector<PredictionRecord>> PredictionLog::stockHistory(qint64 run, const std::string& stock,
                                                                         QString* error)
{
    std::vector<PredictionRecord> history;
    Query query;
    query.run = run;
    query.stock = stock;
    if (!forEach(query, [&](const PredictionRecord& r) { history.push_back(r); return true; }, error))
        return std::nullopt;
    return history;
}

std::optional<std::int64_t> PredictionLog::predictionCount(qint64 run, QString* error)
{
    SqliteStatement s(db_, "SELECT count(*) FROM predictions WHERE run = ?");
    if (s.ok())
        s.bind(1, std::int64_t{run});
    if (!s.ok() || s.step() != SQLITE_ROW) {
        *error = failure(QStringLiteral("cannot count the predictions of run %1").arg(run));
        return std::nullopt;
    }
    const std::int64_t count = s.integer(0);
    s.reset();
    return count;
}

std::optional<bool> PredictionLog::hasOnlineCalls(qint64 run, QString* error)
{
    const auto table = scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'online_calls'");
    if (table == 0)
        return false;
    SqliteStatement s(db_, "SELECT EXISTS (SELECT 1 FROM online_calls WHERE run = ?)");
    if (s.ok())
        s.bind(1, std::int64_t{run});
    if (!table || !s.ok() || s.step() != SQLITE_ROW) {
        *error = failure(QStringLiteral("cannot read the online data of run %1").arg(run));
        return std::nullopt;
    }
    return s.integer(0) != 0;
}

bool PredictionLog::holdLatestCalls(QString* error)
{
    return exec(kLatestCallsSchema, error);
}

} // namespace ss
