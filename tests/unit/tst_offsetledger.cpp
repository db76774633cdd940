// Which Kafka offsets may be committed: only messages whose events every
// sink stored, and never past the messages a stock's state is rebuilt from.
#include "core/kafka/OffsetLedger.h"

#include <QTest>

using Offsets = std::vector<std::pair<std::int32_t, std::int64_t>>;

class TestOffsetLedger : public QObject {
    Q_OBJECT
private slots:
    void nothingReadNothingToCommit()
    {
        ss::OffsetLedger ledger(2);
        QVERIFY(ledger.committable(100).empty());
    }

    // Messages without stocks (rejected lines) commit as soon as what came before is stored.
    void commitsFollowTheStoredEvents()
    {
        ss::OffsetLedger ledger(2);
        ledger.read(0, 10, 1);
        ledger.read(1, 20, 3);
        ledger.read(0, 11, 6);
        QCOMPARE(ledger.committable(0), Offsets{});
        QCOMPARE(ledger.committable(2), (Offsets{{0, 11}}));
        QCOMPARE(ledger.committable(5), (Offsets{{0, 11}, {1, 21}}));
        QCOMPARE(ledger.committable(6), (Offsets{{0, 12}, {1, 21}}));
    }

    // With a window of 2, the commit stays at the oldest of each stock's last two messages.
    void aStocksLastMessagesAreKept()
    {
        ss::OffsetLedger ledger(2);
        for (std::int64_t offset = 0; offset < 4; ++offset) {
            ledger.read(0, offset, static_cast<std::uint64_t>(offset));
            ledger.touched(offset % 2 == 0 ? 7 : 8, 0, offset);  // stock 7: 0, 2; stock 8: 1, 3
        }
        QCOMPARE(ledger.committable(3), (Offsets{{0, 0}}));
        ledger.read(0, 4, 4);
        ledger.touched(7, 0, 4);  // stock 7: 2, 4
        QCOMPARE(ledger.committable(4), (Offsets{{0, 1}}));
        ledger.read(0, 5, 5);
        ledger.touched(8, 0, 5);  // stock 8: 3, 5
        QCOMPARE(ledger.committable(5), (Offsets{{0, 2}}));
    }

    // A stock in one partition does not hold back another partition.
    void partitionsAreIndependent()
    {
        ss::OffsetLedger ledger(1);
        ledger.read(0, 5, 0);
        ledger.touched(0, 0, 5);
        ledger.read(1, 9, 0);
        ledger.read(1, 10, 0);
        QCOMPARE(ledger.committable(0), (Offsets{{0, 5}, {1, 11}}));
    }
};

QTEST_MAIN(TestOffsetLedger)
#include "tst_offsetledger.moc"
