#include "Patience.h"
#include "core/stream/ReplayEngine.h"

#include <QRandomGenerator>
#include <QTest>

#include <thread>

using namespace ss;
using namespace std::chrono_literals;

namespace {

// A random walk per stock, with staggered starts and a few gaps.
std::shared_ptr<const MarketData> market(int stocks = 40, int records = 300)
{
    QRandomGenerator rng(42);
    std::vector<StockSeries> series;
    for (int s = 0; s < stocks; ++s) {
        StockSeries x;
        x.name = QStringLiteral("st%1.us").arg(s, 3, 10, QChar('0')).toStdString();
        Timestamp t = timestamp::fromCivil(1990, 1, 1) + rng.bounded(20) * timestamp::kSecondsPerDay;
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

QTEST_MAIN(TestReplayEngine)
#include "tst_replayengine.moc"
