// A stock's days read again for candlesticks: the rows the loader keeps,
// with their open, high and low, and a clear refusal where there are none.
#include "core/data/CandleReader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

Q_DECLARE_METATYPE(std::vector<Candle>)

namespace {

Candle day(int d, double open, double high, double low, double close, double volume = 0)
{
    return {timestamp::fromCivil(2012, 3, d), open, high, low, close, volume};
}

} // namespace

class TestCandleReader : public QObject {
    Q_OBJECT
private slots:
    void reads_data();
    void reads();
    void findsTheStocksFileInAFolder();
    void stopsWhenCancelled();

private:
    QTemporaryDir dir_;
};

void TestCandleReader::reads_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("stock");
    QTest::addColumn<std::vector<Candle>>("expected");
    QTest::addColumn<QString>("error");

    const QByteArray header = "Date,Open,High,Low,Close,Volume,OpenInt\r\n";
    QTest::newRow("a ticker file") << "abc.us.txt"
                                   << header + "2012-03-01,10,12,9,11,100,0\r\n2012-03-02,11,11.5,10.5,10.75,90,0\r\n"
                                   << "abc.us" << std::vector<Candle>{day(1, 10, 12, 9, 11, 100), day(2, 11, 11.5, 10.5, 10.75, 90)}
                                   << "";
    QTest::newRow("without a header") << "abc.us.txt" << QByteArray("2012-03-05,1,2,0.5,1.5,7,0\n") << "abc.us"
                                      << std::vector<Candle>{day(5, 1, 2, 0.5, 1.5, 7)} << "";
    QTest::newRow("rows out of order and repeated are skipped")
        << "abc.us.txt" << header + "2012-03-02,1,2,1,2,1,0\n2012-03-01,5,5,5,5,1,0\n2012-03-02,9,9,9,9,1,0\n2012-03-03,3,4,2,3,1,0\n"
        << "abc.us" << std::vector<Candle>{day(2, 1, 2, 1, 2, 1), day(3, 3, 4, 2, 3, 1)} << "";
    QTest::newRow("one stock of a data.csv")
        << "data.csv"
        << QByteArray("Date,Open,High,Low,Close,Volume,OpenInt,Stock\n2012-03-01T00:00:00+01:00,1,2,1,2,5,0,aa.us\n"
                      "2012-03-01T00:00:00+01:00,7,8,6,7.5,5,0,bb.us\n2012-03-02T00:00:00+01:00,2,3,1,1.5,5,0,aa.us\n")
        << "aa.us" << std::vector<Candle>{day(1, 1, 2, 1, 2, 5), day(2, 2, 3, 1, 1.5, 5)} << "";
    QTest::newRow("no open, high and low") << "abc.us.txt" << QByteArray("Date,Close\n2012-03-01,5\n") << "abc.us"
                                           << std::vector<Candle>{} << "no Open, High and Low";
    QTest::newRow("JSON lines") << "ticks.jsonl" << QByteArray("{\"stock\":\"aa.us\",\"price\":2,\"date\":\"2012-03-01\"}\n")
                                << "aa.us" << std::vector<Candle>{} << "JSON lines";
    QTest::newRow("no row of the stock") << "data.csv" << QByteArray("Date,Open,High,Low,Close,Volume,OpenInt,Stock\n2012-03-01,1,2,1,2,5,0,aa.us\n")
                                         << "zz.us" << std::vector<Candle>{} << "no row of zz.us";
    QTest::newRow("not a price file") << "notes.txt" << QByteArray("Name,Age\nx,3\n") << "notes" << std::vector<Candle>{}
                                      << "neither a header";
}

void TestCandleReader::reads()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, stock);
    QFETCH(std::vector<Candle>, expected);
    QFETCH(QString, error);
    const QString path = dir_.filePath(QStringLiteral("%1/%2").arg(QTest::currentDataTag(), fileName));
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    std::string why;
    const std::vector<Candle> candles = CandleReader::read(path.toStdString(), stock.toStdString(), &why);
    QVERIFY2(QString::fromStdString(why).contains(error) && (error.isEmpty() == why.empty()), why.c_str());
    QCOMPARE(candles.size(), expected.size());
    for (std::size_t i = 0; i < candles.size(); ++i) {
        QCOMPARE(candles[i].time, expected[i].time);
        QCOMPARE(candles[i].open, expected[i].open);
        QCOMPARE(candles[i].high, expected[i].high);
        QCOMPARE(candles[i].low, expected[i].low);
        QCOMPARE(candles[i].close, expected[i].close);
        QCOMPARE(candles[i].volume, expected[i].volume);
    }
}

void TestCandleReader::findsTheStocksFileInAFolder()
{
    const QString folder = dir_.filePath(QStringLiteral("folder"));
    QDir().mkpath(folder);
    for (const char* name : {"aa.us.txt", "bb.us.csv"}) {
        QFile file(QDir(folder).filePath(QLatin1String(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Date,Open,High,Low,Close,Volume,OpenInt\n2012-03-01,1,2,1,2,5,0\n");
    }
    const std::string f = folder.toStdString();
    QCOMPARE(CandleReader::fileOf(f, "aa.us"), f + "/aa.us.txt");
    QCOMPARE(CandleReader::fileOf(f, "bb.us"), f + "/bb.us.csv");
    QCOMPARE(CandleReader::fileOf(f + "/aa.us.txt", "aa.us"), f + "/aa.us.txt");
    std::string why;
    QCOMPARE(CandleReader::read(f, "bb.us", &why).size(), std::size_t{1});
    QVERIFY(CandleReader::read(f, "cc.us", &why).empty());
    QVERIFY(QString::fromStdString(why).contains(QStringLiteral("cc.us.txt")));
}

void TestCandleReader::stopsWhenCancelled()
{
    const QString path = dir_.filePath(QStringLiteral("long.us.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Date,Open,High,Low,Close,Volume,OpenInt\n2012-03-01,1,2,1,2,5,0\n");
    file.close();
    const std::atomic<bool> cancel{true};
    std::string why;
    QVERIFY(CandleReader::read(path.toStdString(), "long.us", &why, &cancel).empty());
    QVERIFY(why.empty());
}

QTEST_MAIN(TestCandleReader)
#include "tst_candlereader.moc"
