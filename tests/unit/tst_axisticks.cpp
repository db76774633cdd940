// Axis ticks on round numbers and round dates, labelled in one format
// family chosen by the visible span.
#include "app/charts/AxisTicks.h"

#include <QDateTime>
#include <QTest>

#include <cmath>

using namespace ss;

namespace {
constexpr double kDayMs = 86400e3;

double ms(int y, int m, int d)
{
    return static_cast<double>(QDateTime(QDate(y, m, d), QTime(0, 0)).toMSecsSinceEpoch());
}

// 1, 2 or 5 times a power of ten.
bool isNice(double step)
{
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (std::abs(mantissa - m) < 1e-9)
            return true;
    return false;
}
} // namespace

class TestAxisTicks : public QObject {
    Q_OBJECT
private slots:
    void niceSteps_data();
    void niceSteps();
    void numbersAreMultiplesOfTheStep_data();
    void numbersAreMultiplesOfTheStep();
    void badRangesGiveNoTicks_data();
    void badRangesGiveNoTicks();
    void dateFamilyBySpan_data();
    void dateFamilyBySpan();
    void datesAreRoundAndInOneFormat_data();
    void datesAreRoundAndInOneFormat();
};

void TestAxisTicks::niceSteps_data()
{
    QTest::addColumn<double>("span");
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("step");
    QTest::newRow("odd prices") << 6.39 - 5.62 << 4 << 0.2;
    QTest::newRow("hundreds") << 730.0 << 5 << 200.0;
    QTest::newRow("exact") << 10.0 << 5 << 2.0;
    QTest::newRow("accuracy") << 0.07 << 3 << 0.05;
    QTest::newRow("one tick") << 3.0 << 1 << 5.0;
}

void TestAxisTicks::niceSteps()
{
    QFETCH(double, span);
    QFETCH(int, count);
    QFETCH(double, step);
    QCOMPARE(AxisTicks::niceStep(span, count), step);
}

void TestAxisTicks::numbersAreMultiplesOfTheStep_data()
{
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("hi");
    QTest::addColumn<int>("count");
    QTest::newRow("odd prices") << 5.62 << 6.39 << 4;
    QTest::newRow("across zero") << -13.0 << 27.5 << 5;
    QTest::newRow("large") << 120000.0 << 987654.0 << 6;
    QTest::newRow("tiny") << 0.0037 << 0.0041 << 3;
}

void TestAxisTicks::numbersAreMultiplesOfTheStep()
{
    QFETCH(double, lo);
    QFETCH(double, hi);
    QFETCH(int, count);
    const std::vector<AxisTicks::Tick> ticks = AxisTicks::numbers(lo, hi, count);
    QVERIFY(ticks.size() >= 2);
    QVERIFY(static_cast<int>(ticks.size()) <= count + 1);
    const double step = ticks[1].value - ticks[0].value;
    QVERIFY(isNice(step));
    for (const AxisTicks::Tick& t : ticks) {
        QVERIFY(t.value >= lo && t.value <= hi);
        QVERIFY(std::abs(t.value / step - std::round(t.value / step)) < 1e-6);
        QVERIFY(!t.label.isEmpty());
        QVERIFY(!t.label.startsWith(QLatin1String("-0")) || t.value < 0);
    }
}

void TestAxisTicks::badRangesGiveNoTicks_data()
{
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("hi");
    QTest::newRow("empty") << 1.0 << 1.0;
    QTest::newRow("reversed") << 2.0 << 1.0;
    QTest::newRow("nan") << std::nan("") << 1.0;
    QTest::newRow("infinite") << 0.0 << std::numeric_limits<double>::infinity();
}

void TestAxisTicks::badRangesGiveNoTicks()
{
    QFETCH(double, lo);
    QFETCH(double, hi);
    QVERIFY(AxisTicks::numbers(lo, hi, 5).empty());
    QVERIFY(AxisTicks::dates(lo, hi, 5).empty());
}

void TestAxisTicks::dateFamilyBySpan_data()
{
    QTest::addColumn<double>("span");
    QTest::addColumn<QString>("format");
    QTest::newRow("decades") << 50 * 365 * kDayMs << QStringLiteral("yyyy");
    QTest::newRow("five years") << 5 * 365 * kDayMs << QStringLiteral("yyyy");
    QTest::newRow("a year") << 365 * kDayMs << QStringLiteral("MMM yyyy");
    QTest::newRow("a quarter") << 91 * kDayMs << QStringLiteral("MMM yyyy");
    QTest::newRow("a month") << 30 * kDayMs << QStringLiteral("d MMM yyyy");
    QTest::newRow("a week") << 7 * kDayMs << QStringLiteral("d MMM yyyy");
}

void TestAxisTicks::dateFamilyBySpan()
{
    QFETCH(double, span);
    QFETCH(QString, format);
    QCOMPARE(AxisTicks::dateFormat(span), format);
}

void TestAxisTicks::datesAreRoundAndInOneFormat_data()
{
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::addColumn<int>("count");
    QTest::newRow("1962 to 2017") << ms(1962, 1, 2) << ms(2017, 11, 10) << 8;
    QTest::newRow("six years") << ms(2011, 6, 15) << ms(2017, 2, 3) << 6;
    QTest::newRow("a year") << ms(2016, 8, 21) << ms(2017, 8, 21) << 6;
    QTest::newRow("a month") << ms(2017, 8, 3) << ms(2017, 9, 2) << 5;
    QTest::newRow("a week") << ms(2017, 8, 21) << ms(2017, 8, 28) << 8;
}

void TestAxisTicks::datesAreRoundAndInOneFormat()
{
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(int, count);
    const std::vector<AxisTicks::Tick> ticks = AxisTicks::dates(from, to, count);
    QVERIFY(ticks.size() >= 2);
    QVERIFY(static_cast<int>(ticks.size()) <= count + 1);
    const AxisTicks::DateFamily family = AxisTicks::dateFamily(to - from);
    const QString format = AxisTicks::dateFormat(family);
    for (const AxisTicks::Tick& t : ticks) {
        QVERIFY(t.value >= from && t.value <= to);
        const QDate date = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(t.value)).date();
        // At midnight of the date it reads, in the family's format.
        QCOMPARE(t.value, ms(date.year(), date.month(), date.day()));
        QCOMPARE(t.label, QLocale::c().toString(date, format));
        if (family == AxisTicks::DateFamily::Years)
            QVERIFY(date.month() == 1 && date.day() == 1);
        if (family == AxisTicks::DateFamily::Months)
            QCOMPARE(date.day(), 1);
    }
    // Equal steps in the family's unit.
    if (family == AxisTicks::DateFamily::Years && ticks.size() >= 3) {
        const auto year = [](const AxisTicks::Tick& t) {
            return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(t.value)).date().year();
        };
        const int step = year(ticks[1]) - year(ticks[0]);
        QVERIFY(isNice(step) || step == 25);
        QCOMPARE(year(ticks[0]) % step, 0);
        QCOMPARE(year(ticks[2]) - year(ticks[1]), step);
    }
}

QTEST_GUILESS_MAIN(TestAxisTicks)
#include "tst_axisticks.moc"
