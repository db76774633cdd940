// Stress for the replay engine's controls: a controlling thread (the GUI's
// role) fires thousands of random controls at an engine replaying real data
// at full speed: the whole sample unlogged, and its first stock logged to a
// prediction log as the GUI logs it, the log switched now and then to
// another file and back. Nothing may deadlock (a watchdog aborts the run),
// every snapshot must be self-consistent, play must always reach the end, a
// final restart + play must give exactly a clean run's figures, and every
// log file must come out whole, every run in it ended, the last one holding
// the clean run's calls.
//
// STOCKSTREAM_STRESS_OPS overrides the number of operations a seed (10,000)
// for long runs from tests/stress/run_stress.sh.

#include "Patience.h"
#include "SqliteProbe.h"
#include "core/storage/LoggedPasses.h"
#include "core/data/DataLoader.h"
#include "core/stream/ReplayEngine.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <condition_variable>
#include <mutex>
#include <numeric>
#include <thread>
#include <tuple>

using namespace ss;
using namespace std::chrono_literals;

namespace {

constexpr std::chrono::seconds kWatchdogLimit{240};
// Stocks of the sample a logged stress replays.
constexpr std::size_t kLoggedStocks = 1;

// Fails the whole run, loudly, if the test is not done in time: a deadlock
// must fail the test, not hang it until CTest gives up.
class Watchdog {
public:
    explicit Watchdog(std::chrono::seconds limit)
        : thread_([this, limit](std::stop_token stop) {
              std::unique_lock lock(mutex_);
              if (!wake_.wait_for(lock, stop, limit, [] { return false; }))
                  if (!stop.stop_requested())
                      qFatal("watchdog: no end after %llds; last operation: %s",
                             static_cast<long long>(limit.count()), lastOperation_.load());
          })
    {
    }
    void noteOperation(const char* name) { lastOperation_ = name; }

private:
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::atomic<const char*> lastOperation_{"none"};
    std::jthread thread_;  // last: stopped and joined first
};

// Counts what the engine tells its sinks since the stream last started over.
class CountingSink : public PredictionSink {
public:
    void onPrediction(const Prediction& p) override
    {
        ordered = ordered && p.time >= last;
        last = p.time;
        ++predictions;
    }
    void onResolution(const Resolution& r) override
    {
        ++resolutions;
        correct += r.correct;
    }
    void onRewind() override { *this = CountingSink(); }
    void onFinish(bool complete) override { (complete ? completeFinishes : incompleteFinishes) += 1; }

