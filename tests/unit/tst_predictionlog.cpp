// The prediction log's database: its schema, its runs, and every file or
// situation it must refuse with one clear message instead of a crash or a
// silent loss: missing and read-only folders, files that are not logs, logs
// from a newer version, a database locked by another program, a damaged
// file, and stock names made of quotes and SQL.
#include "core/model/LogisticModel.h"
#include "core/storage/PredictionExporter.h"
#include "core/storage/PredictionLogWriter.h"
#include "core/storage/RunRecorder.h"
#include "core/stream/ReplayEngine.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "LatestRecords.h"
#include "LoggedReplay.h"
#include "SqliteProbe.h"

#include <set>
#include <unistd.h>

using namespace ss;

namespace {


void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

StockSeries series(const std::string& name, std::vector<double> closes)
{
    StockSeries s;
    s.name = name;
    for (std::size_t i = 0; i < closes.size(); ++i)
        s.times.push_back(timestamp::fromCivil(2001, 1, 1) + static_cast<Timestamp>(i) * timestamp::kSecondsPerDay);
    s.closes = std::move(closes);
    return s;
}

const LogisticModel kModel(3, FeatureTransform::Raw, {0.5, -1.0, 0.25}, 0.1);

} // namespace

class TestPredictionLog : public QObject {
    Q_OBJECT

private slots:
    void init();
    void createsTheDocumentedSchema();
    void reopensItsOwnLog();
    void refuses_data();
    void refuses();
    void refusesAReadOnlyFolder();
    void runLifecycle();
    void reopenChecksModelAndData_data();
    void reopenChecksModelAndData();
    void waitsForALockThenSaysSo();
    void namesOfQuotesAndSqlStayText();
    void damagedFileIsAnErrorNotACrash();
    void latestCallsAreEachStocksLast_data();
    void latestCallsAreEachStocksLast();
    void latestCallsFollowEveryBatch();
    void pUpStoredOnlyWhereNotTheMargins_data();
    void pUpStoredOnlyWhereNotTheMargins();
    void readOnlyLogFromBeforeLatestCalls();

private:
    RunInfo newRun(PredictionLog& log, const MarketData& data);
    // Replays `data` into a new run of `log`; returns the run id.
    qint64 replay(PredictionLog& log, const std::shared_ptr<const MarketData>& data);

    // Each stock's latest record of the run, worked out from its JSON-lines export.
    QByteArrayList latestExported(PredictionLog& log, qint64 run);
    // Two runs of stocks that end on different days, in a new log at `path`.
    std::vector<qint64> replayTwoRuns(const QString& path);

    std::unique_ptr<QTemporaryDir> dir_;
    QString modelFile_;
};

void TestPredictionLog::init()
{
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    modelFile_ = dir_->filePath("model.json");
    QString error;
    QVERIFY2(kModel.save(modelFile_, &error), qPrintable(error));
}

RunInfo TestPredictionLog::newRun(PredictionLog& log, const MarketData& data)
{
    QString error;
    auto run = PredictionLog::describeRun("data", modelFile_, kModel, data, &error);
    if (!run || !log.beginRun(*run, &error))
        qFatal("%s", qPrintable(error));
    return *run;
}

qint64 TestPredictionLog::replay(PredictionLog& log, const std::shared_ptr<const MarketData>& data)
{
    return loggedreplay::replay(log, kModel, modelFile_, data);
}

QByteArrayList TestPredictionLog::latestExported(PredictionLog& log, qint64 run)
{
    const QString path = dir_->filePath(QStringLiteral("run-%1.jsonl").arg(run));
    PredictionLog::Query query;
    query.run = run;
    QString error;
    if (!PredictionExporter::exportTo(log, query, ExportFormat::JsonLines, path, {}, nullptr, &error))
        qFatal("%s", qPrintable(error));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return latestRecords(f.readAll());
}

