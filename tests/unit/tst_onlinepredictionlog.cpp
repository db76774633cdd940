// The learn-as-you-go models' figures in the prediction log and the exports:
// each logged call's cluster, predicted close and online p_up against what
// this test reads off the online stage itself, record by record; exports of
// runs without them exactly as before; and version-1 logs, built here from
// their schema text, refused with a message that says why.
#include "CliRun.h"
#include "LatestRecords.h"
#include "SqliteProbe.h"
#include "core/data/DataLoader.h"
#include "core/online/OnlineLearningStage.h"
#include "core/storage/PredictionLog.h"
#include "core/stream/PredictionPipeline.h"
#include "core/stream/TickMerger.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>

using namespace ss;

namespace {

// A year of eight of the sample's stocks: enough days for the centres to
// form and move, few enough records to look at the stage after each one.
const char* const kTickers[] = {"ge", "ibm", "jnj", "ko", "mcd", "msft", "pg", "xom"};

constexpr int kReturns = 5;  // the stage's default feature window

// A relative model of window 5, so the online scorer starts somewhere.
constexpr const char* kModel = R"({"format": "stockstream-logistic/1", "window": 5, "transform": "relative",
    "weights": [0.8, -1.5, 2.0, -3.0], "intercept": 0.02, "regularization": {"penalty": "l2", "C": 1.0}})";

// The version-1 schema as StockStream 0.1 created it: a frozen copy, on
// purpose, of what PredictionLog.cpp held then. The program's text may
// change; the files users already have may not.
constexpr const char* kVersionOneSchema = R"(
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
CREATE TABLE predictions (
    run INTEGER NOT NULL REFERENCES runs (id),
    time INTEGER NOT NULL,
    stock INTEGER NOT NULL REFERENCES stocks (id),
    window BLOB NOT NULL,
    margin REAL,
    p_up REAL,
    up INTEGER NOT NULL,
    actual INTEGER,
    resolved_time INTEGER,
    PRIMARY KEY (run, time, stock)
) WITHOUT ROWID;
PRAGMA application_id = 1397978226;  -- "SStr"
PRAGMA user_version = 1;
)";

// Two calls of a version-1 log: closes in quarters (so every feature is
// exact), margins whose probabilities are written out below by hand.
constexpr const char* kVersionOneRows = R"(
INSERT INTO runs VALUES (1, '/data', '/m.json', 'ab', '{}', 5, 'relative', 12, 946857600, 946944000,
                         1700000000, 1700000001, 'finished', '{}');
INSERT INTO stocks VALUES (7, 'b.us'), (3, 'a.us');
INSERT INTO predictions VALUES
    (1, 946857600, 7, X'000000000000F03F0000000000000040000000000000084000000000000000400000000000001040',
     0.5, 0.6224593312018546, 1, 0, 946944000),
    (1, 946944000, 3, X'00000000000000400000000000001040000000000000104000000000000008400000000000001040',
     -0.5, 0.3775406687981454, 0, NULL, NULL);
)";

QString sampleFile(const char* ticker)
{
    return QStringLiteral(STOCKSTREAM_SAMPLE_DIR "/%1.us.txt").arg(QLatin1String(ticker));
}

// The lines of `from` whose date falls in 1999, under its header.
void writeYear(const QString& from, const QString& to)
{
    QFile in(from);
    QFile out(to);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(in.readLine());
    while (!in.atEnd()) {
        const QByteArray line = in.readLine();
        if (line.startsWith("1999-"))
            out.write(line);
    }
}

struct Expected {
    int cluster = -1;
    double predictedClose = std::nan("");
    double pUp = std::nan("");
};

using CallKey = std::pair<std::string, Timestamp>;

double sigmoid(double margin)
{
    return 1.0 / (1.0 + std::exp(-margin));
}

