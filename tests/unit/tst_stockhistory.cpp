#include "app/charts/StockHistory.h"

#include <QTest>

#include <cmath>

using namespace ss;

namespace {

constexpr int kWindow = 3;
const std::vector<double> kWeights{0.4, -1.0, 0.7};  // raw: one per close
constexpr double kIntercept = -0.02;

// Closes with ties, rises and falls, one a day.
std::shared_ptr<const MarketData> market()
{
    StockSeries s;
    s.name = "abc.us";
    const std::vector<double> closes{1.0, 1.1, 1.1, 1.05, 1.2, 1.3, 1.3, 1.25, 1.4, 1.1, 1.15, 1.15, 1.2};
    for (std::size_t i = 0; i < closes.size(); ++i) {
        s.times.push_back(timestamp::fromCivil(2001, 3, 1) + static_cast<Timestamp>(i) * timestamp::kSecondsPerDay);
        s.closes.push_back(closes[i]);
    }
    return std::make_shared<const MarketData>(std::vector<StockSeries>{s});
}

std::shared_ptr<const LogisticModel> model()
{
    return std::make_shared<const LogisticModel>(kWindow, FeatureTransform::Raw, kWeights, kIntercept);
}

struct Expected {
    std::vector<bool> up;
    std::vector<double> pUp;
    std::uint64_t resolved = 0;
    std::uint64_t correct = 0;
};

Expected byHand(const std::vector<double>& c, std::size_t records)
{
    Expected e;
    for (std::size_t i = kWindow - 1; i < records; ++i) {
        double m = kIntercept;
        for (int k = 0; k < kWindow; ++k)
            m += kWeights[static_cast<std::size_t>(k)] * c[i - static_cast<std::size_t>(kWindow - 1 - k)];
        const double p = 1 / (1 + std::exp(-m));
        e.pUp.push_back(p);
        e.up.push_back(p > 0.5);
        if (i + 1 < records) {
            ++e.resolved;
            e.correct += (c[i + 1] > c[i]) == (p > 0.5);
        }
    }
    return e;
}

} // namespace

class TestStockHistory : public QObject {
    Q_OBJECT

private slots:
    void matchesAHandCount_data();
    void matchesAHandCount();
    void growsInStepsLikeInOne();
    void goingBackStartsOver();
    void findsCallsByRecord();
    void emptyHistoryIsHarmless();
    void eachCallUsesTheModelThenInForce();
    void anotherPassStartsOver();
    void historyBeforeTheStartIsNotCalled();
    void aLoggedRunMatchesTheReplay();
    void reportedCallsKeepTheLastOutcomeForTheNextClose();
};

void TestStockHistory::matchesAHandCount_data()
{
    QTest::addColumn<int>("records");
    QTest::newRow("before the first window") << 2;
    QTest::newRow("first window only") << 3;
    QTest::newRow("part way") << 8;
    QTest::newRow("everything") << 13;
    QTest::newRow("more than there is") << 100;
}

void TestStockHistory::matchesAHandCount()
{
    QFETCH(int, records);
    const auto data = market();
    StockHistory h(data, 0, model());
    h.advanceTo(static_cast<std::size_t>(records));
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(records), data->stock(0).size());
    const Expected e = byHand(data->stock(0).closes, n);
    QCOMPARE(h.records(), n);
    QCOMPARE(h.calls().size(), e.up.size());
    QCOMPARE(h.tally().resolved, e.resolved);
    QCOMPARE(h.tally().correct, e.correct);
    for (std::size_t i = 0; i < e.up.size(); ++i) {
        const StockCall& c = h.calls()[i];
        QCOMPARE(c.up, e.up[i]);
        QCOMPARE(c.pUp, e.pUp[i]);
        QCOMPARE(c.record, i + kWindow - 1);
        QCOMPARE(c.resolved, i + 1 < e.up.size());
        if (c.resolved)
            QCOMPARE(c.predictedTime, data->stock(0).times[c.record + 1]);
    }
    if (!h.calls().empty())
        QCOMPARE(std::uint64_t{h.calls().back().correctSoFar}, e.correct);
}

