#include "FixtureFile.h"
#include "core/data/DataLoader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace ss;

namespace {

const QByteArray kHeader = "Date,Open,High,Low,Close,Volume,OpenInt\r\n";

QByteArray row(const char* date, const char* close)
{
    return QByteArray(date) + ",1,1,0.5," + close + ",100,0\r\n";
}

} // namespace

class TestDataLoader : public QObject {
    Q_OBJECT
private slots:
    void tickerFile_data();
    void tickerFile();
    void unifiedDataCsv();
    void jsonLines();
    void jsonLinesAfterBlankLines();
    void jsonLinesBadInput_data();
    void jsonLinesBadInput();
    void standardInput();
    void emptyAndHeaderOnlyFiles();
    void missingPathAndNonFiles();
    void unreadableFileInFolder_data();
    void unreadableFileInFolder();
    void foldersUnderSmallDescriptorLimit();
    void stockSplitOverTwoFiles();
    void cancel();
    void realSampleFile();
};

// Each row: a ticker file's bytes and what must come of it.
void TestDataLoader::tickerFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("rejected");
    QTest::addColumn<int>("firstBadLine");
    QTest::addColumn<QString>("reason");

    const QByteArray ok1 = row("2000-01-03", "10.5");
    const QByteArray ok2 = row("2000-01-04", "10.75");
    QTest::newRow("clean CRLF") << (kHeader + ok1 + ok2) << 2 << 0 << 0 << "";
    QTest::newRow("LF endings") << QByteArray(kHeader + ok1 + ok2).replace("\r\n", "\n") << 2 << 0 << 0 << "";
    QTest::newRow("BOM") << (QByteArray("\xEF\xBB\xBF") + kHeader + ok1 + ok2) << 2 << 0 << 0 << "";
    QTest::newRow("no header") << (ok1 + ok2) << 2 << 0 << 0 << "";
    QTest::newRow("last line without newline") << (kHeader + ok1 + ok2.chopped(2)) << 2 << 0 << 0 << "";
    QTest::newRow("truncated last line") << (kHeader + ok1 + ok2.left(15)) << 1 << 1 << 3 << "";
    QTest::newRow("too few fields") << (kHeader + ok1 + "2000-01-04,1,2,3\r\n") << 1 << 1 << 3 << "wrong number of fields";
    QTest::newRow("too many fields") << (kHeader + ok1 + "2000-01-04,1,2,3,4,5,6,7\r\n") << 1 << 1 << 3
                                     << "wrong number of fields";
    QTest::newRow("non-numeric close") << (kHeader + row("2000-01-03", "abc") + ok2) << 1 << 1 << 2 << "close";
    QTest::newRow("NaN close") << (kHeader + row("2000-01-03", "nan") + ok2) << 1 << 1 << 2 << "close";
    QTest::newRow("infinite close") << (kHeader + row("2000-01-03", "1e999") + ok2) << 1 << 1 << 2 << "close";
    QTest::newRow("zero close") << (kHeader + row("2000-01-03", "0") + ok2) << 1 << 1 << 2 << "not positive";
    QTest::newRow("negative close") << (kHeader + row("2000-01-03", "-3") + ok2) << 1 << 1 << 2 << "not positive";
    // Prices no stock comes near, whose ratios would overflow a window's features.
    QTest::newRow("huge close") << (kHeader + row("2000-01-03", "2e30") + ok2) << 1 << 1 << 2 << "out of range";
    QTest::newRow("tiny close") << (kHeader + row("2000-01-03", "1e-31") + ok2) << 1 << 1 << 2 << "out of range";
    QTest::newRow("bad volume") << (kHeader + "2000-01-03,1,2,0.5,2,lots,0\r\n" + ok2) << 1 << 1 << 2 << "volume";
    QTest::newRow("bad date") << (kHeader + row("2000-13-03", "1") + ok2) << 1 << 1 << 2 << "bad date";
    QTest::newRow("out of order") << (kHeader + ok2 + ok1) << 1 << 1 << 3 << "out of order";
    QTest::newRow("duplicate timestamp") << (kHeader + ok1 + ok1 + ok2) << 2 << 1 << 3 << "duplicate";
    QTest::newRow("line of 1 MB") << (kHeader + ok1 + QByteArray(1 << 20, '7') + "\r\n" + ok2) << 2 << 1 << 3
                                  << "too long";
    QTest::newRow("binary junk") << (kHeader + ok1 + QByteArray("\x00\x01\xff,\x02", 5) + "\r\n" + ok2) << 2 << 1
                                 << 3 << "";
    QTest::newRow("blank lines skipped") << (kHeader + ok1 + "\r\n   \r\n" + ok2) << 2 << 0 << 0 << "";
    QTest::newRow("spaces around numbers") << (kHeader + "2000-01-03, 1 , 2 ,0.5, 2 ,100,0\r\n") << 1 << 0 << 0 << "";
}

