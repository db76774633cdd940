#include "core/model/ExampleSet.h"

#include <QTest>

using namespace ss;

namespace {

StockSeries series(const char* name, const std::vector<double>& closes)
{
    StockSeries s{name, {}, closes};
    for (std::size_t i = 0; i < closes.size(); ++i)
        s.times.push_back(timestamp::fromCivil(2000, 1, 3) + static_cast<Timestamp>(i) * timestamp::kSecondsPerDay);
    return s;
}

} // namespace

class TestExampleSet : public QObject {
    Q_OBJECT
private slots:
    void rawExamples();
    void relativeFeatures();
    void shortSeries_data();
    void shortSeries();
    void pooledRunsStayWithinAStock();
    void progressAndStop_data();
    void progressAndStop();
};

// closes 10 11 11 10 12 12 13 with W = 3 give four runs of four closes.
void TestExampleSet::rawExamples()
{
    const StockSeries s = series("x.us", {10, 11, 11, 10, 12, 12, 13});
    const ExampleSet e = ExampleSet::fromSeries(s, FeatureTransform::Raw, 3);
    QCOMPARE(e.size(), std::size_t(4));
    QCOMPARE(e.featureCount(), 3);
    const double features[4][3] = {{10, 11, 11}, {11, 11, 10}, {11, 10, 12}, {10, 12, 12}};
    const double labels[4] = {0, 1, 0, 1};          // 10 > 11? 12 > 10? 12 > 12 (tie)? 13 > 12?
    const bool lastMoveUp[4] = {false, false, true, false};  // n1 > n2
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < 3; ++j)
            QCOMPARE(e.features()(i, j), features[i][j]);
        QCOMPARE(e.labels()(i), labels[i]);
        QCOMPARE(bool(e.lastMoveUp()[static_cast<std::size_t>(i)]), lastMoveUp[i]);
        QCOMPARE(e.firstCloseTime(static_cast<std::size_t>(i)), s.times[static_cast<std::size_t>(i)]);
        QCOMPARE(e.labelTime(static_cast<std::size_t>(i)), s.times[static_cast<std::size_t>(i) + 3]);
    }
}

void TestExampleSet::relativeFeatures()
{
    const ExampleSet e = ExampleSet::fromSeries(series("x.us", {8, 10, 4, 5, 6}), FeatureTransform::Relative, 4);
    QCOMPARE(e.size(), std::size_t(1));
    QCOMPARE(e.featureCount(), 3);
    QCOMPARE(e.features()(0, 0), 8.0 / 5 - 1);
    QCOMPARE(e.features()(0, 1), 10.0 / 5 - 1);
    QCOMPARE(e.features()(0, 2), 4.0 / 5 - 1);
    QCOMPARE(e.labels()(0), 1.0);
}

void TestExampleSet::shortSeries_data()
{
    QTest::addColumn<int>("closes");
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("examples");
    QTest::newRow("empty") << 0 << 5 << 0;
    QTest::newRow("W closes") << 5 << 5 << 0;
    QTest::newRow("W+1 closes") << 6 << 5 << 1;
    QTest::newRow("W = 60, 61 closes") << 61 << 60 << 1;
    QTest::newRow("W = 2, 2 closes") << 2 << 2 << 0;
}

void TestExampleSet::shortSeries()
{
    QFETCH(int, closes);
    QFETCH(int, window);
    QFETCH(int, examples);
    std::vector<double> values;
    for (int i = 0; i < closes; ++i)
        values.push_back(1 + i % 3);
    const ExampleSet e = ExampleSet::fromSeries(series("x.us", values), FeatureTransform::Relative, window);
    QCOMPARE(static_cast<int>(e.size()), examples);
    QCOMPARE(static_cast<int>(e.features().rows()), examples);
}

// a: 5 closes (2 runs of 4), b: 2 closes (none), c: 4 closes (1 run); no run
// may take closes of two stocks.
void TestExampleSet::pooledRunsStayWithinAStock()
{
    const std::vector<StockSeries> stocks{series("a.us", {1, 2, 3, 4, 5}), series("b.us", {9, 9}),
                                          series("c.us", {7, 6, 5, 4})};
    const ExampleSet e = ExampleSet::fromStocks(stocks, FeatureTransform::Raw, 3);
    QCOMPARE(e.size(), std::size_t(3));
    QCOMPARE(e.features()(1, 0), 2.0);
    QCOMPARE(e.labels()(1), 1.0);
    QCOMPARE(e.features()(2, 0), 7.0);
    QCOMPARE(e.features()(2, 2), 5.0);
    QCOMPARE(e.labels()(2), 0.0);
}

void TestExampleSet::progressAndStop_data()
{
    QTest::addColumn<int>("stopAt");  // the report that answers false; 0: none does
    QTest::newRow("never stopped") << 0;
    QTest::newRow("stopped after the first stock") << 1;
    QTest::newRow("stopped after the second stock") << 2;
    QTest::newRow("stopped after the last stock") << 3;
}

// The stocks of pooledRunsStayWithinAStock: 2, 0 and 1 of the 3 rows, so
// the shares told are 2/3, 2/3 and 3/3; a false answer ends the build there.
void TestExampleSet::progressAndStop()
{
    QFETCH(int, stopAt);
    const std::vector<StockSeries> stocks{series("a.us", {1, 2, 3, 4, 5}), series("b.us", {9, 9}),
                                          series("c.us", {7, 6, 5, 4})};
    const std::vector<double> shares{2.0 / 3, 2.0 / 3, 1.0};
    std::vector<double> told;
    const auto built = ExampleSet::fromStocks(stocks, FeatureTransform::Raw, 3, [&](double fraction) {
        told.push_back(fraction);
        return static_cast<int>(told.size()) != stopAt;
    });
    const std::size_t reports = stopAt == 0 ? shares.size() : static_cast<std::size_t>(stopAt);
    QCOMPARE(told.size(), reports);
    for (std::size_t i = 0; i < reports; ++i)
        QCOMPARE(told[i], shares[i]);
    QCOMPARE(built.has_value(), stopAt == 0);
    if (built) {
        const ExampleSet plain = ExampleSet::fromStocks(stocks, FeatureTransform::Raw, 3);
        QVERIFY(built->features() == plain.features());
        QVERIFY(built->labels() == plain.labels());
    }
}

QTEST_MAIN(TestExampleSet)
#include "tst_exampleset.moc"
