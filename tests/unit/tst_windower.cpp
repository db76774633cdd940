#include "core/stream/Windower.h"

#include <QTest>

using namespace ss;

class TestWindower : public QObject {
    Q_OBJECT
private slots:
    void windows_data();
    void windows();
    void stocksAreIndependent();
};

void TestWindower::windows_data()
{
    QTest::addColumn<int>("pushes");
    QTest::addColumn<int>("size");
    QTest::newRow("not yet full") << 4 << 5;
    QTest::newRow("just full") << 5 << 5;
    QTest::newRow("slid") << 17 << 5;
    QTest::newRow("ring wrapped") << 200 << 5;
    QTest::newRow("largest window") << 130 << features::kMaxWindow;
    QTest::newRow("smallest window") << 3 << features::kMinWindow;
}

void TestWindower::windows()
{
    QFETCH(int, pushes);
    QFETCH(int, size);
    Windower w(1);
    for (int i = 1; i <= pushes; ++i)
        w.push(0, i);
    std::vector<double> out(static_cast<std::size_t>(size));
    const bool full = w.window(0, size, out.data());
    QCOMPARE(full, pushes >= size);
    if (!full)
        return;
    // Oldest first: the last `size` values pushed, in order.
    for (int i = 0; i < size; ++i)
        QCOMPARE(out[static_cast<std::size_t>(i)], double(pushes - size + 1 + i));
}

void TestWindower::stocksAreIndependent()
{
    Windower w(3);
    for (int i = 0; i < 10; ++i) {
        w.push(0, i);
        w.push(2, 100 + i);
    }
    double out[2];
    QVERIFY(!w.window(1, 2, out));
    QVERIFY(w.window(2, 2, out));
    QCOMPARE(out[0], 108.0);
    QCOMPARE(out[1], 109.0);
    QCOMPARE(w.closes(0), std::size_t(10));
}

QTEST_MAIN(TestWindower)
#include "tst_windower.moc"
