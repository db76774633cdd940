#include "FixtureFile.h"
#include "core/data/DataLoader.h"
#include "core/data/MarketDataCache.h"
#include "core/system/FileIdentity.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace ss;

namespace {

const QByteArray kHeader = "Date,Open,High,Low,Close,Volume,OpenInt\r\n";

// A folder with something of every kind a report tells: clean stocks, a
// file with rejected lines, an empty file, a header alone, JSON lines and
// a stock split over two files.
void writeFolder(const QString& dir)
{
    QByteArray clean = kHeader;
    for (int day = 1; day <= 28; ++day)
        clean += QStringLiteral("1990-02-%1,1,1,1,%2,100,0\r\n").arg(day, 2, 10, QChar('0')).arg(10 + day * 0.25).toUtf8();
    writeFixture(dir + "/abc.us.txt", clean);
    writeFixture(dir + "/bad.us.txt", kHeader + "1990-01-02,1,1,1,5,100,0\r\n1990-01-02,1,1,1,6,100,0\r\n"
                                             "1990-01-03,1,1,1,-1,100,0\r\nnot a line\r\n1990-01-04,1,1,1,7,1,0\r\n");
    writeFixture(dir + "/empty.us.txt", "");
    writeFixture(dir + "/header.us.txt", kHeader);
    writeFixture(dir + "/feed.jsonl", R"({"stock": "jnj.us", "price": 0.5941, "date": "1970-01-19T00:00:00.000+01:00"}
{"stock": "jnj.us", "price": 0.6, "date": "1970-01-20T00:00:00.000+01:00"}
{"stock": "ko.us", "price": 1e400, "date": "1970-01-20"}
)");
    writeFixture(dir + "/split.us.txt", kHeader + "2000-01-03,1,1,1,3.5,1,0\r\n2000-01-04,1,1,1,3.25,1,0\r\n");
    writeFixture(dir + "/split.us.csv", kHeader + "2000-01-04,1,1,1,3.25,1,0\r\n2000-01-05,1,1,1,3,1,0\r\n");
    for (const QString& name : QDir(QStringLiteral(STOCKSTREAM_SAMPLE_DIR)).entryList({"*.txt"}).mid(0, 6))
        QVERIFY(QFile::copy(QStringLiteral(STOCKSTREAM_SAMPLE_DIR) + "/" + name, dir + "/" + name));
}

// Waits until the clock file times are stamped from has moved past every
// file in `dir`: until then a change could leave a file's times as they
// were, and the cache rightly refuses to answer for it.
void settle(const QString& dir)
{
    std::int64_t latest = 0;
    for (const QFileInfo& f : QDir(dir).entryInfoList(QDir::Files))
        if (const auto id = FileIdentity::of(f.filePath().toStdString()))
            latest = std::max({latest, id->changedNs, id->modifiedNs});
    while (FileIdentity::coarseNowNs() <= latest)
        QThread::msleep(1);
}

LoadResult loadWith(const std::string& source, const MarketDataCache* cache, unsigned threads = 2)
{
    return DataLoader::load(source, nullptr, threads, {}, cache);
}

void compareReports(const LoadReport& actual, const LoadReport& expected)
{
    QCOMPARE(actual.files, expected.files);
    QCOMPARE(actual.records, expected.records);
    QCOMPARE(actual.rejected, expected.rejected);
    QCOMPARE(actual.emptyFiles, expected.emptyFiles);
    QCOMPARE(actual.unreadableFiles, expected.unreadableFiles);
    QCOMPARE(actual.notable.size(), expected.notable.size());
    for (std::size_t i = 0; i < expected.notable.size(); ++i) {
        const FileReport& a = actual.notable[i];
        const FileReport& e = expected.notable[i];
        QCOMPARE(a.file, e.file);
        QCOMPARE(a.records, e.records);
        QCOMPARE(a.rejected, e.rejected);
        QCOMPARE(a.firstBadLine, e.firstBadLine);
        QCOMPARE(a.firstBadReason, e.firstBadReason);
        QCOMPARE(a.empty, e.empty);
        QCOMPARE(a.error, e.error);
        QCOMPARE(a.notes, e.notes);
    }
}

// Every stock, every time and every close bit for bit, and the report.
void compareLoads(const LoadResult& actual, const LoadResult& expected)
{
    QVERIFY(actual.data);
    QVERIFY(expected.data);
    QCOMPARE(actual.error, expected.error);
    const auto& a = actual.data->stocks();
    const auto& e = expected.data->stocks();
    QCOMPARE(a.size(), e.size());
    for (std::size_t i = 0; i < e.size(); ++i) {
        QCOMPARE(a[i].name, e[i].name);
        QCOMPARE(a[i].times, e[i].times);
        QCOMPARE(a[i].size(), e[i].size());
        QVERIFY(std::memcmp(a[i].closes.data(), e[i].closes.data(), e[i].size() * sizeof(double)) == 0);
    }
    QCOMPARE(actual.data->recordCount(), expected.data->recordCount());
    QCOMPARE(actual.data->firstTime(), expected.data->firstTime());
    QCOMPARE(actual.data->lastTime(), expected.data->lastTime());
    compareReports(actual.report, expected.report);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Replaces a file's bytes, keeping its size, and puts its modification
// time back as it was, as `touch -d` would.
void rewriteKeepingTimes(const QString& path, qsizetype at, char byte)
{
    struct stat before {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &before), 0);
    QByteArray bytes = readAll(path);
    QVERIFY(at < bytes.size() && bytes[at] != byte);
    bytes[at] = byte;
    writeFixture(path, bytes);
    const timespec times[2] = {before.st_atim, before.st_mtim};
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0), 0);
}

} // namespace