void TestDataLoader::tickerFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, records);
    QFETCH(int, rejected);
    QFETCH(int, firstBadLine);
    QFETCH(QString, reason);

    QTemporaryDir dir;
    const QString path = dir.filePath("abc.us.txt");
    writeFixture(path, bytes);
    const LoadResult r = DataLoader::load(path.toStdString());
    QVERIFY2(r.data, r.error.c_str());
    QCOMPARE(r.data->recordCount(), std::size_t(records));
    QCOMPARE(r.report.rejected, std::size_t(rejected));
    if (records > 0) {
        QCOMPARE(r.data->stockCount(), std::size_t(1));
        QCOMPARE(r.data->stock(0).name, std::string("abc.us"));
    }
    if (rejected > 0) {
        QCOMPARE(r.report.notable.size(), std::size_t(1));
        const FileReport& f = r.report.notable.front();
        QCOMPARE(f.file, path.toStdString());
        QCOMPARE(f.firstBadLine, std::size_t(firstBadLine));
        QVERIFY2(QString::fromStdString(f.firstBadReason).contains(reason), f.firstBadReason.c_str());
    }
}

void TestDataLoader::unifiedDataCsv()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("data.csv");
    writeFixture(path, "Date,Open,High,Low,Close,Volume,OpenInt,Stock\n"
                    "1962-01-02T00:00:00.000+01:00,6.4,6.4,6.3,6.3378,467056,0,ibm.us\n"
                    "1962-01-02T00:00:00.000+01:00,1,1,1,0.6,100,0,ge.us\n"
                    "1962-01-03T00:00:00.000+01:00,6.3,6.4,6.3,6.3963,350294,0,ibm.us\n"
                    "1962-01-03T00:00:00.000+01:00,1,1,1,0.61,100,0,\"ge.us\"\n"
                    "1962-01-04T00:00:00.000+01:00,1,1,1,0.61,100,0,\n");
    const LoadResult r = DataLoader::load(path.toStdString());
    QVERIFY(r.data);
    QCOMPARE(r.data->stockCount(), std::size_t(2));
    QCOMPARE(r.data->recordCount(), std::size_t(4));
    QCOMPARE(r.report.rejected, std::size_t(1));  // the row without a stock
    const auto ibm = r.data->indexOf("ibm.us");
    QVERIFY(ibm);
    // The written calendar date is kept despite the +01:00 offset.
    QCOMPARE(timestamp::formatDate(r.data->stock(*ibm).times.front()), std::string("1962-01-02"));
    QCOMPARE(r.data->stock(*ibm).closes.back(), 6.3963);
}

void TestDataLoader::jsonLines()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ticks.jsonl");
    writeFixture(path, R"({"stock": "jnj.us", "price": 0.5941, "date": "1970-01-19T00:00:00.000+01:00"}
{"stock":"jnj.us","price":0.6,"date":"1970-01-20T00:00:00.000+01:00","open":0.59,"volume":1000}
{"date": "1970-01-20", "price": 12.5, "stock": "a\"b.us", "extra": [1, 2, "x"], "flag": true, "none": null}
)");
    const LoadResult r = DataLoader::load(path.toStdString());
    QVERIFY(r.data);
    QCOMPARE(r.report.rejected, std::size_t(0));
    QCOMPARE(r.data->recordCount(), std::size_t(3));
    QVERIFY(r.data->indexOf("a\"b.us"));
    const auto jnj = r.data->indexOf("jnj.us");
    QVERIFY(jnj);
    QCOMPARE(r.data->stock(*jnj).closes.front(), 0.5941);
    QCOMPARE(timestamp::formatDate(r.data->stock(*jnj).times.front()), std::string("1970-01-19"));
}