std::vector<qint64> TestPredictionLog::replayTwoRuns(const QString& path)
{
    QString error;
    const auto log = PredictionLog::open(path, &error);
    if (!log)
        qFatal("%s", qPrintable(error));
    // Names whose byte order is not their order in the data: capitals
    // before small letters, UTF-8 after both; x.us too short for a call.
    const auto first = std::make_shared<const MarketData>(std::vector<StockSeries>{
        series("b.us", {1, 2, 1.5, 3, 2.5, 2, 4, 3}),
        series("a.us", {5, 4, 4.5, 4, 6}),
        series("\xc3\xa9.us", {2, 3, 2, 3, 2, 3, 2}),
        series("B.us", {7, 6, 8, 9, 8, 7, 6, 5, 4, 5}),
        series("x.us", {1, 2}),
    });
    // The second run ends a.us later and has no B.us.
    const auto second = std::make_shared<const MarketData>(std::vector<StockSeries>{
        series("a.us", {5, 4, 4.5, 4, 6, 5, 6, 7, 8, 9, 8}),
        series("b.us", {3, 2, 3, 4}),
    });
    return {replay(*log, first), replay(*log, second)};
}

// Each run's latest calls, from latest_calls (a log of this version), from
// one pass over the run (a log from before that table, or a run an older
// StockStream went on writing without it), are the last line of each
// stock in the run's export.
void TestPredictionLog::latestCallsAreEachStocksLast_data()
{
    QTest::addColumn<QByteArray>("change");  // made to the log before it is reopened
    QTest::newRow("this version's log") << QByteArray();
    QTest::newRow("a log from before latest_calls") << QByteArray("DROP TABLE latest_calls");
    QTest::newRow("calls an older version added") << QByteArray(
        "DELETE FROM latest_calls WHERE time = (SELECT max(time) FROM latest_calls AS l WHERE l.run = latest_calls.run)");
}

void TestPredictionLog::latestCallsAreEachStocksLast()
{
    QFETCH(QByteArray, change);
    const QString path = dir_->filePath("latest.sqlite");
    const std::vector<qint64> runs = replayTwoRuns(path);
    SqliteProbe probe(path);
    // What latest_calls holds, worked out from the calls themselves.
    QCOMPARE(probe.text("SELECT group_concat(run || ':' || stock || ':' || time, ' ') FROM latest_calls"),
             probe.text("SELECT group_concat(key, ' ') FROM (SELECT run || ':' || stock || ':' || max(time) AS key "
                        "FROM predictions GROUP BY run, stock ORDER BY run, stock)"));
    if (!change.isEmpty())
        QVERIFY(probe.exec(change.constData()));

    const QString schema = probe.text("SELECT group_concat(sql, ';') FROM sqlite_schema");
    QString error;
    const auto log = PredictionLog::open(path, &error);
    QVERIFY2(log, qPrintable(error));
    for (const qint64 run : runs) {
        const QByteArrayList expected = latestExported(*log, run);
        QVERIFY(expected.size() >= 2);
        const auto latest = log->latestCalls(run, &error);
        QVERIFY2(latest, qPrintable(error));
        QCOMPARE(jsonLines(*latest), expected);
    }
    QVERIFY(log->latestCalls(runs.back() + 1, &error) == std::nullopt);
    QVERIFY2(error.contains("has no run"), qPrintable(error));
    // Reading changed nothing: a log from before latest_calls gains it
    // only with calls written into it.
    QCOMPARE(probe.text("SELECT group_concat(sql, ';') FROM sqlite_schema"), schema);
    replay(*log, std::make_shared<const MarketData>(std::vector<StockSeries>{series("c.us", {1, 2, 3, 4})}));
    QCOMPARE(probe.text("SELECT count(*) FROM sqlite_schema WHERE name = 'latest_calls'"), QStringLiteral("1"));
}

