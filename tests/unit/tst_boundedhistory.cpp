#include "core/online/BoundedHistory.h"

#include <QTest>

using namespace ss;

class TestBoundedHistory : public QObject {
    Q_OBJECT
private slots:
    void thinsEvenly_data();
    void thinsEvenly();
    void keepsPointsWithVectorsWhole();
};

void TestBoundedHistory::thinsEvenly_data()
{
    QTest::addColumn<int>("offers");
    QTest::newRow("below capacity") << 7;
    QTest::newRow("just full") << 8;
    QTest::newRow("thinned once") << 13;
    QTest::newRow("thinned often") << 1000;
}

// Whatever the number of batches, at most `capacity` points are kept, all
// the same number of batches apart, the first batch always among them.
void TestBoundedHistory::thinsEvenly()
{
    QFETCH(int, offers);
    BoundedHistory<int> h(8);
    int made = 0;
    for (int i = 0; i < offers; ++i)
        h.offer([&] {
            ++made;
            return i;
        });
    const std::vector<int>& p = h.points();
    QVERIFY(!p.empty() && p.size() < 8);
    QCOMPARE(p.front(), 0);
    const int stride = p.size() > 1 ? p[1] - p[0] : 1;
    for (std::size_t i = 1; i < p.size(); ++i)
        QCOMPARE(p[i] - p[i - 1], stride);
    // The newest kept point is within one stride of the last batch.
    QVERIFY(offers - 1 - p.back() < stride);
    // Points are made only for the batches kept at the time.
    QVERIFY(made <= offers);
    if (offers < 8)
        QCOMPARE(int(p.size()), offers);
}

// Cluster frames hold vectors: thinning moves them, and none may be left
// empty, the first one included.
void TestBoundedHistory::keepsPointsWithVectorsWhole()
{
    BoundedHistory<std::vector<int>> h(8);
    for (int i = 0; i < 100; ++i)
        h.offer([&] { return std::vector<int>{i, i}; });
    QVERIFY(h.points().size() > 1);
    for (const std::vector<int>& p : h.points()) {
        QCOMPARE(p.size(), std::size_t{2});
        QCOMPARE(p[0], p[1]);
    }
    QCOMPARE(h.points().front().front(), 0);
}

QTEST_MAIN(TestBoundedHistory)
#include "tst_boundedhistory.moc"
