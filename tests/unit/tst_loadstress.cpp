// Resource bounds of loading: folders of many tiny files, and a folder that
// disappears while it is being read. The sizes here keep CTest quick;
// tests/stress/run_stress.sh runs the same tests at full size
// (STOCKSTREAM_STRESS_FILES=100000) and measures time and memory.

#include "core/data/DataLoader.h"
#include "core/stream/ReplayEngine.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <thread>

using namespace ss;
using namespace std::chrono_literals;

namespace {

// A ticker file of `records` consecutive days from 2000-01-03, header first.
QByteArray tickerFile(int records)
{
    QByteArray bytes = "Date,Open,High,Low,Close,Volume,OpenInt\r\n";
    const Timestamp start = timestamp::fromCivil(2000, 1, 3);
    for (int i = 0; i < records; ++i)
        bytes += QByteArray::fromStdString(timestamp::formatDate(start + i * timestamp::kSecondsPerDay))
                 + ",1,1,1," + QByteArray::number(1 + i % 7) + ",100,0\r\n";
    return bytes;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestLoadStress : public QObject {
    Q_OBJECT
private slots:
    void manyTinyFiles_data();
    void manyTinyFiles();
    void folderDisappearsDuringLoad();
};

void TestLoadStress::manyTinyFiles_data()
{
    const int many = qEnvironmentVariableIsSet("STOCKSTREAM_STRESS_FILES")
                         ? qEnvironmentVariableIntValue("STOCKSTREAM_STRESS_FILES")
                         : 2000;
    QTest::addColumn<int>("files");
    QTest::addColumn<int>("recordsPerFile");
    QTest::newRow("one record each") << many << 1;
    QTest::newRow("empty files") << many << 0;
    QTest::newRow("six records each") << many / 4 << 6;
}

void TestLoadStress::manyTinyFiles()
{
    QFETCH(int, files);
    QFETCH(int, recordsPerFile);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray bytes = recordsPerFile > 0 ? tickerFile(recordsPerFile) : QByteArray();
    for (int i = 0; i < files; ++i)
        QVERIFY(writeFile(dir.filePath(QStringLiteral("t%1.us.txt").arg(i, 6, 10, QChar('0'))), bytes));

    const LoadResult result = DataLoader::load(dir.path().toStdString());
    QVERIFY2(result.data, result.error.c_str());
    QCOMPARE(result.report.files, std::size_t(files));
    QCOMPARE(result.report.records, std::size_t(files) * std::size_t(recordsPerFile));
    QCOMPARE(result.report.rejected, std::size_t(0));
    QCOMPARE(result.report.unreadableFiles, std::size_t(0));
    QCOMPARE(result.report.emptyFiles, recordsPerFile == 0 ? std::size_t(files) : std::size_t(0));
    QCOMPARE(result.data->stockCount(), recordsPerFile == 0 ? std::size_t(0) : std::size_t(files));
    // Clean files are only counted: the report stays small however many there are.
    QCOMPARE(result.report.notable.size(), recordsPerFile == 0 ? std::size_t(files) : std::size_t(0));
}

// The folder is deleted once the loader has listed it, while it reads a
// large first file: every file it had not opened yet is reported unreadable,
// every file it had opened is loaded whole, and the replay of what was
// loaded needs nothing more from the disk.
void TestLoadStress::folderDisappearsDuringLoad()
{
    constexpr int kSmallFiles = 500;
    constexpr int kSmallRecords = 3;
    constexpr int kLargeRecords = 1000000;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // First in name order, so a single loading thread starts with it.
    QVERIFY(writeFile(dir.filePath("a-large.us.txt"), tickerFile(kLargeRecords)));
    const QByteArray small = tickerFile(kSmallRecords);
    for (int i = 0; i < kSmallFiles; ++i)
        QVERIFY(writeFile(dir.filePath(QStringLiteral("s%1.us.txt").arg(i, 4, 10, QChar('0'))), small));

    LoadProgress progress;
    LoadResult result;
    std::thread loader([&] { result = DataLoader::load(dir.path().toStdString(), &progress, 1); });
    while (progress.filesTotal.load() == 0)
        std::this_thread::yield();
    QVERIFY(QDir(dir.path()).removeRecursively());
    loader.join();

    QVERIFY2(result.data, result.error.c_str());
    const LoadReport& report = result.report;
    QCOMPARE(report.files, std::size_t(kSmallFiles + 1));
    QVERIFY2(report.unreadableFiles > 0, "the folder was gone before the large file was read");
    // The large file is usually open before the deletion reaches it, but need not be.
    bool largeRead = true;
    for (const FileReport& file : report.notable) {
        QCOMPARE(QString::fromStdString(file.error), QString::fromLatin1(std::strerror(ENOENT)));
        largeRead = largeRead && !file.file.ends_with("a-large.us.txt");
    }
    const std::size_t smallRead = kSmallFiles + 1 - report.unreadableFiles - largeRead;
    QCOMPARE(report.records, (largeRead ? std::size_t(kLargeRecords) : 0) + smallRead * kSmallRecords);
    QCOMPARE(result.data->recordCount(), report.records);

    ReplayEngine engine(result.data, std::make_shared<const LogisticModel>(
                                         5, FeatureTransform::Relative, std::vector<double>{1, -1, 1, -1}, 0.0));
    engine.play();
    QVERIFY(engine.waitUntilDone(60s));
    QCOMPARE(engine.progress().processed, report.records);
}

QTEST_MAIN(TestLoadStress)
#include "tst_loadstress.moc"