// Batches of calls in stream order, then a resumed run writing its first
// calls again: latest_calls keeps each stock's latest.
void TestPredictionLog::latestCallsFollowEveryBatch()
{
    const QString path = dir_->filePath("batches.sqlite");
    QString error;
    const auto log = PredictionLog::open(path, &error);
    QVERIFY2(log, qPrintable(error));
    const MarketData data({series("a.us", {1, 2, 3, 4}), series("b.us", {1, 2, 3, 4})});
    const RunInfo run = newRun(*log, data);
    const auto ids = log->stockIds(data, &error);
    QVERIFY2(ids, qPrintable(error));
    PredictionLogWriter writer(*log, run.id, *ids);
    auto batch = [](std::vector<std::pair<std::size_t, int>> calls) {  // (stock, day)
        PredictionBatch b;
        for (const auto& [stock, day] : calls) {
            const Timestamp time = timestamp::fromCivil(2001, 1, 1) + day * timestamp::kSecondsPerDay;
            b.calls.push_back({stock, time, b.closes.size(), 3, 0.5, 0.6, true, -1, 0, 0.0, false, {}});
            b.closes.insert(b.closes.end(), {1.0, 2.0, 3.0});
        }
        return b;
    };
    QVERIFY2(writer.write(batch({{0, 2}, {1, 2}, {0, 3}}), &error), qPrintable(error));
    QVERIFY2(writer.write(batch({{1, 4}}), &error), qPrintable(error));
    QVERIFY2(writer.write(batch({{0, 2}, {1, 2}}), &error), qPrintable(error));  // resumed

    const SqliteProbe probe(path);
    QCOMPARE(probe.text("SELECT group_concat(s.name || ':' || l.time, ' ') FROM latest_calls AS l JOIN stocks AS s "
                        "ON s.id = l.stock ORDER BY s.name"),
             QStringLiteral("a.us:%1 b.us:%2")
                 .arg(timestamp::fromCivil(2001, 1, 4))
                 .arg(timestamp::fromCivil(2001, 1, 5)));
    const auto latest = log->latestCalls(run.id, &error);
    QVERIFY2(latest, qPrintable(error));
    QCOMPARE(latest->size(), std::size_t{2});
    QCOMPARE(latest->at(0).time, timestamp::fromCivil(2001, 1, 4));
    QCOMPARE(latest->at(1).time, timestamp::fromCivil(2001, 1, 5));
}

// A call's p_up is kept beside it only when it is not the model's
// probability of its margin, whether or not the caller vouched for it.
void TestPredictionLog::pUpStoredOnlyWhereNotTheMargins_data()
{
    QTest::addColumn<double>("pUp");
    QTest::addColumn<bool>("fromMargin");
    QTest::addColumn<bool>("stored");
    const double margins = LogisticModel::probability(0.5);
    QTest::newRow("the margin's") << margins << false << false;
    QTest::newRow("the margin's, vouched for") << margins << true << false;
    QTest::newRow("another") << 0.6 << false << true;
}

void TestPredictionLog::pUpStoredOnlyWhereNotTheMargins()
{
    QFETCH(double, pUp);
    QFETCH(bool, fromMargin);
    QFETCH(bool, stored);
    const QString path = dir_->filePath(QStringLiteral("p-up-%1.sqlite").arg(QTest::currentDataTag()));
    QString error;
    const auto log = PredictionLog::open(path, &error);
    QVERIFY2(log, qPrintable(error));
    const MarketData data({series("a.us", {1, 2, 3, 4})});
    const RunInfo run = newRun(*log, data);
    const auto ids = log->stockIds(data, &error);
    QVERIFY2(ids, qPrintable(error));
    PredictionLogWriter writer(*log, run.id, *ids);
    PredictionBatch batch;
    batch.calls.push_back({0, timestamp::fromCivil(2001, 1, 2), 0, 3, 0.5, pUp, true, -1, 0, 0.0, false, {},
                           fromMargin});
    batch.closes = {1.0, 2.0, 3.0};
    QVERIFY2(writer.write(batch, &error), qPrintable(error));

    QCOMPARE(SqliteProbe(path).text("SELECT count(p_up) FROM call_details"), stored ? QStringLiteral("1")
                                                                                     : QStringLiteral("0"));
    const auto latest = log->latestCalls(run.id, &error);
    QVERIFY2(latest && latest->size() == 1, qPrintable(error));
    QCOMPARE(latest->front().pUp, pUp);
}