// What the stage holds after each record it took, turned into the figures
// of that record's call: the stock's cluster as the stage assigned it, the
// close the cluster's regression weights (intercept first) give for the
// stock's last five returns (capped at +100%, as the stage documents), and
// the online scorer's p_up from its weights on the call's relative features.
std::map<CallKey, Expected> fromTheStage(const MarketData& data, const LogisticModel& model,
                                         const OnlineOptions& options)
{
    PredictionPipeline pipeline(data.stockCount(), std::make_shared<const LogisticModel>(model));
    pipeline.plugStage(onlineLearning(options));
    TickMerger merger(data);
    std::vector<std::vector<double>> closes(data.stockCount());
    std::map<CallKey, Expected> calls;
    Tick tick{};
    while (merger.next(tick)) {
        pipeline.process(tick);
        std::vector<double>& c = closes[tick.stock];
        c.push_back(tick.close);
        if (c.size() < 5)
            continue;  // no call
        const OnlineSnapshot s = *onlineOf(snapshotOf(pipeline, {}));
        Expected e;
        if (options.clusteringEnabled() && s.stockCluster[tick.stock] >= 0 && c.size() > kReturns) {
            e.cluster = s.stockCluster[tick.stock];
            const std::vector<double>& w = s.regressionWeights[static_cast<std::size_t>(e.cluster)];
            double predicted = w[0];
            for (int i = 0; i < kReturns; ++i) {
                const std::size_t at = c.size() - kReturns + static_cast<std::size_t>(i);
                predicted += w[static_cast<std::size_t>(i) + 1] * std::min(c[at] / c[at - 1] - 1.0, 1.0);
            }
            e.predictedClose = tick.close * (1.0 + predicted);
        }
        if (options.scorer.enabled) {
            const double n1 = c.back();
            double margin = s.onlineWeights[0];
            for (std::size_t i = 0; i < 4; ++i)
                margin += s.onlineWeights[i + 1] * (c[c.size() - 5 + i] / n1 - 1.0);
            e.pUp = sigmoid(margin);
        }
        calls[{data.stock(tick.stock).name, tick.time}] = e;
    }
    return calls;
}

// Equal, or both missing (NaN); otherwise within rounding of the sums'
// order, which differs between this test and the stage.
bool sameFigure(double logged, double expected)
{
    if (std::isnan(expected) || std::isnan(logged))
        return std::isnan(expected) && std::isnan(logged);
    return std::abs(logged - expected) <= 1e-12 * std::max(1.0, std::abs(expected));
}

// A JSON number, or NaN for null.
double figure(const QJsonValue& value)
{
    return value.isNull() ? std::nan("") : value.toDouble();
}

// Empty when the record's online figures are the expected ones, else why not.
QString mismatch(const PredictionRecord& r, const std::map<CallKey, Expected>& expected)
{
    const auto e = expected.find({r.stock, r.time});
    if (e == expected.end() || !r.online)
        return QStringLiteral("%1 at %2: no such call here").arg(QString::fromStdString(r.stock)).arg(r.time);
    const OnlineCall& o = *r.online;
    if (o.cluster == e->second.cluster && sameFigure(o.predictedClose, e->second.predictedClose)
        && sameFigure(o.pUp, e->second.pUp))
        return {};
    return QStringLiteral("%1 at %2: logged %3, %4, %5; the stage's %6, %7, %8")
        .arg(QString::fromStdString(r.stock))
        .arg(r.time)
        .arg(o.cluster)
        .arg(o.predictedClose, 0, 'g', 17)
        .arg(o.pUp, 0, 'g', 17)
        .arg(e->second.cluster)
        .arg(e->second.predictedClose, 0, 'g', 17)
        .arg(e->second.pUp, 0, 'g', 17);
}

QByteArrayList lines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QByteArrayList result = f.readAll().split('\n');
    if (!result.isEmpty() && result.back().isEmpty())
        result.removeLast();
    return result;
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestOnlinePredictionLog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void loggedFiguresAreTheStages_data();
    void loggedFiguresAreTheStages();
    void exportsWithoutOnlineDataAsBefore_data();
    void exportsWithoutOnlineDataAsBefore();
    void versionOneLogIsRefused();
    void onlineRunKeepsARowPerCall();
    void damagedOnlineRowIsAnError();