class TestMarketDataCache : public QObject {
    Q_OBJECT
private slots:
    void init();
    void hit_data();
    void hit();
    void missAfterChange_data();
    void missAfterChange();
    void damagedCache_data();
    void damagedCache();
    void cacheCannotBeWritten_data();
    void cacheCannotBeWritten();
    void diskFullWhileWriting();
    void concurrentLoads();
    void leastRecentlyUsedEvicted();
    void otherSpellingOrOptionsNotAnswered();

private:
    std::unique_ptr<QTemporaryDir> data_;
    std::unique_ptr<QTemporaryDir> cacheDir_;
    QString folder_;
};

void TestMarketDataCache::init()
{
    data_ = std::make_unique<QTemporaryDir>();
    cacheDir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(data_->isValid() && cacheDir_->isValid());
    folder_ = data_->filePath("stocks");
    QVERIFY(QDir().mkpath(folder_));
    writeFolder(folder_);
    settle(folder_);
}

void TestMarketDataCache::hit_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("folder") << "";
    QTest::newRow("ticker file with rejects") << "bad.us.txt";
    QTest::newRow("real ticker file") << "aa.us.txt";
    QTest::newRow("json lines") << "feed.jsonl";
    QTest::newRow("empty file") << "empty.us.txt";
}

// The second open of unchanged data comes from the cache and gives what
// parsing gives: every record, every reject with its file and line, every
// empty file.
void TestMarketDataCache::hit()
{
    QFETCH(QString, source);
    const std::string path = (source.isEmpty() ? folder_ : folder_ + "/" + source).toStdString();
    const MarketDataCache cache(cacheDir_->path().toStdString());
    const LoadResult parsed = loadWith(path, nullptr);
    const LoadResult first = loadWith(path, &cache);
    QVERIFY(!first.fromCache);
    QVERIFY(QFile::exists(QString::fromStdString(cache.fileFor(path))));
    const LoadResult second = loadWith(path, &cache);
    QVERIFY(second.fromCache);
    compareLoads(first, parsed);
    compareLoads(second, parsed);
    const LoadResult oneThread = loadWith(path, &cache, 1);
    QVERIFY(oneThread.fromCache);
    compareLoads(oneThread, parsed);
}

void TestMarketDataCache::missAfterChange_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("touched") << "touch";
    QTest::newRow("same size, modification time restored") << "rewrite";
    QTest::newRow("replaced by another file of the same name") << "replace";
    QTest::newRow("file added") << "add";
    QTest::newRow("file removed") << "remove";
}

// Any change to an input is a miss: the data is parsed again, as it now
// is, and the cache written anew answers the next open.
void TestMarketDataCache::missAfterChange()
{
    QFETCH(QString, change);
    const std::string path = folder_.toStdString();
    const MarketDataCache cache(cacheDir_->path().toStdString());
    const LoadResult before = loadWith(path, &cache);
    QVERIFY(!before.fromCache);
    QVERIFY(loadWith(path, &cache).fromCache);

    const QString abc = folder_ + "/abc.us.txt";
    if (change == "touch") {
        QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(abc).constData(), nullptr, 0), 0);
    } else if (change == "rewrite") {
        // 10.25 becomes 10.75 on the first row: the same size, another close.
        const qsizetype at = readAll(abc).indexOf("10.25") + 3;
        rewriteKeepingTimes(abc, at, '7');
    } else if (change == "replace") {
        const QByteArray bytes = readAll(abc).replace("10.25", "10.50");
        writeFixture(folder_ + "/new.tmp", bytes);
        QVERIFY(::rename(QFile::encodeName(folder_ + "/new.tmp").constData(), QFile::encodeName(abc).constData()) == 0);
    } else if (change == "add") {
        writeFixture(folder_ + "/added.us.txt", kHeader + "2001-01-02,1,1,1,2,1,0\r\n");
    } else {
        QVERIFY(QFile::remove(abc));
    }
    settle(folder_);

    const LoadResult parsed = loadWith(path, nullptr);
    const LoadResult after = loadWith(path, &cache);
    QVERIFY(!after.fromCache);
    compareLoads(after, parsed);
    if (change != "touch") {
        // The change is seen, not just the cache refused.
        const auto closesOfAbc = [](const LoadResult& r) {
            const auto i = r.data->indexOf("abc.us");
            return i ? r.data->stock(*i).closes : std::vector<double>{};
        };
        QVERIFY(parsed.data->recordCount() != before.data->recordCount() || closesOfAbc(parsed) != closesOfAbc(before));
    }
    const LoadResult again = loadWith(path, &cache);
    QVERIFY(again.fromCache);
    compareLoads(again, parsed);
}