// A log from before latest_calls that this user may only read opens as it
// is, without the table, and its latest calls are still read.
void TestPredictionLog::readOnlyLogFromBeforeLatestCalls()
{
    if (geteuid() == 0)
        QSKIP("running as root, which may write to any file");
    const QString path = dir_->filePath("old.sqlite");
    const std::vector<qint64> runs = replayTwoRuns(path);
    QVERIFY(SqliteProbe(path).exec("DROP TABLE latest_calls; PRAGMA wal_checkpoint(TRUNCATE)"));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner));
    QString error;
    const auto log = PredictionLog::open(path, &error);
    QVERIFY2(log, qPrintable(error));
    const auto latest = log->latestCalls(runs.front(), &error);
    QVERIFY2(latest, qPrintable(error));
    QCOMPARE(jsonLines(*latest), latestExported(*log, runs.front()));
}

void TestPredictionLog::createsTheDocumentedSchema()
{
    const QString path = dir_->filePath("new.sqlite");
    QString error;
    QVERIFY2(PredictionLog::open(path, &error), qPrintable(error));
    SqliteProbe db(path);
    QCOMPARE(db.text("PRAGMA application_id").toInt(), PredictionLog::kApplicationId);
    QCOMPARE(db.text("PRAGMA user_version").toInt(), PredictionLog::kSchemaVersion);
    QCOMPARE(db.text("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(db.text("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' "
                     "ORDER BY name)"),
             QStringLiteral("call_details latest_calls online_calls predictions runs stocks"));
    QCOMPARE(db.text("SELECT group_concat(name, ' ') FROM pragma_table_info('predictions')"),
             QStringLiteral("run time stock margin up actual next_close"));
    QCOMPARE(db.text("SELECT group_concat(name, ' ') FROM pragma_index_info('sqlite_autoindex_predictions_1')"),
             QStringLiteral("run time stock"));
    // No declared type, so no affinity turns a close's integer form into a REAL or back.
    QCOMPARE(db.text("SELECT type FROM pragma_table_info('predictions') WHERE name = 'next_close'"), QString());
    QCOMPARE(db.text("SELECT group_concat(name, ' ') FROM pragma_table_info('call_details')"),
             QStringLiteral("run time stock window p_up resolved_time"));
    QCOMPARE(db.text("SELECT group_concat(name, ' ') FROM pragma_index_info('sqlite_autoindex_call_details_1')"),
             QStringLiteral("run time stock"));
    // The key is the tables' own order: no index beside it.
    QCOMPARE(db.text("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('predictions', "
                     "'call_details')"),
             QStringLiteral("0"));
    QCOMPARE(db.text("SELECT group_concat(name, ' ') FROM pragma_table_info('online_calls')"),
             QStringLiteral("run time stock cluster predicted_close p_up"));
    QCOMPARE(db.text("SELECT group_concat(name, ' ') FROM pragma_index_info('sqlite_autoindex_online_calls_1')"),
             QStringLiteral("run time stock"));
    QCOMPARE(db.text("SELECT group_concat(name, ' ') FROM pragma_table_info('latest_calls')"),
             QStringLiteral("run stock time window"));
    QCOMPARE(db.text("SELECT group_concat(name, ' ') FROM pragma_index_info('sqlite_autoindex_latest_calls_1')"),
             QStringLiteral("run stock"));
}

void TestPredictionLog::reopensItsOwnLog()
{
    const QString path = dir_->filePath("again.sqlite");
    QString error;
    {
        const auto log = PredictionLog::open(path, &error);
        QVERIFY(log);
        newRun(*log, MarketData({series("a.us", {1, 2, 3, 4})}));
    }
    const auto log = PredictionLog::open(path, &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->runs(&error)->size(), std::size_t{1});
}

