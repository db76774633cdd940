// The Compare models view against the very snapshot it shows: the built-in
// sample replayed with the online scorer beside the model, and the hint
// while the scorer is off.
#include "OnlineSampleWindow.h"
#include "app/panels/ModelComparisonView.h"

#include <QChart>
#include <QLineSeries>

using namespace ss;

class TestModelComparisonView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void saysHowToTurnItOn();
    void linesEndOnTheSnapshotsRollingAccuracy_data();
    void linesEndOnTheSnapshotsRollingAccuracy();
    void linesStayBounded();
    void totalsAreThoseOfTheSameCalls();
    void turningItOffShowsTheHintAgain();

private:
    static constexpr std::size_t kRecords = 20000;
    OnlineSnapshot online() const { return *onlineOf(window_->engine()->snapshot()); }

    QTemporaryDir settings_;
    std::unique_ptr<MainWindow> window_;
};

void TestModelComparisonView::initTestCase()
{
    QVERIFY(settings_.isValid());
    test::isolateSettings(settings_, QStringLiteral("tst_modelcomparisonview"));
    window_ = test::sampleWindow();
    QVERIFY(window_);
}

void TestModelComparisonView::saysHowToTurnItOn()
{
    window_->refreshViews();
    QVERIFY(window_->comparisonView()->showsHint());

    // Clusters alone do not score calls.
    OnlineOptions clustersOnly;
    clustersOnly.clustering.k = 3;
    window_->setOnlineOptions(clustersOnly);
    QVERIFY(window_->comparisonView()->showsHint());

    OnlineOptions options;
    options.scorer.enabled = true;
    window_->setOnlineOptions(options);
    QVERIFY(test::stepRecords(*window_, kRecords));
    window_->refreshViews();
    QVERIFY(!window_->comparisonView()->showsHint());
}

void TestModelComparisonView::linesEndOnTheSnapshotsRollingAccuracy_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("field");  // 0 static, 1 online, 2 up share, 3 one minus the up share, 4 last move
    QTest::addRow("model") << int(ModelComparisonView::StaticModel) << 0;
    QTest::addRow("online model") << int(ModelComparisonView::OnlineModel) << 1;
    QTest::addRow("always up") << int(ModelComparisonView::AlwaysUp) << 2;
    QTest::addRow("always down") << int(ModelComparisonView::AlwaysDown) << 3;
    QTest::addRow("same as last move") << int(ModelComparisonView::LastMove) << 4;
}

void TestModelComparisonView::linesEndOnTheSnapshotsRollingAccuracy()
{
    QFETCH(int, line);
    QFETCH(int, field);
    const OnlineSnapshot s = online();
    QVERIFY(!s.accuracyHistory.empty());
    const AccuracyPoint& last = s.accuracyHistory.back();
    const double expected[] = {last.staticAccuracy, last.onlineAccuracy, last.upShare, 1.0 - last.upShare,
                               last.lastMoveAccuracy};
    const QLineSeries* series = window_->comparisonView()->line(static_cast<ModelComparisonView::Line>(line));
    QVERIFY(series->count() > 0);
    QCOMPARE(series->at(series->count() - 1).y(), expected[field]);
    QVERIFY(series->at(series->count() - 1).y() >= 0 && series->at(series->count() - 1).y() <= 1);
}

void TestModelComparisonView::linesStayBounded()
{
    const OnlineSnapshot s = online();
    const ModelComparisonView* view = window_->comparisonView();
    const QLineSeries* model = view->line(ModelComparisonView::StaticModel);
    // About two points a pixel of the plot, and never more than the history holds.
    const auto pixels = static_cast<qsizetype>(model->chart()->plotArea().width());
    for (int i = 0; i < ModelComparisonView::kLines; ++i) {
        const QLineSeries* series = view->line(static_cast<ModelComparisonView::Line>(i));
        QVERIFY(series->count() <= static_cast<qsizetype>(s.accuracyHistory.size()));
        QVERIFY(series->count() <= 2 * pixels + 3);
    }
}

void TestModelComparisonView::totalsAreThoseOfTheSameCalls()
{
    const OnlineSnapshot s = online();
    QVERIFY(s.staticTally.resolved > 0);
    QCOMPARE(s.staticTally.resolved, s.onlineTally.resolved);
    const auto percent = [](std::uint64_t n, std::uint64_t d) {
        return QStringLiteral("%1%").arg(100.0 * static_cast<double>(n) / static_cast<double>(d), 0, 'f', 2);
    };
    const QString text = window_->comparisonView()->figures();
    for (const QString& figure : {percent(s.staticTally.correct, s.staticTally.resolved),
                                  percent(s.onlineTally.correct, s.onlineTally.resolved),
                                  percent(s.staticTally.actualUp, s.staticTally.resolved),
                                  percent(s.staticTally.lastMoveCorrect, s.staticTally.resolved)})
        QVERIFY2(text.contains(figure), qPrintable(text));
}

void TestModelComparisonView::turningItOffShowsTheHintAgain()
{
    window_->setOnlineOptions(OnlineOptions{});
    QVERIFY(window_->comparisonView()->showsHint());
    QCOMPARE(window_->comparisonView()->line(ModelComparisonView::StaticModel)->count(), 0);
}

QTEST_MAIN(TestModelComparisonView)
#include "tst_modelcomparisonview.moc"
