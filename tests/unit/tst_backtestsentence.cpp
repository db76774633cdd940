// The sentence on what trading on hand-made calls returned: the figures it
// names, rounded as written, and the Sharpe ratio it cannot give.
#include "app/panels/BacktestSentence.h"

#include <QTest>

using namespace ss;

namespace {

// Accounts with these period returns, one a day.
StrategyAccounts accounts(const QList<double>& longFlat, const QList<double>& held)
{
    StrategyAccounts a;
    for (int i = 0; i < longFlat.size(); ++i) {
        const Timestamp from = Timestamp(i) * timestamp::kSecondsPerDay;
        a[static_cast<std::size_t>(Strategy::LongFlat)].addPeriod(longFlat[i], from, from + timestamp::kSecondsPerDay);
        a[static_cast<std::size_t>(Strategy::BuyAndHold)].addPeriod(held[i], from, from + timestamp::kSecondsPerDay);
    }
    return a;
}

} // namespace

class TestBacktestSentence : public QObject {
    Q_OBJECT

private slots:
    void sentence_data();
    void sentence();
};

void TestBacktestSentence::sentence_data()
{
    QTest::addColumn<QList<double>>("longFlat");
    QTest::addColumn<QList<double>>("held");
    QTest::addColumn<double>("costBps");
    QTest::addColumn<QString>("expected");

    // README's worked example: 1.039 × 0.999 × 1.009 and 1.039 × 0.98 × 1.01; Sharpe
    // 0.015667 / 0.020817 × √252 and 0.009667 / 0.029502 × √252.
    QTest::newRow("README") << QList<double>{0.039, -0.001, 0.009} << QList<double>{0.039, -0.02, 0.01} << 10.0
                            << "Trading on these calls (long/flat, 10 bps a trade) returned +4.73 % against +2.84 % "
                               "for buy-and-hold; Sharpe 11.95 against 5.20.";
    // One call each: no deviation, so no Sharpe ratio.
    QTest::newRow("one call") << QList<double>{-0.2} << QList<double>{0.25} << 5.0
                              << "Trading on these calls (long/flat, 5 bps a trade) returned -20.00 % against +25.00 % "
                                 "for buy-and-hold; Sharpe undefined against undefined.";
    QTest::newRow("fractional cost") << QList<double>{0.0, 0.0} << QList<double>{0.5, -0.5} << 2.5
                                     << "Trading on these calls (long/flat, 2.5 bps a trade) returned +0.00 % against "
                                        "-25.00 % for buy-and-hold; Sharpe undefined against 0.00.";
    QTest::newRow("no calls yet") << QList<double>{} << QList<double>{} << 5.0 << QString();
}

void TestBacktestSentence::sentence()
{
    QFETCH(QList<double>, longFlat);
    QFETCH(QList<double>, held);
    QFETCH(double, costBps);
    QFETCH(QString, expected);
    QCOMPARE(BacktestSentence::of(accounts(longFlat, held), costBps), expected);
}

QTEST_MAIN(TestBacktestSentence)
#include "tst_backtestsentence.moc"