void TestPredictionLog::refuses_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("contents");  // written first unless empty
    QTest::addColumn<QByteArray>("sql");       // run on it first unless empty
    QTest::addColumn<QString>("message");
    QTest::newRow("missing folder") << "no-such-folder/log.sqlite" << QByteArray() << QByteArray()
                                    << "does not exist";
    QTest::newRow("a folder") << "." << QByteArray() << QByteArray() << "it is a folder";
    QTest::newRow("text, not a database") << "notes.sqlite" << QByteArray(5000, 'x') << QByteArray()
                                          << "is not a StockStream prediction log (file is not a database)";
    QTest::newRow("another program's database")
        << "other.sqlite" << QByteArray() << QByteArray("CREATE TABLE customers (name TEXT)")
        << "is not a StockStream prediction log (it holds another program's data)";
    QTest::newRow("another application id")
        << "other-id.sqlite" << QByteArray() << QByteArray("PRAGMA application_id = 42; CREATE TABLE t (x)")
        << "it holds another program's data";
    QTest::newRow("a newer log")
        << "newer.sqlite" << QByteArray()
        << QByteArray("PRAGMA application_id = " + QByteArray::number(PredictionLog::kApplicationId)
                      + "; PRAGMA user_version = 9; CREATE TABLE runs (id)")
        << "was written by a newer StockStream (log version 9";
    // The version after this one's, with this version's tables: still refused.
    QTest::newRow("the next version")
        << "next.sqlite" << QByteArray()
        << QByteArray("PRAGMA application_id = " + QByteArray::number(PredictionLog::kApplicationId)
                      + "; PRAGMA user_version = 4; CREATE TABLE runs (id); CREATE TABLE call_details (run)")
        << "was written by a newer StockStream (log version 4; this version reads up to 3)";
    // Versions 1 and 2 kept every call's whole window: refused, saying so.
    for (const int version : {1, 2})
        QTest::newRow(qPrintable(QStringLiteral("version %1").arg(version)))
            << QStringLiteral("version-%1.sqlite").arg(version) << QByteArray()
            << QByteArray("PRAGMA application_id = " + QByteArray::number(PredictionLog::kApplicationId)
                          + "; PRAGMA user_version = " + QByteArray::number(version)
                          + "; CREATE TABLE runs (id); CREATE TABLE predictions (run)")
            << QStringLiteral("was written by an older StockStream (log version %1), which kept every call's whole "
                              "window; this version keeps each close once and reads only version 3 logs: log to a "
                              "new file, or export its runs with the version that wrote it")
                   .arg(version);
}

void TestPredictionLog::refuses()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, contents);
    QFETCH(QByteArray, sql);
    QFETCH(QString, message);
    const QString path = dir_->filePath(file);
    if (!contents.isEmpty())
        writeFile(path, contents);
    if (!sql.isEmpty())
        QVERIFY(SqliteProbe(path).exec(sql.constData()));
    const QByteArray before = contents.isEmpty() ? QByteArray() : contents;

    QString error;
    QVERIFY(!PredictionLog::open(path, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!error.contains('\n'));
    if (!contents.isEmpty()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);  // refused, and left as it was
    }
}

void TestPredictionLog::refusesAReadOnlyFolder()
{
    const QString folder = dir_->filePath("read-only");
    QVERIFY(QDir().mkdir(folder));
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    QString error;
    const auto log = PredictionLog::open(folder + "/log.sqlite", &error);
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (log && geteuid() == 0)
        QSKIP("running as root, which may write into any folder "
              "(tst_predictionlogcli::readOnlyFileSystemIsNamed refuses root too)");
    QVERIFY(!log);
    QCOMPARE(error, QStringLiteral("cannot open the prediction log '%1/log.sqlite': cannot create files in the "
                                   "folder '%1' (Permission denied)")
                        .arg(folder));
}

