#include "Patience.h"
#include "core/backtest/BacktestStage.h"
#include "core/online/OnlineLearningStage.h"
#include "core/stream/ReplayEngine.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <thread>

using namespace ss;
using namespace std::chrono_literals;

namespace {

// A random walk per stock, with staggered starts and a few gaps.
std::shared_ptr<const MarketData> market(int stocks = 40, int records = 300, int year = 1990)
{
    QRandomGenerator rng(42);
    std::vector<StockSeries> series;
    for (int s = 0; s < stocks; ++s) {
        StockSeries x;
        x.name = QStringLiteral("st%1.us").arg(s, 3, 10, QChar('0')).toStdString();
        Timestamp t = timestamp::fromCivil(year, 1, 1) + rng.bounded(20) * timestamp::kSecondsPerDay;
        double price = 10 + rng.bounded(90);
        for (int i = 0; i < records; ++i) {
            x.times.push_back(t);
            x.closes.push_back(price);
            price = std::max(0.01, price + (rng.bounded(21) - 10) / 10.0);
            t += (rng.bounded(10) == 0 ? 3 : 1) * timestamp::kSecondsPerDay;
        }
        series.push_back(std::move(x));
    }
    return std::make_shared<const MarketData>(std::move(series));
}

std::shared_ptr<const LogisticModel> model(double sign = 1)
{
    return std::make_shared<const LogisticModel>(5, FeatureTransform::Relative,
                                                 std::vector<double>{sign * 3, -sign * 2, sign * 1, -sign * 4}, 0.01);
}

// What a synchronous run of the same pipeline gives for records before `until`.
Tally reference(const MarketData& data, const std::shared_ptr<const LogisticModel>& m,
                Timestamp until = std::numeric_limits<Timestamp>::max())
{
    TickMerger merger(data);
    PredictionPipeline pipeline(data.stockCount(), m);
    Tick t{};
    Timestamp next;
    while (merger.peekTime(next) && next < until && merger.next(t))
        pipeline.process(t);
    return pipeline.evaluator().overall();
}

std::size_t recordsBefore(const MarketData& data, Timestamp time)
{
    std::size_t n = 0;
    for (const auto& s : data.stocks())
        n += static_cast<std::size_t>(std::lower_bound(s.times.begin(), s.times.end(), time) - s.times.begin());
    return n;
}

// Records processed once the replay, from `start`, went `timestamps`
// timestamps and then `records` records on.
std::size_t recordsAt(const MarketData& data, Timestamp start, int timestamps, int records)
{
    TickMerger merger(data);
    std::size_t n = 0;
    Tick t{};
    Timestamp next;
    while (merger.peekTime(next) && next < start && merger.next(t))
        ++n;
    for (int i = 0; i < timestamps && merger.peekTime(next); ++i) {
        const Timestamp day = next;
        while (merger.peekTime(next) && next == day && merger.next(t))
            ++n;
    }
    for (int i = 0; i < records && merger.next(t); ++i)
        ++n;
    return n;
}

bool operator==(const Tally& a, const Tally& b)
{
    return a.windows == b.windows && a.resolved == b.resolved && a.correct == b.correct
        && a.actualUp == b.actualUp && a.predictedUp == b.predictedUp && a.lastMoveCorrect == b.lastMoveCorrect;
}

// Checks the stream's order and counts what the sinks are told.
class RecordingSink : public PredictionSink {
public:
    void onPrediction(const Prediction& p) override
    {
        ordered = ordered && p.time >= last;
        last = p.time;
        ++predictions;
        correctWindow = correctWindow && p.windowSize == 5 && p.featureCount == 4 && (p.pUp > 0.5) == p.up;
    }
    void onResolution(const Resolution& r) override
    {
        ++resolutions;
        correct += r.correct;
    }
    void onRewind() override { ++rewinds; predictions = resolutions = correct = 0; last = 0; }
    void onFinish(bool complete) override { finishes += complete ? 1 : 100; }