void TestMarketDataCache::damagedCache_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("truncated to half") << "half";
    QTest::newRow("truncated by one byte") << "short";
    QTest::newRow("header alone") << "header";
    QTest::newRow("empty") << "empty";
    QTest::newRow("byte flipped in a close") << "flip-data";
    QTest::newRow("byte flipped in the report") << "flip-meta";
    QTest::newRow("byte flipped in the header") << "flip-header";
    QTest::newRow("another format version") << "version";
    QTest::newRow("one byte too many") << "long";
    QTest::newRow("not a cache at all") << "garbage";
}

// A damaged cache is never an answer: the data is parsed, and the cache
// written whole again.
void TestMarketDataCache::damagedCache()
{
    QFETCH(QString, damage);
    const std::string path = folder_.toStdString();
    const MarketDataCache cache(cacheDir_->path().toStdString());
    const LoadResult parsed = loadWith(path, nullptr);
    QVERIFY(!loadWith(path, &cache).fromCache);
    const QString file = QString::fromStdString(cache.fileFor(path));
    QByteArray bytes = readAll(file);
    QVERIFY(bytes.size() > 4096);
    const qsizetype headerSize = 72;
    if (damage == "half")
        bytes.truncate(bytes.size() / 2);
    else if (damage == "short")
        bytes.chop(1);
    else if (damage == "header")
        bytes.truncate(headerSize);
    else if (damage == "empty")
        bytes.clear();
    else if (damage == "flip-data")
        bytes[headerSize + 1000] = static_cast<char>(bytes[headerSize + 1000] ^ 0x10);
    else if (damage == "flip-meta")
        bytes[bytes.size() - 20] = static_cast<char>(bytes[bytes.size() - 20] ^ 0x01);
    else if (damage == "flip-header")
        bytes[20] = static_cast<char>(bytes[20] ^ 0x01);
    else if (damage == "version") {
        const std::uint32_t other = MarketDataCache::kFormatVersion + 1;
        bytes.replace(8, sizeof other, reinterpret_cast<const char*>(&other), sizeof other);
    } else if (damage == "long")
        bytes.append('\0');
    else
        bytes.fill('x');
    writeFixture(file, bytes);

    const LoadResult reparsed = loadWith(path, &cache);
    QVERIFY(!reparsed.fromCache);
    compareLoads(reparsed, parsed);
    const LoadResult again = loadWith(path, &cache);
    QVERIFY(again.fromCache);
    compareLoads(again, parsed);
}

void TestMarketDataCache::cacheCannotBeWritten_data()
{
    QTest::addColumn<QString>("where");
    QTest::newRow("under a regular file") << "file/cache";
    QTest::newRow("missing parent made") << "a/b/c";
}

// A cache folder that cannot be made or written costs a parse, nothing more.
void TestMarketDataCache::cacheCannotBeWritten()
{
    QFETCH(QString, where);
    writeFixture(cacheDir_->filePath("file"), "not a folder");
    const std::string dir = cacheDir_->filePath(where).toStdString();
    const MarketDataCache cache(dir);
    const std::string path = folder_.toStdString();
    const LoadResult parsed = loadWith(path, nullptr);
    const LoadResult first = loadWith(path, &cache);
    compareLoads(first, parsed);
    const LoadResult second = loadWith(path, &cache);
    compareLoads(second, parsed);
    QCOMPARE(second.fromCache, where != "file/cache");
}

