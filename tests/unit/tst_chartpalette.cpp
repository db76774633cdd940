// One palette for every chart: each accuracy line the same colour wherever
// it is drawn, enough categorical colours told apart, and the colours that
// mean something on the price chart never shared, light or dark.
#include "app/charts/ChartPalette.h"
#include "app/charts/OverviewChart.h"
#include "app/charts/StockChartPanel.h"
#include "app/panels/ModelComparisonView.h"

#include <QApplication>
#include <QStyle>
#include <QCandlestickSeries>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTest>

#include <cmath>

using namespace ss;

namespace {

// Apart enough to be told apart at a glance (Euclidean in RGB, 0..441).
constexpr double kDistinct = 60;

double distance(const QColor& a, const QColor& b)
{
    return std::hypot(a.red() - b.red(), a.green() - b.green(), a.blue() - b.blue());
}

QPalette themed(bool dark)
{
    QPalette p = QApplication::style()->standardPalette();
    if (dark) {
        p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        p.setColor(QPalette::WindowText, Qt::white);
        p.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    }
    return p;
}

} // namespace

class TestChartPalette : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void eachBaselineIsOneColourInEveryChart_data();
    void eachBaselineIsOneColourInEveryChart();
    void meaningfulColoursNeverShare_data();
    void meaningfulColoursNeverShare();
    void theStockChartDrawsWithThePalette_data();
    void theStockChartDrawsWithThePalette();
    void categoricalColoursAreDistinct();
    void overlaysAreNeitherRightNorWrong();
};

void TestChartPalette::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("stockstream-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_chartpalette"));
}

void TestChartPalette::eachBaselineIsOneColourInEveryChart_data()
{
    QTest::addColumn<int>("line");
    QTest::newRow("model") << static_cast<int>(AccuracyLine::Model);
    QTest::newRow("always up") << static_cast<int>(AccuracyLine::AlwaysUp);
    QTest::newRow("always down") << static_cast<int>(AccuracyLine::AlwaysDown);
    QTest::newRow("same as last move") << static_cast<int>(AccuracyLine::LastMove);
}

void TestChartPalette::eachBaselineIsOneColourInEveryChart()
{
    QFETCH(int, line);
    const auto kind = static_cast<AccuracyLine>(line);
    StockChartPanel panel;
    OverviewChart overview;
    ModelComparisonView comparison;
    // The three charts number their lines in the same order, after the model.
    const std::array<StockChartPanel::Rolling, 4> rolling{StockChartPanel::Model, StockChartPanel::AlwaysUp,
                                                          StockChartPanel::AlwaysDown, StockChartPanel::LastMove};
    const std::array<ModelComparisonView::Line, 4> compared{ModelComparisonView::StaticModel,
                                                            ModelComparisonView::AlwaysUp,
                                                            ModelComparisonView::AlwaysDown,
                                                            ModelComparisonView::LastMove};
    const auto i = static_cast<std::size_t>(kind == AccuracyLine::Model ? 0 : line - 1);
    const QColor expected = ChartPalette::accuracy(kind);
    QCOMPARE(panel.rollingSeries(rolling[i])->pen().color(), expected);
    QCOMPARE(overview.line(i)->pen().color(), expected);
    QCOMPARE(comparison.line(compared[i])->pen().color(), expected);
    QCOMPARE(panel.rollingSeries(rolling[i])->name(), overview.line(i)->name());
    QCOMPARE(panel.rollingSeries(rolling[i])->pen().style(), comparison.line(compared[i])->pen().style());
}

void TestChartPalette::meaningfulColoursNeverShare_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestChartPalette::meaningfulColoursNeverShare()
{
    QFETCH(bool, dark);
    using Role = ChartPalette::Role;
    const std::array<Role, 5> roles{Role::Close, Role::Right, Role::Wrong, Role::CandleUp, Role::CandleDown};
    for (std::size_t a = 0; a < roles.size(); ++a)
        for (std::size_t b = a + 1; b < roles.size(); ++b)
            QVERIFY2(distance(ChartPalette::color(roles[a], dark), ChartPalette::color(roles[b], dark)) > kDistinct,
                     qPrintable(QStringLiteral("roles %1 and %2").arg(a).arg(b)));
    // The close line reads on the chart's background.
    const QColor background = dark ? QColor(0x2e, 0x30, 0x3d) : Qt::white;
    QVERIFY(distance(ChartPalette::color(Role::Close, dark), background) > 3 * kDistinct);
    // Model and online model are told apart at once, and from the baselines.
    QVERIFY(distance(ChartPalette::accuracy(AccuracyLine::Model), ChartPalette::accuracy(AccuracyLine::OnlineModel))
            > 3 * kDistinct);
    for (const auto line : {AccuracyLine::AlwaysUp, AccuracyLine::AlwaysDown, AccuracyLine::LastMove})
        for (const auto scorer : {AccuracyLine::Model, AccuracyLine::OnlineModel})
            QVERIFY(distance(ChartPalette::accuracy(line), ChartPalette::accuracy(scorer)) > kDistinct);
}

void TestChartPalette::theStockChartDrawsWithThePalette_data()
{
    meaningfulColoursNeverShare_data();
}

void TestChartPalette::theStockChartDrawsWithThePalette()
{
    QFETCH(bool, dark);
    const QPalette before = QApplication::palette();
    QApplication::setPalette(themed(dark));
    QCOMPARE(ChartPalette::dark(), dark);
    {
        StockChartPanel panel;
        QCOMPARE(panel.priceSeries()->pen().color(), ChartPalette::color(ChartPalette::Role::Close, dark));
        QCOMPARE(panel.markerSeries(StockChartPanel::UpRight)->color(), ChartPalette::color(ChartPalette::Role::Right, dark));
        QCOMPARE(panel.markerSeries(StockChartPanel::DownWrong)->color(), ChartPalette::color(ChartPalette::Role::Wrong, dark));
        QCOMPARE(panel.candleSeries()->increasingColor(), ChartPalette::color(ChartPalette::Role::CandleUp, dark));
        QCOMPARE(panel.candleSeries()->decreasingColor(), ChartPalette::color(ChartPalette::Role::CandleDown, dark));
    }
    QApplication::setPalette(before);
}

void TestChartPalette::categoricalColoursAreDistinct()
{
    QVERIFY(ChartPalette::kCategoricalCount >= 8);
    for (std::size_t a = 0; a < ChartPalette::kCategoricalCount; ++a)
        for (std::size_t b = a + 1; b < ChartPalette::kCategoricalCount; ++b)
            QVERIFY2(distance(ChartPalette::categorical(a), ChartPalette::categorical(b)) > kDistinct,
                     qPrintable(QStringLiteral("colours %1 and %2").arg(a).arg(b)));
    // Past the end they wrap around rather than run out.
    QCOMPARE(ChartPalette::categorical(ChartPalette::kCategoricalCount), ChartPalette::categorical(0));
}

void TestChartPalette::overlaysAreNeitherRightNorWrong()
{
    for (std::size_t i = 0; i < ChartPalette::kOverlayCount; ++i)
        for (const auto role : {ChartPalette::Role::Right, ChartPalette::Role::Wrong})
            QVERIFY2(distance(ChartPalette::overlay(i), ChartPalette::color(role, false)) > kDistinct,
                     qPrintable(QStringLiteral("overlay %1").arg(i)));
}

QTEST_MAIN(TestChartPalette)
#include "tst_chartpalette.moc"