    std::size_t predictions = 0, resolutions = 0, correct = 0;
    int rewinds = 0, finishes = 0;
    Timestamp last = 0;
    bool ordered = true, correctWindow = true;
};

// Everything a view, a summary or a sink reads of the stream's state, as
// text, so that a difference shows where it lies.
QString describe(const ReplaySnapshot& s, const RecordingSink& sink)
{
    QStringList parts{QStringLiteral("at %1 after %2 records, %3 open")
                          .arg(s.progress.time)
                          .arg(s.progress.processed)
                          .arg(s.openCalls)};
    const auto tally = [](const Tally& t) {
        return QStringLiteral("%1/%2/%3/%4/%5/%6")
            .arg(t.windows)
            .arg(t.resolved)
            .arg(t.correct)
            .arg(t.actualUp)
            .arg(t.predictedUp)
            .arg(t.lastMoveCorrect);
    };
    parts << tally(s.overall);
    for (const DatedTally& d : s.overallOverTime)
        parts << QStringLiteral("overall at %1: %2").arg(d.time).arg(tally(d.tally));
    for (std::size_t i = 0; i < s.stocks.size(); ++i) {
        const StockStatus& st = s.stocks[i];
        parts << QStringLiteral("%1: %2 %3 %4 %5 %6 %7 %8 %9")
                     .arg(i)
                     .arg(st.lastTime)
                     .arg(st.lastClose)
                     .arg(st.prevClose)
                     .arg(st.records)
                     .arg(st.callTime)
                     .arg(st.margin)
                     .arg(st.callUp)
                     .arg(tally(s.tallies[i]));
    }
    QJsonObject stages;
    for (const auto& stage : s.stages)
        stage->addToSummary(stages);
    parts << QString::fromUtf8(QJsonDocument(stages).toJson(QJsonDocument::Compact));
    parts << QStringLiteral("sink %1 %2 %3").arg(sink.predictions).arg(sink.resolutions).arg(sink.correct);
    return parts.join('\n');
}

// An engine with both stages plugged in and a sink, as the window runs one.
struct StagedEngine {
    explicit StagedEngine(std::shared_ptr<const MarketData> data) : engine(std::move(data), model())
    {
        OnlineOptions online;
        online.clustering.k = 3;
        online.scorer.enabled = true;
        engine.plugStage(onlineLearning(online));
        engine.plugStage(backtest(5));
        engine.addSink(&sink);
    }
    // Forward from `start` by whole timestamps, then by records; false if
    // the engine did not get there. The engine serves waiting record steps
    // before timestamp steps, so the records wait for the timestamps.
    bool forward(Timestamp start, int timestamps, int records)
    {
        const MarketData& data = *engine.data();
        auto reaches = [&](std::size_t n) {
            return QTest::qWaitFor([&] { return engine.progress().processed == n; }, kPatienceMs);
        };
        for (int i = 0; i < timestamps; ++i)
            engine.stepTimestamp();
        if (!reaches(recordsAt(data, start, timestamps, 0)))
            return false;
        if (records > 0)
            engine.step(static_cast<std::size_t>(records));
        return reaches(recordsAt(data, start, timestamps, records));
    }
    QString state() const { return describe(engine.snapshot(), sink); }

    ReplayEngine engine;
    RecordingSink sink;
};

} // namespace

class TestReplayEngine : public QObject {
    Q_OBJECT
private slots:
    void fullSpeedMatchesSynchronousRun();
    void stepAndStepTimestamp();
    void seekForwardAndBack();
    void pauseAndStopFromAnotherThread();
    void pacedPlayDoesNotRunAhead();
    void pacedPlayBeyondAnyRateReachesTheEnd();
    void switchModelMidStream();
    void playAfterFinishStartsOver();
    void stepBackEqualsStepForward_data();
    void stepBackEqualsStepForward();
    void stepBackFromTheEnd();
    void replayFromStartsCallsThere();
    void historyBefore1970IsCalled();
    void overallOverTimeHoldsEveryDate();
};

