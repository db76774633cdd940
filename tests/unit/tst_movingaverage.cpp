// Simple and exponential moving averages against figures worked by hand.
#include "app/charts/MovingAverage.h"

#include <QTest>

using namespace ss;

Q_DECLARE_METATYPE(MovingAverage::Kind)

namespace {
std::vector<QPointF> closes(const QList<double>& ys)
{
    std::vector<QPointF> points;
    for (qsizetype i = 0; i < ys.size(); ++i)
        points.emplace_back(static_cast<double>(i), ys[i]);
    return points;
}
} // namespace

class TestMovingAverage : public QObject {
    Q_OBJECT
private slots:
    void byHand_data();
    void byHand();
};

void TestMovingAverage::byHand_data()
{
    QTest::addColumn<MovingAverage::Kind>("kind");
    QTest::addColumn<int>("period");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QList<double>>("expected");  // from the period's last point on
    const QList<double> c{10, 11, 12, 13, 12, 14};
    QTest::newRow("SMA 3") << MovingAverage::Kind::Simple << 3 << c << QList<double>{11, 12, 12.333333333333334, 13};
    QTest::newRow("SMA 1 is the line") << MovingAverage::Kind::Simple << 1 << c << c;
    // alpha = 2 / (3 + 1) = 0.5, seeded with the SMA 11:
    // 11 + 0.5 (13 - 11) = 12; 12 + 0.5 (12 - 12) = 12; 12 + 0.5 (14 - 12) = 13.
    QTest::newRow("EMA 3") << MovingAverage::Kind::Exponential << 3 << c << QList<double>{11, 12, 12, 13};
    // alpha = 2 / 5 = 0.4, seeded with (10 + 11 + 12 + 13) / 4 = 11.5:
    // 11.5 + 0.4 (12 - 11.5) = 11.7; 11.7 + 0.4 (14 - 11.7) = 12.62.
    QTest::newRow("EMA 4") << MovingAverage::Kind::Exponential << 4 << c << QList<double>{11.5, 11.7, 12.62};
    QTest::newRow("longer than the line") << MovingAverage::Kind::Simple << 7 << c << QList<double>{};
    QTest::newRow("no line") << MovingAverage::Kind::Exponential << 3 << QList<double>{} << QList<double>{};
    QTest::newRow("period 0 counts as 1") << MovingAverage::Kind::Simple << 0 << QList<double>{5, 6}
                                          << QList<double>{5, 6};
}

void TestMovingAverage::byHand()
{
    QFETCH(MovingAverage::Kind, kind);
    QFETCH(int, period);
    QFETCH(QList<double>, values);
    QFETCH(QList<double>, expected);
    const MovingAverage average(kind, period);
    const std::vector<QPointF> line = average.of(closes(values));
    QCOMPARE(static_cast<qsizetype>(line.size()), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(line[static_cast<std::size_t>(i)].x(), static_cast<double>(values.size() - expected.size() + i));
        QVERIFY2(std::abs(line[static_cast<std::size_t>(i)].y() - expected[i]) < 1e-12,
                 qPrintable(QString::number(line[static_cast<std::size_t>(i)].y())));
    }
}

QTEST_GUILESS_MAIN(TestMovingAverage)
#include "tst_movingaverage.moc"