private:
    QString path(const QString& name) const { return dir_.filePath(name); }
    std::optional<qint64> replay(const QString& db, const QStringList& flags, const QString& jsonl = {});
    QByteArray exported(const QString& db, qint64 run, const char* format);

    QTemporaryDir dir_;
    QString data_;
    QString model_;
};

void TestOnlinePredictionLog::initTestCase()
{
    QVERIFY(dir_.isValid());
    data_ = path("data");
    QVERIFY(QDir().mkdir(data_));
    for (const char* ticker : kTickers) {
        writeYear(sampleFile(ticker), data_ + "/" + ticker + ".us.txt");
        if (QTest::currentTestFailed())
            return;
    }
    model_ = path("model.json");
    QFile m(model_);
    QVERIFY(m.open(QIODevice::WriteOnly));
    m.write(kModel);
}

std::optional<qint64> TestOnlinePredictionLog::replay(const QString& db, const QStringList& flags,
                                                      const QString& jsonl)
{
    QStringList args{"replay", "--data", data_, "--model", model_, "--db", db};
    if (!jsonl.isEmpty())
        args << "--jsonl" << jsonl;
    const CliRun run = runCli(args + flags);
    if (run.exitCode != 0) {
        qWarning("%s", run.err.constData());
        return std::nullopt;
    }
    return QJsonDocument::fromJson(run.out).object().value("run").toInteger();
}

QByteArray TestOnlinePredictionLog::exported(const QString& db, qint64 run, const char* format)
{
    const QString out = path(QStringLiteral("export-%1.%2").arg(run).arg(QLatin1String(format)));
    const CliRun r = runCli({"export", "--db", db, "--run", QString::number(run), "--format", format, "--out", out});
    if (r.exitCode != 0)
        qWarning("%s", r.err.constData());
    return fileBytes(out);
}

void TestOnlinePredictionLog::loggedFiguresAreTheStages_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<int>("k");
    QTest::addColumn<bool>("scorer");
    QTest::addColumn<int>("batch");
    QTest::addColumn<bool>("rls");
    QTest::newRow("clusters") << QStringList{"--clusters", "3"} << 3 << false << 0 << false;
    QTest::newRow("clusters and scorer") << QStringList{"--clusters", "3", "--online"} << 3 << true << 0 << false;
    QTest::newRow("scorer alone") << QStringList{"--online"} << 0 << true << 0 << false;
    QTest::newRow("batches of records, RLS")
        << QStringList{"--clusters", "2", "--batch", "50", "--regression", "rls", "--online"} << 2 << true << 50
        << true;
}