void TestStockHistory::growsInStepsLikeInOne()
{
    const auto data = market();
    StockHistory stepwise(data, 0, model());
    for (std::size_t r = 0; r <= 13; ++r)
        stepwise.advanceTo(r);
    StockHistory once(data, 0, model());
    once.advanceTo(13);
    QCOMPARE(stepwise.calls().size(), once.calls().size());
    for (std::size_t i = 0; i < once.calls().size(); ++i) {
        QCOMPARE(stepwise.calls()[i].correctSoFar, once.calls()[i].correctSoFar);
        QCOMPARE(stepwise.calls()[i].lastMoveCorrectSoFar, once.calls()[i].lastMoveCorrectSoFar);
    }
}

void TestStockHistory::goingBackStartsOver()
{
    const auto data = market();
    StockHistory h(data, 0, model());
    h.advanceTo(13);
    h.advanceTo(6);
    const Expected e = byHand(data->stock(0).closes, 6);
    QCOMPARE(h.records(), std::size_t{6});
    QCOMPARE(h.calls().size(), e.up.size());
    QCOMPARE(h.tally().correct, e.correct);
}

void TestStockHistory::findsCallsByRecord()
{
    StockHistory h(market(), 0, model());
    h.advanceTo(13);
    QVERIFY(!h.callAt(0));
    QVERIFY(!h.callAt(1));
    QVERIFY(h.callAt(2));
    QCOMPARE(h.callAt(5)->record, std::size_t{5});
    QCOMPARE(h.callPredicting(6), h.callAt(5));
    QVERIFY(!h.callPredicting(0));
    QVERIFY(!h.callAt(13));
}

void TestStockHistory::emptyHistoryIsHarmless()
{
    StockHistory h;
    QVERIFY(!h.isValid());
    h.advanceTo(10);
    QCOMPARE(h.records(), std::size_t{0});
    QVERIFY(!h.callAt(0));
}

// A switch after the 6th close (record 5): calls on records 0..5 are the
// first model's, later ones the second's, as the engine made them.
void TestStockHistory::eachCallUsesTheModelThenInForce()
{
    const auto data = market();
    const auto first = model();
    const auto second = std::make_shared<const LogisticModel>(kWindow, FeatureTransform::Raw,
                                                              std::vector<double>{-3.0, 1.0, 2.5}, 0.3);
    StockHistory onlyFirst(data, 0, first);
    StockHistory onlySecond(data, 0, second);
    onlyFirst.advanceTo(13);
    onlySecond.advanceTo(13);

    StockHistory h(data, 0, first);
    h.advanceTo(4);
    // The engine switched right after record 5 of this stock.
    const Timestamp switchTime = data->stock(0).times[5];
    QVERIFY(!h.setModels({{first}, {second, false, switchTime, 0}}));  // ahead of what is computed: kept
    QCOMPARE(h.records(), std::size_t{4});
    h.advanceTo(13);
    QCOMPARE(h.calls().size(), onlyFirst.calls().size());
    bool differs = false;
    for (std::size_t i = 0; i < h.calls().size(); ++i) {
        const StockCall& c = h.calls()[i];
        const StockCall& expected = c.record <= 5 ? onlyFirst.calls()[i] : onlySecond.calls()[i];
        QCOMPARE(c.pUp, expected.pUp);
        differs = differs || onlyFirst.calls()[i].up != onlySecond.calls()[i].up;
    }
    QVERIFY(differs);  // the two models disagree somewhere, so the test can fail
}

void TestStockHistory::anotherPassStartsOver()
{
    const auto data = market();
    const auto first = model();
    StockHistory h(data, 0, first);
    h.advanceTo(13);
    QVERIFY(!h.setModels({{first}}));  // the same list: nothing to do
    QCOMPARE(h.records(), std::size_t{13});
    const auto other = std::make_shared<const LogisticModel>(*first);
    QVERIFY(h.setModels({{other}}));  // a new pass with another model
    QCOMPARE(h.records(), std::size_t{0});
}

// A replay started after record 6 of this stock: the closes before fill
// the window, the calls start with the next record.
void TestStockHistory::historyBeforeTheStartIsNotCalled()
{
    const auto data = market();
    StockHistory whole(data, 0, model());
    whole.advanceTo(13);
    StockHistory h(data, 0, {{model(), false, data->stock(0).times[6], 0}});
    h.advanceTo(13);
    QCOMPARE(h.calls().front().record, std::size_t{7});
    QCOMPARE(h.calls().size(), whole.calls().size() - 5);
    QCOMPARE(h.calls().front().pUp, whole.callAt(7)->pUp);
    QCOMPARE(h.calls().front().resolvedSoFar, std::uint32_t{1});  // its own outcome alone
}

