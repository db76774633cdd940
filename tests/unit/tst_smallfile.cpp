// Reading a small file whole with a cap: regular files and the programs' own
// resources only, never more than the cap, never waiting on a FIFO.
#include "Patience.h"
#include "SpecialFiles.h"
#include "core/model/LogisticModel.h"
#include "core/system/SmallFile.h"

#include <QTemporaryDir>
#include <QTest>

#include <future>

using ss::SmallFile;

class TestSmallFile : public QObject {
    Q_OBJECT

private slots:
    void readsUpToTheCap_data();
    void readsUpToTheCap();
    void readsTheBuiltInModel();
    void refusesWhatIsNotARegularFile_data();
    void refusesWhatIsNotARegularFile();

private:
    QTemporaryDir dir_;
};

void TestSmallFile::readsUpToTheCap_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<bool>("read");
    QTest::newRow("empty") << qsizetype(0) << true;
    QTest::newRow("below the cap") << qsizetype(99) << true;
    QTest::newRow("at the cap") << qsizetype(100) << true;
    QTest::newRow("one byte over") << qsizetype(101) << false;
    QTest::newRow("far over") << qsizetype(1 << 20) << false;
}

void TestSmallFile::readsUpToTheCap()
{
    QFETCH(qsizetype, size);
    QFETCH(bool, read);
    const QString path = dir_.filePath(QStringLiteral("f%1").arg(size));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(size, 'x'));
    file.close();
    QString why;
    const auto bytes = SmallFile::read(path, 100, &why);
    QCOMPARE(bytes.has_value(), read);
    if (read)
        QCOMPARE(*bytes, QByteArray(size, 'x'));
    else
        QVERIFY2(why.contains("larger than 100 bytes"), qPrintable(why));
}

void TestSmallFile::readsTheBuiltInModel()
{
    QString why;
    const auto bytes = SmallFile::read(QString::fromLatin1(ss::LogisticModel::kBuiltIn), 1 << 20, &why);
    QVERIFY2(bytes, qPrintable(why));
    QVERIFY(bytes->contains("stockstream-logistic/1"));
}

void TestSmallFile::refusesWhatIsNotARegularFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("folder") << "folder";
    QTest::newRow("FIFO without a writer") << "fifo";
    QTest::newRow("endless device") << "device";
    QTest::newRow("missing") << "missing";
}

void TestSmallFile::refusesWhatIsNotARegularFile()
{
    QFETCH(QString, kind);
    const QString path = dir_.filePath(kind);
    if (kind == "folder")
        QVERIFY(QDir(dir_.path()).mkdir(kind));
    if (kind == "fifo")
        QVERIFY(makeFifo(path));
    if (kind == "device" && !makeCharacterDevice(path, 5))
        QSKIP("only root may make a device node");
    // Bounded: a read that waited for the FIFO's writer would fail the test.
    QString why;
    auto reading = std::async(std::launch::async, [&] { return SmallFile::read(path, 1 << 20, &why); });
    if (reading.wait_for(std::chrono::milliseconds(kPatienceMs)) != std::future_status::ready) {
        QFile writer(path);
        writer.open(QIODevice::WriteOnly);  // lets the waiting read end
        QFAIL("reading a FIFO waited for a writer");
    }
    QVERIFY(!reading.get());
    QVERIFY2(kind == "missing" ? why.contains("No such file") : why.contains("not a") || why.contains("folder"),
             qPrintable(why));
}

QTEST_MAIN(TestSmallFile)
#include "tst_smallfile.moc"