void TestPredictionLog::runLifecycle()
{
    QString error;
    const auto log = PredictionLog::open(dir_->filePath("runs.sqlite"), &error);
    QVERIFY(log);
    QVERIFY(!log->latestRun(&error));
    QVERIFY(error.contains("no runs yet"));

    const MarketData data({series("a.us", {1, 2, 3, 4}), series("b.us", {5, 4})});
    const RunInfo first = newRun(*log, data);
    const RunInfo second = newRun(*log, data);
    QCOMPARE(log->latestRun(&error), std::optional<qint64>(second.id));
    QVERIFY(log->finishRun(first.id, RunStatus::Stopped, {{"windows", 2}}, &error));

    const auto runs = log->runs(&error);
    QVERIFY(runs);
    QCOMPARE(runs->size(), std::size_t{2});
    const RunInfo& stored = runs->front();
    QCOMPARE(stored.status, RunStatus::Stopped);
    QVERIFY(stored.finished.isValid());
    QCOMPARE(stored.summary.value("windows").toInt(), 2);
    QCOMPARE(stored.records, qint64{6});
    QCOMPARE(stored.window, 3);
    QCOMPARE(stored.transform, FeatureTransform::Raw);
    QCOMPARE(stored.model, kModel.toJson());
    QCOMPARE(stored.modelPath, QFileInfo(modelFile_).absoluteFilePath());
    QFile model(modelFile_);
    QVERIFY(model.open(QIODevice::ReadOnly));
    QCOMPARE(stored.modelSha256,
             QString::fromLatin1(QCryptographicHash::hash(model.readAll(), QCryptographicHash::Sha256).toHex()));
    QCOMPARE(runs->back().status, RunStatus::Running);
    QVERIFY(!runs->back().finished.isValid());
    QVERIFY(!log->run(99, &error));
    QVERIFY(error.contains("has no run 99"));
}

void TestPredictionLog::reopenChecksModelAndData_data()
{
    QTest::addColumn<bool>("finishFirst");
    QTest::addColumn<bool>("otherModel");
    QTest::addColumn<bool>("otherData");
    QTest::addColumn<QString>("message");  // empty: reopens
    QTest::newRow("interrupted") << false << false << false << "";
    QTest::newRow("already finished") << true << false << false << "already finished";
    QTest::newRow("another model file") << false << true << false << "SHA-256 differs";
    QTest::newRow("other data") << false << false << true << "not the same data";
}

void TestPredictionLog::reopenChecksModelAndData()
{
    QFETCH(bool, finishFirst);
    QFETCH(bool, otherModel);
    QFETCH(bool, otherData);
    QFETCH(QString, message);
    QString error;
    const auto log = PredictionLog::open(dir_->filePath("reopen.sqlite"), &error);
    const MarketData data({series("a.us", {1, 2, 3, 4})});
    const RunInfo run = newRun(*log, data);
    if (finishFirst)
        QVERIFY(log->finishRun(run.id, RunStatus::Finished, {}, &error));
    if (otherModel)
        writeFile(modelFile_, "{}");
    const MarketData other({series("a.us", {1, 2, 3, 4, 5})});
    const auto current = PredictionLog::describeRun("data", modelFile_, kModel, otherData ? other : data, &error);
    QVERIFY(current);
    const bool reopened = log->reopenRun(*current, run.id, &error);
    QCOMPARE(reopened, message.isEmpty());
    if (!reopened)
        QVERIFY2(error.contains(message), qPrintable(error));
    else
        QCOMPARE(log->run(run.id, &error)->status, RunStatus::Running);
}

void TestPredictionLog::waitsForALockThenSaysSo()
{
    const QString path = dir_->filePath("locked.sqlite");
    QString error;
    const MarketData data({series("a.us", {1, 2, 3, 4})});
    qint64 committedRun = 0;
    {
        const auto log = PredictionLog::open(path, &error);
        committedRun = newRun(*log, data).id;
    }
    SqliteProbe other(path);
    QVERIFY(other.exec("BEGIN IMMEDIATE; INSERT INTO stocks (name) VALUES ('held.us')"));

    const auto log = PredictionLog::open(path, &error, {std::chrono::milliseconds(50)});
    QVERIFY2(log, qPrintable(error));  // reading goes on beside a writer
    auto run = PredictionLog::describeRun("data", modelFile_, kModel, data, &error);
    QVERIFY(!log->beginRun(*run, &error));
    QVERIFY2(error.contains("another program is writing to it"), qPrintable(error));
    QVERIFY(log->run(committedRun, &error));  // what was committed is still there

    QVERIFY(other.exec("COMMIT"));
    QVERIFY2(log->beginRun(*run, &error), qPrintable(error));
}