void TestOnlinePredictionLog::loggedFiguresAreTheStages()
{
    QFETCH(QStringList, flags);
    QFETCH(int, k);
    QFETCH(bool, scorer);
    QFETCH(int, batch);
    QFETCH(bool, rls);
    OnlineOptions options;
    options.clustering.k = k;
    options.scorer.enabled = scorer;
    options.batchRecords = static_cast<std::size_t>(batch);
    options.regression.method = rls ? RegressionMethod::Rls : RegressionMethod::Sgd;

    const LoadResult loaded = DataLoader::load(data_.toStdString());
    QVERIFY(loaded.data);
    QString error;
    const auto model = LogisticModel::load(model_, &error);
    QVERIFY2(model, qPrintable(error));
    const std::map<CallKey, Expected> expected = fromTheStage(*loaded.data, *model, options);
    QVERIFY(expected.size() > 1500);
    const auto clustered = std::count_if(expected.begin(), expected.end(), [](const auto& e) {
        return e.second.cluster >= 0;
    });
    QCOMPARE(clustered > 1000, k > 0);  // the figures compared below are mostly real ones

    const QString db = path(QStringLiteral("figures-%1.sqlite").arg(QTest::currentDataTag()).replace(' ', '-'));
    const QString jsonl = db + ".jsonl";
    const auto run = replay(db, flags, jsonl);
    QVERIFY(run);

    // The log, call by call.
    const auto log = PredictionLog::open(db, &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->hasOnlineCalls(*run, &error), std::optional(true));
    std::size_t calls = 0;
    QString wrong;
    const bool read = log->forEach(
        {*run, std::nullopt, std::nullopt, std::nullopt},
        [&](const PredictionRecord& r) {
            ++calls;
            wrong = mismatch(r, expected);
            return wrong.isEmpty();
        },
        &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QCOMPARE(calls, expected.size());

    // One stock's history reads the same figures by the other path.
    const auto history = log->stockHistory(*run, "ibm.us", &error);
    QVERIFY2(history && !history->empty(), qPrintable(error));
    for (const PredictionRecord& r : *history)
        QVERIFY2(mismatch(r, expected).isEmpty(), qPrintable(mismatch(r, expected)));

    // The direct JSON lines and the export hold the same records, fields
    // named after SPEC.md's.
    QByteArrayList direct = lines(jsonl);
    QByteArrayList fromLog = exported(db, *run, "jsonl").split('\n');
    fromLog.removeAll(QByteArray());
    QCOMPARE(direct.size(), qsizetype(expected.size()));
    std::sort(direct.begin(), direct.end());
    std::sort(fromLog.begin(), fromLog.end());
    QCOMPARE(fromLog, direct);
    for (const QByteArray& line : direct) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const QStringList keys = o.keys();
        QCOMPARE(keys.size(), 2 + 5 + 5 + 3);  // stock, date; n5..n1; features .. actual; the online three
        QVERIFY2(line.indexOf("\"actual\": ") < line.indexOf("\"cluster\": "), line.constData());
        const Expected& e = expected.at({o.value("stock").toString().toStdString(),
                                         timestamp::parse(o.value("date").toString().toStdString()).value()});
        QCOMPARE(o.value("cluster").toInt(-1), e.cluster);
        QVERIFY(sameFigure(figure(o.value("predictedClose")), e.predictedClose));
        QVERIFY(sameFigure(figure(o.value("onlineProbability")), e.pUp));
    }
}

// A run without online data exports SPEC.md's records byte for byte as
// before; a run of the same stream with it exports the same bytes, then
// the online fields (CSV: columns) after them.
void TestOnlinePredictionLog::exportsWithoutOnlineDataAsBefore_data()
{
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<QByteArray>("recordEnd");    // what ends a record of SPEC.md's
    QTest::addColumn<QByteArray>("onlineStart");  // what follows it in a run with online data
    QTest::newRow("JSON lines") << QByteArray("jsonl") << QByteArray("}") << QByteArray(", \"cluster\": ");
    QTest::newRow("CSV") << QByteArray("csv") << QByteArray("\r") << QByteArray(",");
}

void TestOnlinePredictionLog::exportsWithoutOnlineDataAsBefore()
{
    QFETCH(QByteArray, format);
    QFETCH(QByteArray, recordEnd);
    QFETCH(QByteArray, onlineStart);
    const QString db = path("exports-" + format + ".sqlite");
    const auto plain = replay(db, {});
    const auto online = replay(db, {"--clusters", "3", "--online"});
    QVERIFY(plain && online);
    QString error;
    const auto log = PredictionLog::open(db, &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->hasOnlineCalls(*plain, &error), std::optional(false));

    const QByteArrayList before = exported(db, *plain, format.constData()).split('\n');
    const QByteArrayList after = exported(db, *online, format.constData()).split('\n');
    QVERIFY(before.size() > 1500);
    QCOMPARE(after.size(), before.size());
    QVERIFY(!before.join().contains("cluster"));
    if (format == "csv")
        QCOMPARE(before.front(), QByteArray("stock,date,n5,n4,n3,n2,n1,feature_1,feature_2,feature_3,feature_4,"
                                            "rawPrediction_1,rawPrediction_2,probability_1,probability_2,prediction,"
                                            "actual\r"));
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (before[i].isEmpty()) {
            QVERIFY(after[i].isEmpty());
            continue;
        }
        QVERIFY(before[i].endsWith(recordEnd));
        const QByteArray spec = before[i].chopped(recordEnd.size());
        QVERIFY2(after[i].startsWith(spec + onlineStart), after[i].constData());
        QCOMPARE(after[i].count(format == "csv" ? "," : "\": "), before[i].count(format == "csv" ? "," : "\": ") + 3);
    }
}