void TestDataLoader::jsonLinesAfterBlankLines()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ticks.jsonl");
    writeFixture(path, QByteArray(20, '\n') + R"({"stock": "jnj.us", "price": 0.5941, "date": "1970-01-19"})" + "\n");
    const LoadResult r = DataLoader::load(path.toStdString());
    QVERIFY2(r.data, r.error.c_str());
    QCOMPARE(r.report.rejected, std::size_t(0));
    QCOMPARE(r.data->recordCount(), std::size_t(1));
}

void TestDataLoader::jsonLinesBadInput_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not json") << QByteArray("{stock: jnj}") << "invalid JSON";
    QTest::newRow("array") << QByteArray("[1,2]") << "not a JSON object";
    QTest::newRow("missing price") << QByteArray(R"({"stock":"x.us","date":"1970-01-19"})") << "missing";
    QTest::newRow("price as string") << QByteArray(R"({"stock":"x.us","price":"1","date":"1970-01-19"})")
                                     << "invalid JSON value";
    QTest::newRow("negative price") << QByteArray(R"({"stock":"x.us","price":-1,"date":"1970-01-19"})") << "price";
    QTest::newRow("huge price") << QByteArray(R"({"stock":"x.us","price":1e300,"date":"1970-01-19"})") << "out of range";
    QTest::newRow("bad date") << QByteArray(R"({"stock":"x.us","price":1,"date":"yesterday"})") << "bad date";
    QTest::newRow("nested object") << QByteArray(R"({"stock":"x.us","price":1,"date":"1970-01-19","o":{"a":1}})")
                                   << "invalid JSON value";
    QTest::newRow("deep array") << QByteArray(R"({"stock":"x.us","price":1,"date":"1970-01-19","a":[[[[1]]]]})")
                                << "invalid JSON value";
    QTest::newRow("invalid UTF-8 stock") << QByteArray("{\"stock\":\"x\xff.us\",\"price\":1,\"date\":\"1970-01-19\"}")
                                         << "bad stock name";
    QTest::newRow("control char in stock") << QByteArray(R"({"stock":"x\u0001","price":1,"date":"1970-01-19"})")
                                           << "bad stock name";
    QTest::newRow("trailing text") << QByteArray(R"({"stock":"x.us","price":1,"date":"1970-01-19"} x)")
                                   << "after the JSON";
    QTest::newRow("unterminated") << QByteArray(R"({"stock":"x.us","price":1,"date":"1970-01-19")")
                                  << "invalid JSON";
    // Only live feeds take the collector's window records: a file is ticks.
    QTest::newRow("window record") << QByteArray(R"({"stock":"x.us","prices":[1,2,3],"date":"1970-01-19"})")
                                   << "missing";
}

void TestDataLoader::jsonLinesBadInput()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath("ticks.jsonl");
    writeFixture(path, QByteArray(R"({"stock":"ok.us","price":1,"date":"1970-01-18"})") + "\n" + line + "\n");
    const LoadResult r = DataLoader::load(path.toStdString());
    QVERIFY(r.data);
    QCOMPARE(r.data->recordCount(), std::size_t(1));
    QCOMPARE(r.report.rejected, std::size_t(1));
    QCOMPARE(r.report.notable.front().firstBadLine, std::size_t(2));
    QVERIFY2(QString::fromStdString(r.report.notable.front().firstBadReason).contains(reason),
             r.report.notable.front().firstBadReason.c_str());
}

void TestDataLoader::standardInput()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("in.jsonl");
    writeFixture(path, R"({"stock":"a.us","price":1,"date":"1970-01-19"}
{"stock":"a.us","price":2,"date":"1970-01-20"}
)");
    const int saved = ::dup(STDIN_FILENO);
    FILE* in = std::fopen(path.toLocal8Bit().constData(), "r");
    QVERIFY(in);
    ::dup2(::fileno(in), STDIN_FILENO);
    const LoadResult r = DataLoader::load("-");
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
    std::fclose(in);
    QVERIFY(r.data);
    QCOMPARE(r.data->recordCount(), std::size_t(2));
}