void TestStockHistory::aLoggedRunMatchesTheReplay()
{
    // The records a replay logs of the hand-made series: each window, its
    // p_up, and the outcome once the next close came.
    const auto data = market();
    const StockSeries& series = data->stock(0);
    const Expected e = byHand(series.closes, series.size());
    std::vector<PredictionRecord> logged;
    for (std::size_t i = kWindow - 1; i < series.size(); ++i) {
        PredictionRecord r;
        r.stock = series.name;
        r.time = series.times[i];
        r.window.assign(series.closes.begin() + static_cast<std::ptrdiff_t>(i + 1 - kWindow),
                        series.closes.begin() + static_cast<std::ptrdiff_t>(i + 1));
        r.pUp = e.pUp[logged.size()];
        r.up = e.up[logged.size()];
        if (i + 1 < series.size()) {
            r.actual = series.closes[i + 1] > series.closes[i];
            r.resolvedTime = series.times[i + 1];
        }
        logged.push_back(r);
    }

    StockHistory replayed(data, 0, model());
    replayed.advanceTo(series.size());
    StockHistory h = StockHistory::fromLog(series.name, logged);
    QVERIFY(h.isValid() && h.isLogged());
    QCOMPARE(h.series().name, series.name);
    // The series starts at the first call: earlier closes have no date in the log.
    QCOMPARE(h.series().size(), logged.size());
    QCOMPARE(h.series().closes.front(), series.closes[kWindow - 1]);
    QCOMPARE(h.series().times.back(), series.times.back());
    QCOMPARE(h.calls().size(), replayed.calls().size());
    for (std::size_t i = 0; i < h.calls().size(); ++i) {
        const StockCall& a = h.calls()[i];
        const StockCall& b = replayed.calls()[i];
        QCOMPARE(a.record, i);
        QCOMPARE(a.time, b.time);
        QCOMPARE(a.predictedTime, b.predictedTime);
        QCOMPARE(a.pUp, b.pUp);
        QCOMPARE(a.up, b.up);
        QCOMPARE(a.resolved, b.resolved);
        QCOMPARE(a.correct, b.correct);
        QCOMPARE(a.resolvedSoFar, b.resolvedSoFar);
        QCOMPARE(a.correctSoFar, b.correctSoFar);
        QCOMPARE(a.actualUpSoFar, b.actualUpSoFar);
        QCOMPARE(a.lastMoveCorrectSoFar, b.lastMoveCorrectSoFar);
    }
    QCOMPARE(h.tally().resolved, e.resolved);
    QCOMPARE(h.tally().correct, e.correct);

    // Complete as it is: neither a replay's progress nor its models move it.
    h.advanceTo(2);
    QVERIFY(!h.setModels({{model()}}));
    QCOMPARE(h.calls().size(), replayed.calls().size());
    QCOMPARE(h.records(), logged.size());
}

void TestStockHistory::reportedCallsKeepTheLastOutcomeForTheNextClose()
{
    // A live feed's calls as reported, each resolved by the next close,
    // and the last one too: its outcome is known, its close not yet drawn.
    const auto data = market();
    const StockSeries& series = data->stock(0);
    const Expected e = byHand(series.closes, series.size());
    std::vector<ReportedCall> calls;
    for (std::size_t i = kWindow - 1; i < series.size(); ++i) {
        const std::size_t k = calls.size();
        const bool last = i + 1 == series.size();
        calls.push_back({series.times[i], series.closes[i], series.closes[i - 1], e.pUp[k], e.up[k],
                         last ? std::optional(true) : std::optional(series.closes[i + 1] > series.closes[i]),
                         last ? series.times[i] + timestamp::kSecondsPerDay : series.times[i + 1]});
    }
    const StockHistory h = StockHistory::fromCalls(series.name, calls);
    QCOMPARE(h.series().size(), calls.size());
    QCOMPARE(h.calls().size(), calls.size());
    QVERIFY(!h.calls().back().resolved);
    QCOMPARE(h.tally().resolved, e.resolved);
    QCOMPARE(h.tally().correct, e.correct);

    // No calls: no series to draw.
    QVERIFY(!StockHistory::fromCalls(series.name, {}).isValid());
}

QTEST_MAIN(TestStockHistory)
#include "tst_stockhistory.moc"