// A version-1 log kept every call's whole window: this version refuses it
// with one line that says why and what to do, from the library and from
// every command that opens a log, and leaves the file as it was.
void TestOnlinePredictionLog::versionOneLogIsRefused()
{
    const QString db = path("version-1.sqlite");
    {
        SqliteProbe v1(db);
        QVERIFY(v1.exec(kVersionOneSchema));
        QVERIFY(v1.exec(kVersionOneRows));
        QVERIFY(v1.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    QFile file(db);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    const QString message = QStringLiteral("the prediction log '%1' was written by an older StockStream (log version "
                                           "1), which kept every call's whole window")
                                .arg(db);
    QString error;
    QVERIFY(!PredictionLog::open(db, &error));
    QVERIFY2(error.startsWith(message), qPrintable(error));

    const QStringList commands[] = {
        {"export", "--db", db, "--format", "jsonl", "--out", path("old.jsonl")},
        {"replay", "--data", sampleFile("ibm"), "--db", db},
        {"replay", "--data", sampleFile("ibm"), "--db", db, "--resume", "1"},
    };
    for (const QStringList& command : commands) {
        const CliRun r = runCli(command);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    }
    QVERIFY(!QFile::exists(path("old.jsonl")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
    QCOMPARE(SqliteProbe(db).text("PRAGMA user_version"), QStringLiteral("1"));
}

// A run with online data keeps a row of it for each call; a run without
// keeps none, and the two runs export as their kinds do.
void TestOnlinePredictionLog::onlineRunKeepsARowPerCall()
{
    const QString db = path("two-kinds.sqlite");
    SqliteProbe probe(db);
    const auto plain = replay(db, {});
    QVERIFY(plain);
    const auto online = replay(db, {"--clusters", "2"});
    QVERIFY(online);
    QCOMPARE(probe.text(qPrintable(QStringLiteral("SELECT count(*) FROM online_calls WHERE run = %1").arg(*online))),
             probe.text(qPrintable(QStringLiteral("SELECT count(*) FROM predictions WHERE run = %1").arg(*online))));
    QCOMPARE(probe.text("SELECT count(*) FROM online_calls WHERE run <> " + QByteArray::number(*online)),
             QStringLiteral("0"));
    QVERIFY(!exported(db, *plain, "jsonl").contains("cluster"));
    QVERIFY(exported(db, *online, "jsonl").contains("\"cluster\": "));

    // Each stock's latest call carries its online figures too.
    QString error;
    const auto log = PredictionLog::open(db, &error);
    QVERIFY2(log, qPrintable(error));
    const auto latest = log->latestCalls(*online, &error);
    QVERIFY2(latest, qPrintable(error));
    QCOMPARE(jsonLines(*latest), latestRecords(exported(db, *online, "jsonl")));
}

void TestOnlinePredictionLog::damagedOnlineRowIsAnError()
{
    const QString db = path("damaged.sqlite");
    const auto run = replay(db, {"--clusters", "2"});
    QVERIFY(run);
    QVERIFY(SqliteProbe(db).exec("UPDATE online_calls SET cluster = -7 WHERE time = "
                                 "(SELECT max(time) FROM online_calls)"));
    const CliRun r = runCli({"export", "--db", db, "--format", "jsonl", "--out", path("damaged.jsonl")});
    QVERIFY(r.exitCode > 0);
    QVERIFY2(r.err.contains("is damaged"), r.err.constData());
    QVERIFY(!QFile::exists(path("damaged.jsonl")));
}

QTEST_MAIN(TestOnlinePredictionLog)
#include "tst_onlinepredictionlog.moc"