void TestPredictionLog::namesOfQuotesAndSqlStayText()
{
    const std::vector<std::string> names = {"o'brien.us", "say \"hi\".us", "a,b.us",
                                            "x'); DROP TABLE predictions; --", "\xc3\xa9t\xc3\xa9.us"};
    std::vector<StockSeries> stocks;
    for (std::size_t i = 0; i < names.size(); ++i)
        stocks.push_back(series(names[i], {1.0 + static_cast<double>(i), 2, 1.5, 3, 2.5}));
    const auto data = std::make_shared<const MarketData>(std::move(stocks));
    QString error;
    const auto log = PredictionLog::open(dir_->filePath("names.sqlite"), &error);
    const qint64 run = replay(*log, data);

    for (const std::string& name : names) {
        const auto history = log->stockHistory(run, name, &error);
        QVERIFY2(history, qPrintable(error));
        QCOMPARE(history->size(), std::size_t{3});  // 5 closes, window 3
        QCOMPARE(history->front().stock, name);
    }
    QCOMPARE(*log->predictionCount(run, &error), static_cast<std::int64_t>(3 * names.size()));

    PredictionLog::Query query;
    query.run = run;
    const QString jsonl = dir_->filePath("names.jsonl");
    QVERIFY(PredictionExporter::exportTo(*log, query, ExportFormat::JsonLines, jsonl, {}, nullptr, &error));
    QFile json(jsonl);
    QVERIFY(json.open(QIODevice::ReadOnly));
    std::multiset<std::string> seen;
    for (const QByteArray& line : json.readAll().split('\n'))
        if (!line.isEmpty())
            seen.insert(QJsonDocument::fromJson(line).object().value("stock").toString().toStdString());
    for (const std::string& name : names)
        QCOMPARE(seen.count(name), std::size_t{3});

    const QString csv = dir_->filePath("names.csv");
    QVERIFY(PredictionExporter::exportTo(*log, query, ExportFormat::Csv, csv, {}, nullptr, &error));
    QFile table(csv);
    QVERIFY(table.open(QIODevice::ReadOnly));
    const QByteArray text = table.readAll();
    QCOMPARE(text.count("\r\n"), static_cast<qsizetype>(1 + 3 * names.size()));
    QVERIFY(text.contains("\r\n\"say \"\"hi\"\".us\",2001-01-03,"));
    QVERIFY(text.contains("\r\n\"a,b.us\",2001-01-03,"));
    QVERIFY(text.contains("\r\no'brien.us,2001-01-03,"));
    QVERIFY(text.contains("\r\nx'); DROP TABLE predictions; --,2001-01-03,"));
}

void TestPredictionLog::damagedFileIsAnErrorNotACrash()
{
    const QString path = dir_->filePath("damaged.sqlite");
    std::vector<StockSeries> stocks;
    for (int s = 0; s < 20; ++s) {
        std::vector<double> closes;
        for (int i = 0; i < 500; ++i)
            closes.push_back(1.0 + (i * 7 + s) % 13);
        stocks.push_back(series(QStringLiteral("s%1.us").arg(s).toStdString(), closes));
    }
    QString error;
    qint64 run = 0;
    {
        const auto log = PredictionLog::open(path, &error);
        run = replay(*log, std::make_shared<const MarketData>(std::move(stocks)));
    }
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 200000);
        f.seek(f.size() / 2);
        f.write(QByteArray(65536, '\x5a'));  // scribble over the middle of the table
    }
    const auto log = PredictionLog::open(path, &error);
    QVERIFY2(log, qPrintable(error));  // the header is intact
    PredictionLog::Query query;
    query.run = run;
    const auto written = PredictionExporter::exportTo(*log, query, ExportFormat::Csv, dir_->filePath("out.csv"), {},
                                                      nullptr, &error);
    QVERIFY(!written);
    QVERIFY2(error.contains("malformed"), qPrintable(error));
    QVERIFY(!QFile::exists(dir_->filePath("out.csv")));
}

QTEST_MAIN(TestPredictionLog)
#include "tst_predictionlog.moc"