void TestReplayEngine::fullSpeedMatchesSynchronousRun()
{
    const auto data = market();
    const auto m = model();
    ReplayEngine engine(data, m);
    RecordingSink sink;
    engine.addSink(&sink);
    // Queued into this thread, as a GUI hears them: a QSignalSpy would be
    // filled from the engine's thread while this one reads it.
    QList<bool> finished;
    int progressed = 0;
    QObject receiver;
    connect(&engine, &ReplayEngine::finished, &receiver, [&](bool complete) { finished.append(complete); },
            Qt::QueuedConnection);
    connect(&engine, &ReplayEngine::progressed, &receiver, [&] { ++progressed; }, Qt::QueuedConnection);
    engine.play();
    QVERIFY(engine.waitUntilDone(10s));
    QCOMPARE(engine.state(), ReplayState::Finished);
    const ReplaySnapshot s = engine.snapshot();
    QCOMPARE(s.progress.processed, data->recordCount());
    QVERIFY(s.overall == reference(*data, m));
    QCOMPARE(sink.predictions, std::size_t(s.overall.windows));
    QCOMPARE(sink.resolutions, std::size_t(s.overall.resolved));
    QCOMPARE(sink.correct, std::size_t(s.overall.correct));
    QVERIFY(sink.ordered);
    QVERIFY(sink.correctWindow);
    QCOMPARE(sink.finishes, 1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kPatienceMs);
    QCOMPARE(finished.first(), true);
    // Coalesced: a handful of progress signals for thousands of records.
    QVERIFY(progressed >= 1);
    QVERIFY(progressed < 50);
}

void TestReplayEngine::stepAndStepTimestamp()
{
    const auto data = market();
    ReplayEngine engine(data, model());
    engine.step(10);
    QTRY_COMPARE_WITH_TIMEOUT(engine.progress().processed, std::size_t(10), kPatienceMs);
    QCOMPARE(engine.state(), ReplayState::Paused);
    engine.step();
    QTRY_COMPARE_WITH_TIMEOUT(engine.progress().processed, std::size_t(11), kPatienceMs);

    // One timestamp: every record at the next time, and no more.
    const Timestamp now = engine.progress().time;
    const std::size_t before = recordsBefore(*data, now + 1);
    Timestamp next = std::numeric_limits<Timestamp>::max();
    for (const auto& s : data->stocks()) {
        const auto it = std::upper_bound(s.times.begin(), s.times.end(), now);
        if (it != s.times.end())
            next = std::min(next, *it);
    }
    engine.stepTimestamp();  // finishes the current timestamp's remaining stocks first
    engine.stepTimestamp();
    QTRY_COMPARE_WITH_TIMEOUT(engine.progress().processed, recordsBefore(*data, next + 1), kPatienceMs);
    QVERIFY(before <= recordsBefore(*data, next + 1));
    QCOMPARE(engine.progress().time, next);
}

void TestReplayEngine::seekForwardAndBack()
{
    const auto data = market();
    const auto m = model();
    ReplayEngine engine(data, m);
    const Timestamp late = timestamp::fromCivil(1990, 6, 1);
    const Timestamp early = timestamp::fromCivil(1990, 3, 1);
    for (const Timestamp target : {late, early, late}) {
        engine.seek(target);
        QTRY_COMPARE_WITH_TIMEOUT(engine.progress().processed, recordsBefore(*data, target), kPatienceMs);
        QCOMPARE(engine.state(), ReplayState::Paused);
        QVERIFY(engine.snapshot().overall == reference(*data, m, target));
    }
}

void TestReplayEngine::pauseAndStopFromAnotherThread()
{
    const auto data = market(200, 2000);
    ReplayEngine engine(data, model());
    RecordingSink sink;
    engine.addSink(&sink);
    engine.setPace({Pace::Unit::Records, 20000});
    engine.play();
    std::thread controller([&] {
        std::this_thread::sleep_for(20ms);
        engine.pause();
    });
    controller.join();
    QCOMPARE(engine.state(), ReplayState::Paused);
    const std::size_t paused = engine.progress().processed;
    QVERIFY(paused < data->recordCount());
    std::this_thread::sleep_for(30ms);
    // At most the batch in flight when pause() was called lands afterwards.
    const std::size_t settled = engine.progress().processed;
    std::this_thread::sleep_for(30ms);
    QCOMPARE(engine.progress().processed, settled);
    QVERIFY(settled >= paused);

    engine.play();
    std::thread stopper([&] { engine.stop(); });
    stopper.join();
    QVERIFY(engine.waitUntilDone(5s));
    QCOMPARE(engine.state(), ReplayState::Stopped);
    QCOMPARE(sink.finishes, 100);  // told once, as incomplete
}