void TestDataLoader::emptyAndHeaderOnlyFiles()
{
    QTemporaryDir dir;
    writeFixture(dir.filePath("empty.us.txt"), "");
    writeFixture(dir.filePath("header.us.txt"), kHeader);
    writeFixture(dir.filePath("good.us.txt"), kHeader + row("2000-01-03", "1"));
    writeFixture(dir.filePath("notes.md"), "not data, not read");
    const LoadResult r = DataLoader::load(dir.path().toStdString());
    QVERIFY(r.data);
    QCOMPARE(r.report.files, std::size_t(3));
    QCOMPARE(r.report.emptyFiles, std::size_t(2));
    QCOMPARE(r.data->stockCount(), std::size_t(1));

    const LoadResult single = DataLoader::load(dir.filePath("empty.us.txt").toStdString());
    QVERIFY(single.data);  // an empty file is a stock with no data, not an error
    QCOMPARE(single.data->recordCount(), std::size_t(0));
    QCOMPARE(single.report.emptyFiles, std::size_t(1));
}

void TestDataLoader::missingPathAndNonFiles()
{
    QTemporaryDir dir;
    LoadResult r = DataLoader::load(dir.filePath("nope").toStdString());
    QVERIFY(!r.data);
    QVERIFY2(QString::fromStdString(r.error).contains("No such file"), r.error.c_str());

    QVERIFY(QDir(dir.path()).mkdir("emptyfolder"));
    r = DataLoader::load(dir.filePath("emptyfolder").toStdString());
    QVERIFY(!r.data);
    QVERIFY2(QString::fromStdString(r.error).contains("no price files"), r.error.c_str());

    // A FIFO must be refused at once, not block the load forever.
    const QString fifo = dir.filePath("pipe.txt");
    QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
    r = DataLoader::load(fifo.toStdString());
    QVERIFY(!r.data);
    QVERIFY2(QString::fromStdString(r.error).contains("not a regular file"), r.error.c_str());

    QVERIFY(QFile::link(dir.filePath("gone.txt"), dir.filePath("dangling.txt")));
    r = DataLoader::load(dir.filePath("dangling.txt").toStdString());
    QVERIFY(!r.data);

    if (::geteuid() != 0) {  // root reads anything
        writeFixture(dir.filePath("locked.us.txt"), kHeader + row("2000-01-03", "1"));
        QFile::setPermissions(dir.filePath("locked.us.txt"), QFileDevice::WriteOwner);
        r = DataLoader::load(dir.filePath("locked.us.txt").toStdString());
        QVERIFY(!r.data);
        QVERIFY2(QString::fromStdString(r.error).contains("Permission denied"), r.error.c_str());
    }

    writeFixture(dir.filePath("prose.txt"), "Dear reader,\nthis is not a price file.\n");
    r = DataLoader::load(dir.filePath("prose.txt").toStdString());
    QVERIFY(!r.data);
    QVERIFY2(QString::fromStdString(r.error).contains("header"), r.error.c_str());
}

// A folder with one entry named like a price file that cannot be read: it
// is reported unreadable with the reason, and the files around it load.
// Every row but the permission one fails to open for root too (CI runs as
// root, who reads any file whatever its mode).
void TestDataLoader::unreadableFileInFolder_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("symlink loop") << "loop" << QString::fromLatin1(std::strerror(ELOOP));
    QTest::newRow("dangling symlink") << "dangling" << QString::fromLatin1(std::strerror(ENOENT));
    QTest::newRow("folder named like a file") << "folder" << "is a directory";
    QTest::newRow("FIFO with no writer") << "fifo" << "not a regular file";
    QTest::newRow("no read permission") << "locked" << QString::fromLatin1(std::strerror(EACCES));
}

