#include "Patience.h"
#include "core/storage/LoggedPasses.h"
#include "core/stream/ReplayEngine.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ss;
using namespace std::chrono_literals;

namespace {

// A few stocks on the same days, one record a day each.
std::shared_ptr<const MarketData> market()
{
    std::vector<StockSeries> series;
    for (int s = 0; s < 6; ++s) {
        StockSeries x;
        x.name = "st" + std::to_string(s) + ".us";
        for (int day = 0; day < 80; ++day) {
            x.times.push_back(timestamp::fromCivil(2001, 1, 1) + day * timestamp::kSecondsPerDay);
            x.closes.push_back(20 + s + ((day * (s + 3)) % 7) * 0.5);
        }
        series.push_back(std::move(x));
    }
    return std::make_shared<const MarketData>(std::move(series));
}

std::size_t recordsBefore(const MarketData& data, Timestamp time)
{
    std::size_t n = 0;
    for (const auto& s : data.stocks())
        n += static_cast<std::size_t>(std::lower_bound(s.times.begin(), s.times.end(), time) - s.times.begin());
    return n;
}

} // namespace

class TestLoggedPasses : public QObject {
    Q_OBJECT
private slots:
    void stepBackStartsTheRunOver_data();
    void stepBackStartsTheRunOver();
};

void TestLoggedPasses::stepBackStartsTheRunOver_data()
{
    QTest::addColumn<QString>("move");
    QTest::addColumn<QString>("left");  // how the run stepped back from ended
    QTest::newRow("a record back") << "record" << "stopped";
    QTest::newRow("a day back") << "day" << "stopped";
    QTest::newRow("a record back from the end") << "end" << "finished";
}

// A step back, like a seek backwards, ends the logged run where it stood
// and logs the stream again from the start in a run of its own: no run
// holds a call twice, and none holds a call the replay has taken back.
void TestLoggedPasses::stepBackStartsTheRunOver()
{
    QFETCH(QString, move);
    QFETCH(QString, left);
    const auto data = market();
    // Read from its file, as the window has it: a run records the file.
    QTemporaryDir dir;
    const QString modelPath = dir.filePath(QStringLiteral("model.json"));
    QString error;
    QVERIFY2(LogisticModel(5, FeatureTransform::Relative, {3, -2, 1, -4}, 0.01).save(modelPath, &error),
             qPrintable(error));
    auto loaded = LogisticModel::load(modelPath, &error);
    QVERIFY2(loaded, qPrintable(error));
    const auto model = std::make_shared<const LogisticModel>(std::move(*loaded));
    const QString path = dir.filePath(QStringLiteral("log.sqlite"));
    auto engine = std::make_unique<ReplayEngine>(data, model);
    auto logger = LoggedPasses::attach(*engine, path, QStringLiteral("synthetic"), &error);
    QVERIFY2(logger, qPrintable(error));
    logger->setModel(model);
    // Direct: on the engine's thread; read once it is joined.
    QString failure;
    connect(logger.get(), &LoggedPasses::failed, logger.get(), [&](const QString& why) { failure = why; },
            Qt::DirectConnection);

    std::size_t target = 0;
    if (move == "record") {
        engine->step(200);
        QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, std::size_t(200), kPatienceMs);
        target = 199;
    } else if (move == "day") {
        const Timestamp day = timestamp::fromCivil(2001, 2, 10);
        engine->seek(day);
        QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, recordsBefore(*data, day), kPatienceMs);
        target = recordsBefore(*data, engine->progress().time);
    } else {
        engine->play();
        QVERIFY(engine->waitUntilDone(10s));
        target = data->recordCount() - 1;
    }
    const Tally ahead = engine->snapshot().overall;
    if (move == "day")
        engine->stepBackTimestamp();
    else
        engine->stepBack();
    QTRY_COMPARE_WITH_TIMEOUT(engine->progress().processed, target, kPatienceMs);
    const Tally back = engine->snapshot().overall;
    QVERIFY(back.windows < ahead.windows);
    engine->stop();
    QVERIFY(engine->waitUntilDone(10s));
    engine.reset();
    logger.reset();
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    auto log = PredictionLog::open(path, &error);
    QVERIFY2(log, qPrintable(error));
    const auto runs = log->runs(&error);
    QVERIFY2(runs, qPrintable(error));
    QCOMPARE(runs->size(), std::size_t(2));
    std::vector<RunInfo> ordered = *runs;
    std::sort(ordered.begin(), ordered.end(), [](const RunInfo& a, const RunInfo& b) { return a.id < b.id; });
    QCOMPARE(QString::fromLatin1(runStatusName(ordered[0].status)), left);
    QCOMPARE(log->predictionCount(ordered[0].id, &error), std::optional<std::int64_t>(ahead.windows));
    QCOMPARE(ordered[1].status, RunStatus::Stopped);
    QCOMPARE(log->predictionCount(ordered[1].id, &error), std::optional<std::int64_t>(back.windows));
}

QTEST_MAIN(TestLoggedPasses)
#include "tst_loggedpasses.moc"
