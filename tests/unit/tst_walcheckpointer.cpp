// The background checkpointer must really move committed pages from the
// WAL into the database file while the writer's own checkpoints are off,
// and stop cleanly.
#include "SqliteProbe.h"

#include "core/storage/WalCheckpointer.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

class TestWalCheckpointer : public QObject {
    Q_OBJECT

private slots:
    void copiesCommittedPagesIntoTheDatabase();
};

void TestWalCheckpointer::copiesCommittedPagesIntoTheDatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("wal.sqlite");
    SqliteProbe writer(path);
    QVERIFY(writer.exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x BLOB)"));
    const qint64 empty = QFileInfo(path).size();
    {
        const WalCheckpointer checkpointer(path);
        QVERIFY(writer.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                            "INSERT INTO t SELECT randomblob(1000) FROM n"));
        // 500 KB committed to the WAL; only the checkpointer can move them.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > empty + 400000, 10000);
    }
    QCOMPARE(writer.text("SELECT count(*) FROM t"), QStringLiteral("500"));
    QCOMPARE(writer.text("PRAGMA integrity_check"), QStringLiteral("ok"));
}

QTEST_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