void TestDataLoader::unreadableFileInFolder()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    if (kind == "locked" && ::geteuid() == 0)
        QSKIP("root reads a file whatever its mode");
    QTemporaryDir dir;
    writeFixture(dir.filePath("a.us.txt"), kHeader + row("2000-01-03", "1") + row("2000-01-04", "2"));
    writeFixture(dir.filePath("c.us.txt"), kHeader + row("2000-01-03", "3"));
    const QString bad = dir.filePath("b.us.txt");
    if (kind == "loop") {
        QVERIFY(QFile::link(dir.filePath("b2.link"), bad));
        QVERIFY(QFile::link(bad, dir.filePath("b2.link")));
    } else if (kind == "dangling") {
        QVERIFY(QFile::link(dir.filePath("gone.us.txt"), bad));
    } else if (kind == "folder") {
        QVERIFY(QDir(dir.path()).mkdir("b.us.txt"));
    } else if (kind == "fifo") {
        QCOMPARE(::mkfifo(QFile::encodeName(bad).constData(), 0600), 0);
    } else {
        writeFixture(bad, kHeader + row("2000-01-03", "5"));
        QVERIFY(QFile::setPermissions(bad, QFileDevice::WriteOwner));
    }

    const LoadResult r = DataLoader::load(dir.path().toStdString());
    QVERIFY2(r.data, r.error.c_str());
    QCOMPARE(r.report.files, std::size_t(3));
    QCOMPARE(r.report.unreadableFiles, std::size_t(1));
    QCOMPARE(r.report.notable.size(), std::size_t(1));
    const FileReport& f = r.report.notable.front();
    QCOMPARE(QString::fromStdString(f.file), bad);
    QCOMPARE(QString::fromStdString(f.error), reason);
    QCOMPARE(r.data->stockCount(), std::size_t(2));
    QCOMPARE(r.data->recordCount(), std::size_t(3));
    QCOMPARE(r.report.records, std::size_t(3));
}

// Thousands of files under a 256-descriptor limit: files are closed as read.
void TestDataLoader::foldersUnderSmallDescriptorLimit()
{
    QTemporaryDir dir;
    constexpr int kFiles = 3000;
    for (int i = 0; i < kFiles; ++i)
        writeFixture(dir.filePath(QStringLiteral("s%1.us.txt").arg(i, 4, 10, QChar('0'))),
                  kHeader + row("2000-01-03", "1") + row("2000-01-04", "2"));
    rlimit old{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &old), 0);
    rlimit small = old;
    small.rlim_cur = 256;
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &small), 0);
    const LoadResult r = DataLoader::load(dir.path().toStdString(), nullptr, 2);
    ::setrlimit(RLIMIT_NOFILE, &old);
    QVERIFY2(r.data, r.error.c_str());
    QCOMPARE(r.report.unreadableFiles, std::size_t(0));
    QCOMPARE(r.data->stockCount(), std::size_t(kFiles));
    QCOMPARE(r.data->recordCount(), std::size_t(2 * kFiles));
}

void TestDataLoader::stockSplitOverTwoFiles()
{
    QTemporaryDir dir;
    writeFixture(dir.filePath("a.csv"), "Date,Close,Stock\n2000-01-03,1,x.us\n2000-01-05,2,x.us\n");
    writeFixture(dir.filePath("b.csv"), "Date,Close,Stock\n2000-01-04,9,x.us\n2000-01-06,3,x.us\n");
    const LoadResult r = DataLoader::load(dir.path().toStdString());
    QVERIFY(r.data);
    const StockSeries& x = r.data->stock(0);
    QCOMPARE(x.closes, (std::vector<double>{1, 2, 3}));  // the overlapping row is refused, not interleaved
    QCOMPARE(r.report.rejected, std::size_t(1));
}

void TestDataLoader::cancel()
{
    QTemporaryDir dir;
    for (int i = 0; i < 50; ++i)
        writeFixture(dir.filePath(QStringLiteral("s%1.us.txt").arg(i)), kHeader + row("2000-01-03", "1"));
    LoadProgress progress;
    progress.cancel = true;
    const LoadResult r = DataLoader::load(dir.path().toStdString(), &progress);
    QVERIFY(r.cancelled);
    QVERIFY(!r.data);
}

// The real file: count its data lines independently of the parser.
void TestDataLoader::realSampleFile()
{
    const QString path = QStringLiteral(STOCKSTREAM_SAMPLE_DIR "/ibm.us.txt");
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    qsizetype dataLines = 0;
    for (const QByteArray& l : lines)
        dataLines += !l.trimmed().isEmpty() && l.at(0) >= '0' && l.at(0) <= '9';
    const QList<QByteArray> first = lines.at(1).trimmed().split(',');

    const LoadResult r = DataLoader::load(path.toStdString());
    QVERIFY(r.data);
    QCOMPARE(r.report.rejected, std::size_t(0));
    QCOMPARE(r.data->recordCount(), std::size_t(dataLines));
    QCOMPARE(r.data->stock(0).closes.front(), first.at(4).toDouble());
    QCOMPARE(QByteArray::fromStdString(timestamp::formatDate(r.data->stock(0).times.front())), first.at(0));
}

QTEST_MAIN(TestDataLoader)
#include "tst_dataloader.moc"