    std::uint64_t predictions = 0, resolutions = 0, correct = 0;
    int completeFinishes = 0, incompleteFinishes = 0;
    Timestamp last = std::numeric_limits<Timestamp>::min();
    bool ordered = true;
};

auto fields(const Tally& t)
{
    return std::tuple(t.windows, t.resolved, t.correct, t.predictedUp, t.actualUp, t.lastMoveCorrect);
}

std::shared_ptr<const LogisticModel> relativeModel(int window, double sign)
{
    std::vector<double> weights(static_cast<std::size_t>(window - 1));
    for (std::size_t i = 0; i < weights.size(); ++i)
        weights[i] = sign * (i % 2 ? -1.0 : 1.5) / static_cast<double>(i + 1);
    return std::make_shared<const LogisticModel>(window, FeatureTransform::Relative, std::move(weights), 0.02);
}

std::shared_ptr<const LogisticModel> rawModel()
{
    return std::make_shared<const LogisticModel>(3, FeatureTransform::Raw, std::vector<double>{0.3, -0.1, -0.2}, 0.0);
}

// The first `count` stocks of `data`.
std::shared_ptr<const MarketData> firstStocks(const MarketData& data, std::size_t count)
{
    return std::make_shared<const MarketData>(
        std::vector<StockSeries>(data.stocks().begin(), data.stocks().begin() + count));
}

// The model as the GUI has it, read from its file: a logged run records the
// file's path and hash.
std::shared_ptr<const LogisticModel> fromFile(const LogisticModel& model, const QString& path, QString* error)
{
    std::optional<LogisticModel> loaded;
    if (model.save(path, error))
        loaded = LogisticModel::load(path, error);
    return loaded ? std::make_shared<const LogisticModel>(std::move(*loaded)) : nullptr;
}

// A snapshot must be one moment of the stream, never a torn mix of two.
QString inconsistency(const ReplaySnapshot& s)
{
    const std::size_t records = std::accumulate(s.stocks.begin(), s.stocks.end(), std::size_t{0},
                                                [](std::size_t n, const StockStatus& st) { return n + st.records; });
    Tally sum;
    for (const Tally& t : s.tallies)
        sum += t;
    if (records != s.progress.processed)
        return QStringLiteral("stocks hold %1 records, progress says %2").arg(records).arg(s.progress.processed);
    if (s.progress.processed > s.progress.total)
        return QStringLiteral("processed %1 of %2").arg(s.progress.processed).arg(s.progress.total);
    if (fields(sum) != fields(s.overall))
        return QStringLiteral("stock tallies do not add up to the overall tally");
    if (s.overall.windows != s.overall.resolved + s.openCalls || s.overall.correct > s.overall.resolved)
        return QStringLiteral("calls: %1 made, %2 resolved, %3 open, %4 correct")
            .arg(s.overall.windows)
            .arg(s.overall.resolved)
            .arg(s.openCalls)
            .arg(s.overall.correct);
    return {};
}

// Calls a window-W model makes on the data, and how many of them resolve:
// every close from a stock's W-th on is a call; each stock's last stays open.
std::pair<std::uint64_t, std::uint64_t> expectedCalls(const MarketData& data, int window)
{
    std::uint64_t calls = 0, open = 0;
    for (const StockSeries& s : data.stocks()) {
        if (s.size() >= static_cast<std::size_t>(window)) {
            calls += s.size() - static_cast<std::size_t>(window) + 1;
            ++open;
        }
    }
    return {calls, calls - open};
}

// The engine as the main window runs it, with replays logged or not: when
// logged, a LoggedPasses on the chosen log file is among its sinks.
// Choosing another log file takes effect with the next engine
// (MainWindow::showData), so a switch replaces both; the replaced logger
// ends its run as stopped.
class WindowReplay {
public:
    WindowReplay(std::shared_ptr<const MarketData> data, PredictionSink* counter)
        : data_(std::move(data)), counter_(counter)
    {
    }
    ~WindowReplay() { close(); }

    // Logged to `logPath` unless it is empty. Null with *error when the log
    // cannot be opened.
    ReplayEngine* open(const QString& logPath, std::shared_ptr<const LogisticModel> model, Pace pace,
                       QString* error)
    {
        close();
        engine_ = std::make_unique<ReplayEngine>(data_, model);
        engine_->addSink(counter_);
        if (!logPath.isEmpty()) {
            logger_ = LoggedPasses::attach(*engine_, logPath, QStringLiteral(STOCKSTREAM_SAMPLE_DIR), error);
            if (!logger_) {
                engine_.reset();
                return nullptr;
            }
            // Direct: runs on the engine's thread; the text is read after it is joined.
            QObject::connect(logger_.get(), &LoggedPasses::failed, logger_.get(),
                             [this](const QString& why) { failure_ = why; }, Qt::DirectConnection);
            logger_->setModel(std::move(model));
        }
        engine_->setPace(pace);
        return engine_.get();
    }
    void setModel(std::shared_ptr<const LogisticModel> model)
    {
        engine_->setModel(model);
        if (logger_)
            logger_->setModel(std::move(model));
    }
    // Stops the engine, as the window does, so that a pass left mid-way is
    // logged with its figures; then joins its thread: the logger then hears
    // nothing more.
    void close()
    {
        if (engine_) {
            engine_->stop();
            engine_->waitUntilDone();
        }
        engine_.reset();
        logger_.reset();
    }
    // Only once closed.
    const QString& failure() const { return failure_; }

private:
    std::shared_ptr<const MarketData> data_;
    PredictionSink* counter_;
    std::unique_ptr<LoggedPasses> logger_;
    std::unique_ptr<ReplayEngine> engine_;
    QString failure_;
};

} // namespace