void TestReplayEngine::pacedPlayDoesNotRunAhead()
{
    const auto data = market();
    ReplayEngine engine(data, model());
    engine.setPace({Pace::Unit::Timestamps, 5});
    engine.play();
    std::this_thread::sleep_for(100ms);
    engine.pause();
    // At five timestamps a second, a tenth of a second cannot reach the end.
    QVERIFY(engine.progress().processed < data->recordCount());
    QVERIFY(engine.progress().processed > 0 || engine.state() == ReplayState::Paused);
}

// A rate far past what a size_t holds once multiplied by the time
// elapsed: the records due saturate at a batch instead of overflowing.
void TestReplayEngine::pacedPlayBeyondAnyRateReachesTheEnd()
{
    const auto data = market();
    ReplayEngine engine(data, model());
    engine.setPace({Pace::Unit::Records, 1e308});
    engine.play();
    QVERIFY(engine.waitUntilDone(10s));
    QCOMPARE(engine.state(), ReplayState::Finished);
    QCOMPARE(engine.progress().processed, data->recordCount());
}

void TestReplayEngine::switchModelMidStream()
{
    const auto data = market();
    const auto up = model(1);
    const auto down = model(-1);
    ReplayEngine engine(data, up);
    const Timestamp half = timestamp::fromCivil(1990, 6, 1);
    engine.seek(half);
    QTRY_COMPARE_WITH_TIMEOUT(engine.progress().processed, recordsBefore(*data, half), kPatienceMs);
    const Timestamp switchedAfter = engine.progress().time;
    engine.setModel(down);
    QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot().model == down, kPatienceMs);
    // The switch is recorded where it happened: after the last record processed.
    const std::vector<ModelSwitch> models = engine.snapshot().models;
    QCOMPARE(models.size(), std::size_t(2));
    QVERIFY(models[0].fromStart && models[0].model == up);
    QVERIFY(!models[1].fromStart && models[1].model == down);
    QCOMPARE(models[1].afterTime, switchedAfter);
    QVERIFY(!models[1].appliesTo(switchedAfter - 1, 0));
    QVERIFY(models[1].appliesTo(switchedAfter + 1, 0));
    engine.play();
    QVERIFY(engine.waitUntilDone(10s));
    // Different from either model alone: the switch took effect mid-stream.
    const Tally mixed = engine.snapshot().overall;
    QVERIFY(!(mixed == reference(*data, up)));
    QVERIFY(!(mixed == reference(*data, down)));
    QCOMPARE(mixed.resolved, reference(*data, up).resolved);

    // A new pass starts with the model in force, and only it.
    engine.restart();
    QTRY_COMPARE_WITH_TIMEOUT(engine.snapshot().models.size(), std::size_t(1), kPatienceMs);
    QVERIFY(engine.snapshot().models[0].model == down);
}

void TestReplayEngine::playAfterFinishStartsOver()
{
    const auto data = market(5, 50);
    ReplayEngine engine(data, model());
    RecordingSink sink;
    engine.addSink(&sink);
    engine.play();
    QVERIFY(engine.waitUntilDone(5s));
    engine.play();
    QVERIFY(engine.waitUntilDone(5s));
    QCOMPARE(sink.rewinds, 1);
    QCOMPARE(engine.progress().processed, data->recordCount());
    QVERIFY(engine.snapshot().overall == reference(*data, model()));
}

void TestReplayEngine::stepBackEqualsStepForward_data()
{
    QTest::addColumn<QDate>("start");  // invalid: the data's first
    QTest::addColumn<int>("days");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("backDays");
    QTest::addColumn<int>("backRecords");
    QTest::addColumn<int>("targetDays");
    QTest::addColumn<int>("targetRecords");
    const QDate first;
    const QDate march(1990, 3, 1);
    QTest::newRow("a record back") << first << 0 << 10 << 0 << 1 << 0 << 9;
    QTest::newRow("records back mid-stream") << first << 0 << 5000 << 0 << 37 << 0 << 4963;
    QTest::newRow("more records back than replayed") << first << 0 << 5 << 0 << 20 << 0 << 0;
    QTest::newRow("at the start, nothing to undo") << first << 0 << 0 << 0 << 1 << 0 << 0;
    QTest::newRow("a day back at a day's end") << first << 30 << 0 << 1 << 0 << 29 << 0;
    QTest::newRow("a day back partway through a day") << first << 30 << 7 << 1 << 0 << 30 << 0;
    QTest::newRow("three days back") << first << 100 << 0 << 3 << 0 << 97 << 0;
    QTest::newRow("records back from a chosen start") << march << 0 << 500 << 0 << 100 << 0 << 400;
    QTest::newRow("days back past a chosen start") << march << 2 << 0 << 5 << 0 << 0 << 0;
    QTest::newRow("a day back within a chosen start's day") << march << 10 << 3 << 1 << 0 << 10 << 0;
}