// A write cut short (here by a file size limit, as a full disk would cut
// it) leaves no cache file and no temporary one, and the load stands.
void TestMarketDataCache::diskFullWhileWriting()
{
    const MarketDataCache cache(cacheDir_->path().toStdString());
    const std::string path = folder_.toStdString();
    const LoadResult parsed = loadWith(path, nullptr);
    rlimit saved {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previous = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = 8192;
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const LoadResult loaded = loadWith(path, &cache);
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);
    QVERIFY(!loaded.fromCache);
    compareLoads(loaded, parsed);
    QCOMPARE(QDir(cacheDir_->path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    const LoadResult next = loadWith(path, &cache);
    QVERIFY(!next.fromCache);
    QVERIFY(loadWith(path, &cache).fromCache);
}

// Loaders opening the same data at once, each with its own cache object
// on the same folder, all get the parsed data, whether they parse, write,
// or map what another wrote.
void TestMarketDataCache::concurrentLoads()
{
    const std::string path = folder_.toStdString();
    const LoadResult parsed = loadWith(path, nullptr);
    constexpr int kLoaders = 4;
    constexpr int kRounds = 6;
    std::vector<LoadResult> results(kLoaders * kRounds);
    {
        std::vector<std::jthread> loaders;
        for (int t = 0; t < kLoaders; ++t)
            loaders.emplace_back([&, t] {
                const MarketDataCache cache(cacheDir_->path().toStdString());
                for (int r = 0; r < kRounds; ++r) {
                    results[t * kRounds + r] = loadWith(path, &cache, 1);
                    // Some rounds remove the file under the others' feet.
                    if (t == 0 && r % 2 == 1)
                        ::unlink(cache.fileFor(path).c_str());
                }
            });
    }
    for (const LoadResult& r : results)
        compareLoads(r, parsed);
    QStringList left = QDir(cacheDir_->path()).entryList(QDir::Files | QDir::Hidden);
    QVERIFY(left.filter(".tmp").isEmpty());
}

// The folder keeps to its limit: writing a new entry removes the entries
// used least recently, and an entry larger than the limit is not written.
void TestMarketDataCache::leastRecentlyUsedEvicted()
{
    const std::string a = (folder_ + "/aa.us.txt").toStdString();
    const std::string b = (folder_ + "/abc.us.txt").toStdString();
    const std::string c = (folder_ + "/bad.us.txt").toStdString();
    const MarketDataCache unbounded(cacheDir_->path().toStdString());
    QVERIFY(!loadWith(a, &unbounded).fromCache);
    QVERIFY(!loadWith(b, &unbounded).fromCache);
    const auto size = [](const std::string& f) { return QFileInfo(QString::fromStdString(f)).size(); };
    const qint64 sizeA = size(unbounded.fileFor(a));
    const qint64 sizeB = size(unbounded.fileFor(b));
    QVERIFY(sizeA > 0 && sizeB > 0);
    // a used again after b: b is now the least recently used.
    const timespec old[2] = {{1'000'000'000, 0}, {1'000'000'000, 0}};
    QCOMPARE(::utimensat(AT_FDCWD, unbounded.fileFor(b).c_str(), old, 0), 0);
    QVERIFY(loadWith(a, &unbounded).fromCache);

    const MarketDataCache bounded(cacheDir_->path().toStdString(), static_cast<std::uint64_t>(sizeA + sizeB));
    QVERIFY(!loadWith(c, &bounded).fromCache);
    QVERIFY(QFile::exists(QString::fromStdString(bounded.fileFor(a))));
    QVERIFY(!QFile::exists(QString::fromStdString(bounded.fileFor(b))));
    QVERIFY(QFile::exists(QString::fromStdString(bounded.fileFor(c))));

    const MarketDataCache tiny(data_->filePath("tiny").toStdString(), 100);
    QVERIFY(!loadWith(a, &tiny).fromCache);
    QVERIFY(!loadWith(a, &tiny).fromCache);
    QVERIFY(!QFile::exists(QString::fromStdString(tiny.fileFor(a))));
}

// The report names files as the user spelled the path, and table options
// change what a file gives: neither is answered from another's entry.
void TestMarketDataCache::otherSpellingOrOptionsNotAnswered()
{
    const MarketDataCache cache(cacheDir_->path().toStdString());
    const std::string path = folder_.toStdString();
    const std::string other = (folder_ + "/.").toStdString();
    QVERIFY(!loadWith(path, &cache).fromCache);
    const LoadResult parsed = loadWith(other, nullptr);
    const LoadResult otherSpelling = loadWith(other, &cache);
    QVERIFY(!otherSpelling.fromCache);
    compareLoads(otherSpelling, parsed);
    QVERIFY(loadWith(path, &cache).fromCache);

    TableOptions options;
    options.delimiter = ',';
    const LoadResult withOptions = DataLoader::load(path, nullptr, 2, options, &cache);
    QVERIFY(!withOptions.fromCache);
}

QTEST_GUILESS_MAIN(TestMarketDataCache)
#include "tst_marketdatacache.moc"