class TestReplayStress : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void randomControls_data();
    void randomControls();
    void playReachesTheEnd_data();
    void playReachesTheEnd();

private:
    std::shared_ptr<const MarketData> data_;
};

void TestReplayStress::initTestCase()
{
    const LoadResult loaded = DataLoader::load(STOCKSTREAM_SAMPLE_DIR);
    QVERIFY2(loaded.data, loaded.error.c_str());
    data_ = loaded.data;
    QVERIFY(data_->recordCount() > 100000);
}

// Unlogged, on the whole sample; logged, with log file switches among the
// controls, on its first stock: the log's writer sets the pace of a logged
// replay (a seed writes about a million calls), and one stock keeps it to
// seconds.
void TestReplayStress::randomControls_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<bool>("logged");
    QTest::newRow("seed 1") << 1u << false;
    QTest::newRow("seed 20261121") << 20261121u << false;
    QTest::newRow("logged, seed 1") << 1u << true;
    QTest::newRow("logged, seed 20261121") << 20261121u << true;
}

void TestReplayStress::randomControls()
{
    QFETCH(quint32, seed);
    QFETCH(bool, logged);
    const auto data = logged ? firstStocks(*data_, kLoggedStocks) : data_;
    const int operations = qEnvironmentVariableIsSet("STOCKSTREAM_STRESS_OPS")
                               ? qEnvironmentVariableIntValue("STOCKSTREAM_STRESS_OPS")
                               : 10000;
    Watchdog watchdog(kWatchdogLimit);
    QTemporaryDir files;
    QVERIFY(files.isValid());
    QString error;
    std::vector<std::shared_ptr<const LogisticModel>> models;
    for (const auto& model : {relativeModel(5, 1), relativeModel(5, -1), relativeModel(20, 1), rawModel()}) {
        models.push_back(fromFile(*model, files.filePath(QStringLiteral("model-%1.json").arg(models.size())), &error));
        QVERIFY2(models.back(), qPrintable(error));
    }
    const auto& finalModel = models[0];

    // The clean run: a fresh engine, played once to the end.
    Tally clean;
    {
        ReplayEngine engine(data, finalModel);
        engine.play();
        QVERIFY(engine.waitUntilDone(60s));
        clean = engine.snapshot().overall;
    }

    const QString logPaths[] = {files.filePath("first.sqlite"), files.filePath("second.sqlite")};
    int logIndex = 0;
    int logSwitches = 0;
    std::shared_ptr<const LogisticModel> model = models[seed % 4];
    Pace pace;
    CountingSink sink;
    WindowReplay replay(data, &sink);
    ReplayEngine* engine = replay.open(logged ? logPaths[logIndex] : QString(), model, pace, &error);
    QVERIFY2(engine, qPrintable(error));
    QRandomGenerator rng(seed);
    const Timestamp first = data->firstTime() - timestamp::kSecondsPerDay;
    const qint64 span = data->lastTime() - first + 2 * timestamp::kSecondsPerDay;
    engine->play();
    for (int i = 0; i < operations; ++i) {
        switch (rng.bounded(14)) {
        case 0: case 1: case 2:
            watchdog.noteOperation("play");
            engine->play();
            break;
        case 3:
            watchdog.noteOperation("pause");
            engine->pause();
            break;
        case 4:
            watchdog.noteOperation("step");
            engine->step(1 + rng.bounded(50000u));
            break;
        case 5:
            watchdog.noteOperation("stepTimestamp");
            engine->stepTimestamp();
            break;
        case 6:
            watchdog.noteOperation("seek");
            engine->seek(first + static_cast<Timestamp>(rng.bounded(span)));
            break;
        case 7:
            watchdog.noteOperation("stop");
            engine->stop();
            break;
        case 8:
            watchdog.noteOperation("restart");
            engine->restart();
            break;
        case 9:
            watchdog.noteOperation("setModel");
            model = models[rng.bounded(4)];
            replay.setModel(model);
            break;
        case 10: {
            watchdog.noteOperation("setPace");
            const double rates[] = {0, 0, 2e5, 5e3};
            pace = {rng.bounded(2) ? Pace::Unit::Records : Pace::Unit::Timestamps, rates[rng.bounded(4)]};
            engine->setPace(pace);
            break;
        }
        case 11: case 12: {
            watchdog.noteOperation("snapshot");
            const QString why = inconsistency(engine->snapshot());
            QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("operation %1: %2").arg(i).arg(why)));
            break;
        }
        case 13:
            // Let the replay run a little, as a user between two clicks.
            watchdog.noteOperation("wait");
            std::this_thread::sleep_for(std::chrono::microseconds(rng.bounded(500)));
            break;
        }
        // After one operation in 140, the log file is switched, to the other one and
        // back: a new engine and logger each time, started playing.
        if (logged && rng.bounded(140) == 0) {
            watchdog.noteOperation("switch log file");
            logIndex = 1 - logIndex;
            ++logSwitches;
            replay.close();
            sink = CountingSink();  // the counts of the new engine's stream
            engine = replay.open(logPaths[logIndex], model, pace, &error);
            QVERIFY2(engine, qPrintable(error));
            engine->play();
        }
        // Now and then: whatever came before, play must reach the end.
        if (i % 2500 == 2499) {
            watchdog.noteOperation("play to the end");
            pace = {};
            engine->setPace(pace);
            engine->play();
            QVERIFY2(engine->waitUntilDone(120s), qPrintable(QStringLiteral("operation %1: play never ended").arg(i)));
            QCOMPARE(engine->state(), ReplayState::Finished);
            QVERIFY2(engine->progress().processed == data->recordCount(),
                     qPrintable(QStringLiteral("operation %1: play ended after %2 of %3 records")
                                    .arg(i)
                                    .arg(engine->progress().processed)
                                    .arg(data->recordCount())));
        }
    }

    watchdog.noteOperation("final restart and play");
    replay.setModel(finalModel);
    engine->setPace({});
    engine->restart();
    engine->play();
    QVERIFY(engine->waitUntilDone(120s));
    QCOMPARE(engine->state(), ReplayState::Finished);
    const ReplaySnapshot s = engine->snapshot();
    QVERIFY2(inconsistency(s).isEmpty(), qPrintable(inconsistency(s)));
    QCOMPARE(s.model, finalModel);
    QCOMPARE(s.progress.processed, data->recordCount());
    QVERIFY(fields(s.overall) == fields(clean));
    const auto [calls, resolved] = expectedCalls(*data, finalModel->window());
    QCOMPARE(s.overall.windows, calls);
    QCOMPARE(s.overall.resolved, resolved);
    // The sinks heard exactly that one pass, in order, and its end once.
    QCOMPARE(sink.predictions, s.overall.windows);
    QCOMPARE(sink.resolutions, s.overall.resolved);
    QCOMPARE(sink.correct, s.overall.correct);
    QVERIFY(sink.ordered);
    QCOMPARE(sink.completeFinishes, 1);
    QCOMPARE(sink.incompleteFinishes, 0);

    if (!logged)
        return;
    watchdog.noteOperation("log files checked");
    replay.close();
    QVERIFY2(replay.failure().isEmpty(), qPrintable(replay.failure()));
    qInfo("%d log file switches", logSwitches);
    QVERIFY2(logSwitches > 0, "no log file switch: too few operations");
    for (const QString& path : logPaths) {
        const SqliteProbe log(path, SQLITE_OPEN_READONLY);
        QCOMPARE(log.text("PRAGMA integrity_check"), QStringLiteral("ok"));
        QCOMPARE(log.text("SELECT count(*) FROM (SELECT 1 FROM predictions GROUP BY run, time, stock "
                          "HAVING count(*) > 1)"),
                 QStringLiteral("0"));
        QCOMPARE(log.text("SELECT count(*) FROM runs WHERE status NOT IN ('stopped', 'finished')"),
                 QStringLiteral("0"));
    }
    // The final pass, logged as the last run of the file in use: the clean run's calls.
    const SqliteProbe log(logPaths[logIndex], SQLITE_OPEN_READONLY);
    QCOMPARE(log.text("SELECT status FROM runs ORDER BY id DESC LIMIT 1"), QStringLiteral("finished"));
    const char* lastRun = "FROM predictions WHERE run = (SELECT max(id) FROM runs)";
    QCOMPARE(log.text(qPrintable(QStringLiteral("SELECT count(*) %1").arg(lastRun))),
             QString::number(clean.windows));
    QCOMPARE(log.text(qPrintable(QStringLiteral("SELECT count(actual) %1").arg(lastRun))),
             QString::number(clean.resolved));
    QCOMPARE(log.text(qPrintable(QStringLiteral("SELECT count(*) %1 AND actual = up").arg(lastRun))),
             QString::number(clean.correct));
}