// Both stages plugged in and a sink: stepping back leaves every figure where
// stepping forward to the same point does.
void TestReplayEngine::stepBackEqualsStepForward()
{
    QFETCH(QDate, start);
    QFETCH(int, days);
    QFETCH(int, records);
    QFETCH(int, backDays);
    QFETCH(int, backRecords);
    QFETCH(int, targetDays);
    QFETCH(int, targetRecords);
    const auto data = market();
    const Timestamp from = start.isValid() ? timestamp::fromCivil(start.year(), start.month(), start.day())
                                          : std::numeric_limits<Timestamp>::min();
    StagedEngine stepped(data);
    StagedEngine reached(data);
    if (start.isValid()) {
        stepped.engine.replayFrom(from);
        reached.engine.replayFrom(from);
    }
    QVERIFY(stepped.forward(from, days, records));
    const QString ahead = stepped.state();

    for (int i = 0; i < backDays; ++i)
        stepped.engine.stepBackTimestamp();
    if (backRecords > 0)
        stepped.engine.stepBack(static_cast<std::size_t>(backRecords));
    QVERIFY(reached.forward(from, targetDays, targetRecords));
    const std::size_t target = recordsAt(*data, from, targetDays, targetRecords);
    QTRY_COMPARE_WITH_TIMEOUT(stepped.engine.progress().processed, target, kPatienceMs);
    QCOMPARE(stepped.state(), reached.state());
    QVERIFY(stepped.state() != ahead || target == recordsAt(*data, from, days, records));
    QCOMPARE(stepped.engine.snapshot().stages.size(), std::size_t(2));
}

void TestReplayEngine::stepBackFromTheEnd()
{
    const auto data = market(8, 60);
    StagedEngine stepped(data);
    stepped.engine.play();
    QVERIFY(stepped.engine.waitUntilDone(10s));
    QCOMPARE(stepped.sink.finishes, 1);
    stepped.engine.stepBack();
    QTRY_COMPARE_WITH_TIMEOUT(stepped.engine.progress().processed, data->recordCount() - 1, kPatienceMs);
    QCOMPARE(stepped.engine.state(), ReplayState::Paused);

    StagedEngine reached(data);
    QVERIFY(reached.forward(std::numeric_limits<Timestamp>::min(), 0, static_cast<int>(data->recordCount()) - 1));
    QCOMPARE(stepped.state(), reached.state());

    // Playing on finishes the pass again, from where it was, not from the start.
    stepped.engine.play();
    QVERIFY(stepped.engine.waitUntilDone(10s));
    QCOMPARE(stepped.sink.finishes, 2);
    QCOMPARE(stepped.sink.rewinds, 1);
    QVERIFY(stepped.engine.snapshot().overall == reference(*data, model()));
}

