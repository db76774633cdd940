// The price axis in dollars, on a log scale and in percent, and its ticks.
#include "app/charts/PriceScale.h"

#include <QTest>

#include <cmath>

using namespace ss;

Q_DECLARE_METATYPE(PriceScale::Mode)

class TestPriceScale : public QObject {
    Q_OBJECT
private slots:
    void values_data();
    void values();
    void ticksAreRoundPrices_data();
    void ticksAreRoundPrices();
    void aBadBaseOrPriceIsHarmless();
};

void TestPriceScale::values_data()
{
    QTest::addColumn<PriceScale::Mode>("mode");
    QTest::addColumn<double>("base");
    QTest::addColumn<double>("price");
    QTest::addColumn<double>("value");
    QTest::newRow("dollars") << PriceScale::Mode::Linear << 50.0 << 75.0 << 75.0;
    QTest::newRow("log 100") << PriceScale::Mode::Log << 50.0 << 100.0 << 2.0;
    QTest::newRow("log 0.01") << PriceScale::Mode::Log << 1.0 << 0.01 << -2.0;
    QTest::newRow("up half") << PriceScale::Mode::Percent << 50.0 << 75.0 << 50.0;
    QTest::newRow("down a fifth") << PriceScale::Mode::Percent << 50.0 << 40.0 << -20.0;
    QTest::newRow("at the base") << PriceScale::Mode::Percent << 190.0 << 190.0 << 0.0;
}

void TestPriceScale::values()
{
    QFETCH(PriceScale::Mode, mode);
    QFETCH(double, base);
    QFETCH(double, price);
    QFETCH(double, value);
    const PriceScale scale(mode, base);
    QCOMPARE(scale.value(price), value);
    QVERIFY(std::abs(scale.price(scale.value(price)) - price) < 1e-9 * price);
}

void TestPriceScale::ticksAreRoundPrices_data()
{
    QTest::addColumn<PriceScale::Mode>("mode");
    QTest::addColumn<double>("lo");  // prices
    QTest::addColumn<double>("hi");
    QTest::addColumn<QStringList>("labels");
    QTest::newRow("dollars") << PriceScale::Mode::Linear << 5.62 << 6.39
                             << QStringList{QStringLiteral("5.8"), QStringLiteral("6.0"), QStringLiteral("6.2")};
    QTest::newRow("log, decades") << PriceScale::Mode::Log << 0.5 << 1500.0
                                  << QStringList{QStringLiteral("1"), QStringLiteral("10"), QStringLiteral("100"),
                                                 QStringLiteral("1000")};
    QTest::newRow("log, within a decade") << PriceScale::Mode::Log << 52.0 << 118.0
                                          << QStringList{QStringLiteral("60"), QStringLiteral("80"),
                                                         QStringLiteral("100")};
    QTest::newRow("percent") << PriceScale::Mode::Percent << 40.0 << 75.0
                             << QStringList{QStringLiteral("-20%"), QStringLiteral("0%"), QStringLiteral("+20%"),
                                            QStringLiteral("+40%")};
}

void TestPriceScale::ticksAreRoundPrices()
{
    QFETCH(PriceScale::Mode, mode);
    QFETCH(double, lo);
    QFETCH(double, hi);
    QFETCH(QStringList, labels);
    QLocale::setDefault(QLocale::c());
    const PriceScale scale(mode, 50);
    QStringList shown;
    for (const AxisTicks::Tick& t : scale.ticks(scale.value(lo), scale.value(hi), 4)) {
        shown << t.label;
        // Each tick sits where its price goes.
        QString digits = t.label;
        digits.remove(QLatin1Char('%')).remove(QLatin1Char('+'));
        const double labelled = digits.toDouble();
        QCOMPARE(t.value, mode == PriceScale::Mode::Percent ? labelled : scale.value(labelled));
    }
    QCOMPARE(shown, labels);
}

void TestPriceScale::aBadBaseOrPriceIsHarmless()
{
    const PriceScale zeroBase(PriceScale::Mode::Percent, 0);
    QVERIFY(std::isfinite(zeroBase.value(10)));
    const PriceScale log(PriceScale::Mode::Log, 1);
    QVERIFY(std::isfinite(log.value(0)));
    QVERIFY(std::isfinite(log.value(-5)));
    QVERIFY(log.ticks(std::nan(""), 2, 4).empty());
    QVERIFY(PriceScale().ticks(3, 3, 4).empty());
}

QTEST_GUILESS_MAIN(TestPriceScale)
#include "tst_pricescale.moc"