// Control sequences the random stress turned up, replayed one by one: after
// any of them, play must run the stream to its end once more, and the sinks
// must hear that one whole pass.
void TestReplayStress::playReachesTheEnd_data()
{
    QTest::addColumn<QString>("controls");
    QTest::newRow("after finishing, seek past the end") << "finish seek-end play";
    QTest::newRow("after finishing, seek back") << "finish seek-late play";
    QTest::newRow("after a stop, seek past the end") << "step stopped seek-end play";
    QTest::newRow("after a stop, seek forward") << "step stopped seek-late play";
    QTest::newRow("after a stop, seek back") << "step stopped seek-start play";
    QTest::newRow("stop, then play at once") << "play stop play";
    QTest::newRow("stop, then seek at once") << "play stop seek-late play";
    QTest::newRow("stop, then step at once") << "step stop step play";
}

void TestReplayStress::playReachesTheEnd()
{
    QFETCH(QString, controls);
    // The sample's first stocks: a few thousand records keep every row quick.
    const auto data = firstStocks(*data_, 3);
    const auto model = relativeModel(5, 1);
    ReplayEngine engine(data, model);
    CountingSink sink;
    engine.addSink(&sink);
    const Timestamp late = data->lastTime() - (data->lastTime() - data->firstTime()) / 4;
    for (const QString& control : controls.split(' ')) {
        if (control == "finish") {
            engine.play();
            QVERIFY(engine.waitUntilDone(30s));
            QCOMPARE(engine.state(), ReplayState::Finished);
        } else if (control == "step") {
            engine.step(1000);
        } else if (control == "stop") {
            engine.stop();
        } else if (control == "stopped") {
            QTRY_COMPARE_WITH_TIMEOUT(engine.progress().processed, std::size_t(1000), kPatienceMs);
            engine.stop();
            QVERIFY(engine.waitUntilDone(30s));
        } else if (control == "play") {
            engine.play();
        } else {
            const Timestamp target = control == "seek-end"    ? data->lastTime() + 1
                                     : control == "seek-late" ? late
                                                              : data->firstTime() + 1;
            engine.seek(target);
        }
    }
    QVERIFY2(engine.waitUntilDone(30s), "play never ended");
    QCOMPARE(engine.state(), ReplayState::Finished);
    const ReplaySnapshot s = engine.snapshot();
    QCOMPARE(s.progress.processed, data->recordCount());
    const auto [calls, resolved] = expectedCalls(*data, model->window());
    QCOMPARE(s.overall.windows, calls);
    QCOMPARE(s.overall.resolved, resolved);
    QCOMPARE(sink.predictions, calls);
    QCOMPARE(sink.resolutions, resolved);
    QCOMPARE(sink.completeFinishes, 1);
    QCOMPARE(sink.incompleteFinishes, 0);
}

QTEST_MAIN(TestReplayStress)
#include "tst_replaystress.moc"