void TestReplayEngine::replayFromStartsCallsThere()
{
    const auto data = market();
    const Timestamp start = timestamp::fromCivil(1990, 3, 1);
    ReplayEngine engine(data, model());
    RecordingSink sink;
    engine.addSink(&sink);
    engine.replayFrom(start);
    const std::size_t before = recordsBefore(*data, start);
    QVERIFY(before > 0);
    QTRY_COMPARE_WITH_TIMEOUT(engine.progress().processed, before, kPatienceMs);
    QCOMPARE(engine.state(), ReplayState::Ready);

    // The history before the start is drawn: windows and statuses filled,
    // nothing called.
    ReplaySnapshot s = engine.snapshot();
    QCOMPARE(s.overall.windows, std::uint64_t(0));
    QCOMPARE(s.openCalls, std::size_t(0));
    // The views' calls start where the engine's do.
    QCOMPARE(s.models.size(), std::size_t(1));
    QVERIFY(!s.models[0].fromStart);
    QCOMPARE(s.models[0].afterTime, s.progress.time);
    QVERIFY(s.progress.time < start);
    QCOMPARE(sink.predictions, std::size_t(0));
    Timestamp first = std::numeric_limits<Timestamp>::max();
    for (std::size_t i = 0; i < data->stockCount(); ++i) {
        const StockSeries& series = data->stock(i);
        const auto earlier = static_cast<std::size_t>(
            std::lower_bound(series.times.begin(), series.times.end(), start) - series.times.begin());
        QCOMPARE(s.stocks[i].records, earlier);
        QCOMPARE(s.stocks[i].lastClose, series.closes[earlier - 1]);
        QVERIFY(!s.stocks[i].hasCall);
        first = std::min(first, series.times[earlier]);
    }

    // Calls from the start on: at its first timestamp, every stock there
    // whose window the earlier history filled is called at once.
    std::size_t full = 0;
    for (const StockSeries& series : data->stocks()) {
        const auto at = std::lower_bound(series.times.begin(), series.times.end(), first);
        full += at != series.times.end() && *at == first && at - series.times.begin() >= 4;
    }
    QVERIFY(full > 0);
    engine.stepTimestamp();
    QTRY_COMPARE_WITH_TIMEOUT(engine.progress().time, first, kPatienceMs);
    QCOMPARE(sink.predictions, full);
    QCOMPARE(engine.snapshot().overall.windows, std::uint64_t(full));

    // The accuracy figures count the calls from the start only.
    engine.play();
    QVERIFY(engine.waitUntilDone(10s));
    std::size_t calls = 0;
    for (const StockSeries& series : data->stocks())
        for (std::size_t i = 4; i < series.size(); ++i)
            calls += series.times[i] >= start;
    QCOMPARE(sink.predictions, calls);
    QCOMPARE(static_cast<std::size_t>(engine.snapshot().overall.windows), calls);

    // Restarting comes back to the chosen start.
    engine.restart();
    QTRY_COMPARE_WITH_TIMEOUT(engine.progress().processed, before, kPatienceMs);
    QCOMPARE(engine.snapshot().overall.windows, std::uint64_t(0));
}

// Times before 1970 are negative: without a chosen start, every record is
// called, and a step back goes back no further than the first.
void TestReplayEngine::historyBefore1970IsCalled()
{
    const auto data = market(10, 100, 1965);
    ReplayEngine engine(data, model());
    engine.play();
    QVERIFY(engine.waitUntilDone(10s));
    QVERIFY(engine.snapshot().overall == reference(*data, model()));
    engine.stepBack(data->recordCount() + 5);
    QTRY_COMPARE_WITH_TIMEOUT(engine.progress().processed, std::size_t(0), kPatienceMs);
    engine.play();
    QVERIFY(engine.waitUntilDone(10s));
    QVERIFY(engine.snapshot().overall == reference(*data, model()));
}

QTEST_MAIN(TestReplayEngine)
// The market's accuracy over time is the tally as it stood at the end of
// each date, from the first resolved call on, however fast the replay ran.
void TestReplayEngine::overallOverTimeHoldsEveryDate()
{
    const auto data = market();
    const auto m = model();
    ReplayEngine engine(data, m);
    engine.play();
    QVERIFY(engine.waitUntilDone(10s));
    const ReplaySnapshot s = engine.snapshot();
    QVERIFY(!s.overallOverTime.empty());
    QVERIFY(s.overallOverTime.size() <= PredictionPipeline::kAccuracyOverTimeCapacity + 1);
    for (std::size_t i = 0; i < s.overallOverTime.size(); ++i) {
        const DatedTally& d = s.overallOverTime[i];
        QVERIFY(d.tally.resolved > 0);
        if (i > 0)
            QVERIFY(d.time > s.overallOverTime[i - 1].time);
        QVERIFY2(d.tally == reference(*data, m, d.time + 1), qPrintable(QString::number(d.time)));
    }
    QVERIFY(s.overallOverTime.back().tally == s.overall);
    // It starts at the first date with a resolved call: the one before it had none.
    const Timestamp first = s.overallOverTime.front().time;
    QCOMPARE(reference(*data, m, first).resolved, std::uint64_t{0});
}

#include "tst_replayengine.moc"
