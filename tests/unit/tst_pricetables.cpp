#include "FixtureFile.h"
#include "core/data/DataLoader.h"
#include "core/data/TableSniffer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

namespace {

// "stock date close" per record, stocks in name order, oldest first.
QString recordsOf(const MarketData& data)
{
    QStringList lines;
    for (const StockSeries& s : data.stocks())
        for (std::size_t i = 0; i < s.size(); ++i)
            lines << QStringLiteral("%1 %2 %3")
                         .arg(QString::fromStdString(s.name), QString::fromStdString(timestamp::format(s.times[i])))
                         .arg(s.closes[i], 0, 'g', 10);
    return lines.join('\n');
}

TableOptions optionsFrom(const QString& columns, const QString& dateFormat, const QString& decimal,
                         const QString& layout)
{
    TableOptions options;
    std::string error;
    if (!columns.isEmpty())
        options.setColumns(columns.toStdString(), error);
    if (!dateFormat.isEmpty())
        options.setDateFormat(dateFormat.toStdString(), error);
    if (!decimal.isEmpty())
        options.setDecimal(decimal.toStdString(), error);
    if (!layout.isEmpty())
        options.setLayout(layout.toStdString(), error);
    return options;
}

} // namespace

class TestPriceTables : public QObject {
    Q_OBJECT
private slots:
    void reads_data();
    void reads();
    void refuses_data();
    void refuses();
    void detects_data();
    void detects();
    void optionSpellings_data();
    void optionSpellings();
};

// Each row: a file named x.csv and the records it must give. Dates are
// given as the file writes them; the expectation is in ISO.
void TestPriceTables::reads_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("columns");
    QTest::addColumn<QString>("dateFormat");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("rejected");
    QTest::addColumn<int>("firstBadLine");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("note");

    const QString twoDays = "x 2000-01-13 10.5\nx 2000-01-14 10.75";
    QTest::newRow("Nasdaq: MM/DD/YYYY, currency signs, newest first")
        << QByteArray("Date,Close/Last,Volume,Open,High,Low\r\n01/14/2000,$10.75,1200,$10.5,$11,$10.25\r\n"
                      "01/13/2000,$10.50,1100,$10.4,$10.6,$10.3\r\n")
        << "" << "" << "" << twoDays << 0 << 0 << "" << "";
    QTest::newRow("Investing: quoted, thousands separators, Mon DD, YYYY, volume suffixes")
        << QByteArray("\"Date\",\"Price\",\"Open\",\"High\",\"Low\",\"Vol.\",\"Change %\"\n"
                      "\"Jan 14, 2000\",\"2,874.56\",\"2,800.00\",\"2,900.00\",\"2,700.00\",\"1.2B\",\"1.23%\"\n"
                      "\"Jan 13, 2000\",\"2,839.50\",\"2,800.00\",\"2,900.00\",\"2,700.00\",\"-\",\"-0.50%\"\n")
        << "" << "" << "" << "x 2000-01-13 2839.5\nx 2000-01-14 2874.56" << 0 << 0 << "" << "";
    QTest::newRow("European: semicolons, decimal comma, DD.MM.YYYY, named columns")
        << QByteArray("Datum;Er\xC3\xB6" "ffnung;Hoch;Tief;Schluss;Volumen\n13.01.2000;10,4;10,6;10,3;10,5;1.234.567\n"
                      "14.01.2000;10,5;11;10,25;10,75;1.100.000\n")
        << "date=Datum,close=Schluss" << "" << "" << twoDays << 0 << 0 << "" << "";
    QTest::newRow("decimal comma with thousands dots and a trailing euro sign")
        << QByteArray("Date;Close\n13.01.2000;1.455,22 \xE2\x82\xAC\n14.01.2000;1.460,5 \xE2\x82\xAC\n") << "" << ""
        << "" << "x 2000-01-13 1455.22\nx 2000-01-14 1460.5" << 0 << 0 << "" << "";
    QTest::newRow("long table: symbol,date,price with Mon D YYYY")
        << QByteArray("symbol,date,price\nMSFT,Jan 1 2000,39.81\nMSFT,Feb 1 2000,36.35\nAMZN,Jan 1 2000,64.56\n"
                      "AMZN,Feb 1 2000,68.87\n")
        << "" << "" << ""
        << "amzn 2000-01-01 64.56\namzn 2000-02-01 68.87\nmsft 2000-01-01 39.81\nmsft 2000-02-01 36.35" << 0 << 0
        << "" << "";
    QTest::newRow("long table read as one stock") << QByteArray("symbol,date,price\nA,2000-01-03,1\nB,2000-01-04,2\n")
                                                  << "" << "" << "single" << "x 2000-01-03 1\nx 2000-01-04 2" << 0
                                                  << 0 << "" << "";
    QTest::newRow("wide table with empty cells before a listing")
        << QByteArray("date,AAPL,AMZN,GOOG\n2000-01-03,,10,\n2000-01-04,5,11,\n2000-01-05,5.5,,20\n") << "" << ""
        << ""
        << "aapl 2000-01-04 5\naapl 2000-01-05 5.5\namzn 2000-01-03 10\namzn 2000-01-04 11\ngoog 2000-01-05 20" << 0
        << 0 << "" << "";
    QTest::newRow("wide table with a bad cell") << QByteArray("date,AAPL,AMZN\n2000-01-03,1,2\n2000-01-04,x,3\n")
                                                << "" << "" << "" << "aapl 2000-01-03 1\namzn 2000-01-03 2" << 1 << 3
                                                << "close is not a finite number" << "";
    QTest::newRow("wide layout as told") << QByteArray("when,first,second\n2000-01-03,1,2\n") << "date=when" << ""
                                         << "wide" << "first 2000-01-03 1\nsecond 2000-01-03 2" << 0 << 0 << ""
                                         << "";
    QTest::newRow("tab separated, YYYY/MM/DD") << QByteArray("Date\tClose\n2000/01/13\t10.5\n2000/01/14\t10.75\n")
                                               << "" << "" << "" << twoDays << 0 << 0 << "" << "";
    QTest::newRow("pipe separated, DD/MM/YYYY decided by a day above 12")
        << QByteArray("Date|Close\n13/01/2000|10.5\n14/01/2000|10.75\n") << "" << "" << "" << twoDays << 0 << 0
        << "" << "";
    QTest::newRow("DD-Mon-YYYY") << QByteArray("Date,Close/Last\n13-Jan-2000,10.5\n14-Jan-2000,10.75\n") << "" << ""
                                 << "" << twoDays << 0 << 0 << "" << "";
    QTest::newRow("YYYYMMDD") << QByteArray("Day,Last\n20000113,10.5\n20000114,10.75\n") << "" << "" << ""
                              << twoDays << 0 << 0 << "" << "";
    QTest::newRow("Unix seconds") << QByteArray("Timestamp,Price\n947721600,10.5\n947808000,10.75\n") << "" << ""
                                  << "" << twoDays << 0 << 0 << "" << "";
    QTest::newRow("Unix milliseconds") << QByteArray("time,close\n947721600000,10.5\n947808000000,10.75\n") << ""
                                       << "" << "" << twoDays << 0 << 0 << "" << "";
    QTest::newRow("ISO date-times with offsets, kept as written")
        << QByteArray("Datetime;Price\n2000-01-13T09:30:00+05:00;10,5\n2000-01-13 16:00:00;10,75\n") << "" << ""
        << "" << "x 2000-01-13T09:30:00 10.5\nx 2000-01-13T16:00:00 10.75" << 0 << 0 << "" << "";
    QTest::newRow("date format as told") << QByteArray("Date,Close\n01-13-2000,10.5\n01-14-2000,10.75\n") << ""
                                         << "%m-%d-%Y" << "" << twoDays << 0 << 0 << "" << "";
    QTest::newRow("ambiguous dates settled by --date-format")
        << QByteArray("Date,Close\n01/02/2000,1\n01/03/2000,2\n") << "" << "%d/%m/%Y" << ""
        << "x 2000-02-01 1\nx 2000-03-01 2" << 0 << 0 << "" << "";
    // 300 rows that could be either, then one that settles month-first.
    QByteArray manyStocks = "symbol,date,price\n";
    QStringList manyExpected;
    for (const char* date : {"01/02/2000", "01/03/2000", "01/13/2000"})
        for (int s = 0; s < 150; ++s)
            manyStocks += QStringLiteral("S%1,%2,%3\n").arg(s, 3, 10, QChar('0')).arg(date).arg(date[4] - '0').toLatin1();
    for (int s = 0; s < 150; ++s)
        for (const char* day : {"02", "03", "13"})
            manyExpected << QStringLiteral("s%1 2000-01-%2 %3").arg(s, 3, 10, QChar('0')).arg(day).arg(day[1] - '0');
    QTest::newRow("day/month settled beyond the first rows of a long table")
        << manyStocks << "" << "" << "" << manyExpected.join('\n') << 0 << 0 << "" << "";
    QTest::newRow("columns by number") << QByteArray("a;b;c\n13.01.2000;x;10,5\n14.01.2000;y;10,75\n")
                                       << "date=1,close=3" << "" << "" << twoDays << 0 << 0 << "" << "";
    QTest::newRow("unordered rows are sorted and counted")
        << QByteArray("Date,Close/Last\n2000-01-14,2\n2000-01-12,0.5\n2000-01-13,1\n2000-01-15,3\n") << "" << "" << ""
        << "x 2000-01-12 0.5\nx 2000-01-13 1\nx 2000-01-14 2\nx 2000-01-15 3" << 0 << 0 << "" << "3 row(s)";
    QTest::newRow("newest first of the dataset's own columns")
        << QByteArray("Date,Open,High,Low,Close,Volume\n2000-01-15,1,1,1,3,0\n2000-01-14,1,1,1,2,0\n"
                      "2000-01-13,1,1,1,1,0\n")
        << "" << "" << "" << "x 2000-01-13 1\nx 2000-01-14 2\nx 2000-01-15 3" << 0 << 0 << "" << "";
    QTest::newRow("quoted field holding the delimiter and a quote")
        << QByteArray("Date,Close,Note\n2000-01-13,10.5,\"split, \"\"2:1\"\"\"\n2000-01-14,10.75,plain\n") << "" << ""
        << "" << twoDays << 0 << 0 << "" << "";
    QTest::newRow("a quote left open") << QByteArray("Date,Close,Note\n2000-01-13,10.5,\"open\n2000-01-14,10.75,x\n")
                                       << "" << "" << "" << "x 2000-01-14 10.75" << 1 << 2 << "quote" << "";
    QTest::newRow("mixed date formats: the other format's rows are refused")
        << QByteArray("Date,Close/Last\n2000-01-13,10.5\n01/14/2000,10.6\n2000-01-14,10.75\n") << "" << "" << ""
        << twoDays << 1 << 3 << "bad date" << "";
    QTest::newRow("bad close, zero close, price out of range")
        << QByteArray("Date,Price\n2000-01-11,abc\n2000-01-12,0\n2000-01-13,10.5\n2000-01-15,2e30\n2000-01-14,10.75\n")
        << "" << "" << "" << twoDays << 3 << 2 << "close is not a finite number" << "";
    QTest::newRow("duplicate dates") << QByteArray("Date,Close/Last\n2000-01-14,10.75\n2000-01-13,10.5\n2000-01-13,9\n") << ""
                                     << "" << "" << twoDays << 1 << 4 << "duplicate timestamp" << "";
    QTest::newRow("the dataset's columns with a download's volume suffixes")
        << QByteArray("Date,Open,High,Low,Close,Volume\n2000-01-13,1,1,1,10.5,1.2M\n2000-01-14,1,1,1,10.75,980K\n")
        << "" << "" << "" << twoDays << 0 << 0 << "" << "";
    QTest::newRow("Close used, Adj Close named in the report")
        << QByteArray("Date,Open,High,Low,Close,Adj Close,Volume\n2000-01-13,1,1,1,10.5,5.25,0\n"
                      "2000-01-14,1,1,1,10.75,5.375,0\n")
        << "" << "" << "" << twoDays << 0 << 0 << "" << "--columns close=\"Adj Close\"";
    QTest::newRow("Adj Close as told") << QByteArray("Date,Open,High,Low,Close,Adj Close,Volume\n2000-01-13,1,1,1,10.5,5.25,0\n")
                                       << "close=Adj Close" << "" << "" << "x 2000-01-13 5.25" << 0 << 0 << "" << "";
    QTest::newRow("header only") << QByteArray("Date,Close/Last,Volume,Open,High,Low\r\n") << "" << "" << "" << "" << 0
                                 << 0 << "" << "";
}

void TestPriceTables::reads()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, columns);
    QFETCH(QString, dateFormat);
    QFETCH(QString, layout);
    QFETCH(QString, expected);
    QFETCH(int, rejected);
    QFETCH(int, firstBadLine);
    QFETCH(QString, reason);
    QFETCH(QString, note);

    QTemporaryDir dir;
    const QString path = dir.filePath("x.csv");
    writeFixture(path, bytes);
    const LoadResult r = DataLoader::load(path.toStdString(), nullptr, 0, optionsFrom(columns, dateFormat, "", layout));
    QVERIFY2(r.data, r.error.c_str());
    QCOMPARE(recordsOf(*r.data), expected);
    QCOMPARE(r.report.rejected, std::size_t(rejected));
    QStringList notes;
    for (const FileReport& f : r.report.notable) {
        for (const std::string& n : f.notes)
            notes << QString::fromStdString(n);
        if (rejected > 0) {
            QCOMPARE(f.firstBadLine, std::size_t(firstBadLine));
            QVERIFY2(QString::fromStdString(f.firstBadReason).contains(reason), f.firstBadReason.c_str());
        }
    }
    if (note.isEmpty())
        QVERIFY2(notes.isEmpty(), qPrintable(notes.join("; ")));
    else
        QVERIFY2(notes.join("; ").contains(note), qPrintable(notes.join("; ")));
}

// Tables that cannot be read as they stand: the message names the option that would fix them.
void TestPriceTables::refuses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("columns");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("error");

    QTest::newRow("European headers without --columns")
        << QByteArray("Datum;Er\xC3\xB6" "ffnung;Hoch;Tief;Schluss;Volumen\n13.01.2000;10,4;10,6;10,3;10,5;1.234.567\n")
        << "" << "" << "--columns close=";
    QTest::newRow("every date could be day/month or month/day")
        << QByteArray("Date,Close\n01/02/2000,1\n01/03/2000,2\n03/04/2000,3\n") << "" << "" << "--date-format";
    QTest::newRow("dates in no known format") << QByteArray("Date,Close\n2000.13.01,1\n") << "" << "" << "--date-format";
    QTest::newRow("no such column") << QByteArray("Date,Close\n2000-01-03,1\n") << "close=Last Price" << ""
                                    << "--columns close=Last Price: no such column";
    QTest::newRow("column number beyond the table") << QByteArray("Date,Close\n2000-01-03,1\n") << "close=5" << ""
                                                    << "--columns close=5";
    QTest::newRow("a wide column headed by no stock name")
        << QByteArray("date,AAPL,") + QByteArray(70, 'X') + "\n2000-01-03,1,2\n" << "" << "wide" << "is no stock name";
    QTest::newRow("stocks headed by words, not tickers") << QByteArray("date,Apple,Amazon\n2000-01-03,1,2\n") << ""
                                                          << "" << "--layout wide";
    QTest::newRow("not a price table") << QByteArray("this is not\nprice data\n") << "" << "" << "neither a header";
}

void TestPriceTables::refuses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, columns);
    QFETCH(QString, layout);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const QString path = dir.filePath("x.csv");
    writeFixture(path, bytes);
    const LoadResult r = DataLoader::load(path.toStdString(), nullptr, 0, optionsFrom(columns, "", "", layout));
    QVERIFY(!r.data);
    QVERIFY2(QString::fromStdString(r.error).contains(error), r.error.c_str());
}

// What detection makes of a file's first lines, and whether the app must ask.
void TestPriceTables::detects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("decimal");
    QTest::addColumn<QString>("expected");  // delimiter decimal thousands dates layout date/close/symbol certain

    QTest::newRow("Nasdaq") << QByteArray("Date,Close/Last,Volume\n01/14/2000,$10.75,100\n01/13/2000,$10.5,100\n")
                            << "" << ", . - %m/%d/%Y single 0/1/-1 certain";
    QTest::newRow("Investing") << QByteArray("\"Date\",\"Price\",\"Vol.\"\n\"Jan 14, 2000\",\"2,874.56\",\"1.2B\"\n")
                               << "" << ", . , %b %d, %Y single 0/1/-1 certain";
    QTest::newRow("European, columns named") << QByteArray("Date;Close\n13.01.2000;1455,22\n") << ""
                                             << "; , - %d.%m.%Y single 0/1/-1 certain";
    QTest::newRow("decimal as told") << QByteArray("Date;Close\n13.01.2000;1.455\n") << ","
                                     << "; , . %d.%m.%Y single 0/1/-1 certain";
    QTest::newRow("long") << QByteArray("symbol,date,price\nMSFT,Jan 1 2000,39.81\n") << ""
                          << ", . - %b %d %Y long 1/2/0 certain";
    QTest::newRow("wide is a guess") << QByteArray("date,AAPL,AMZN\n2000-01-03,1,2\n") << ""
                                     << ", . - %Y-%m-%d wide 0/-1/-1 uncertain";
    QTest::newRow("no header is a guess") << QByteArray("13.01.2000;10,5\n14.01.2000;10,75\n") << ""
                                          << "; , - %d.%m.%Y single 0/1/-1 uncertain";
    QTest::newRow("mixed dates are a guess") << QByteArray("Date,Close/Last\n2000-01-03,1\n01/04/2000,2\n2000-01-05,3\n")
                                             << "" << ", . - %Y-%m-%d single 0/1/-1 uncertain";
}

void TestPriceTables::detects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, decimal);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath("x.csv");
    writeFixture(path, bytes);
    std::string error;
    const auto lines = TableSniffer::sampleOf(path.toStdString(), TableSniffer::kSampleLines, &error);
    QVERIFY2(error.empty(), error.c_str());
    QVERIFY(!TableSniffer::isDatasetCsv(lines));
    const TableFormat f = TableSniffer::detect(lines, optionsFrom("", "", decimal, ""));
    QVERIFY2(f.problem.empty(), f.problem.c_str());
    const QString got = QStringLiteral("%1 %2 %3 %4 %5 %6/%7/%8 %9")
                            .arg(QChar(f.delimiter), QChar(f.numbers.decimal),
                                 f.numbers.thousands ? QString(QChar(f.numbers.thousands)) : QStringLiteral("-"),
                                 QString::fromStdString(f.dates.pattern()),
                                 QString::fromLatin1(TableOptions::layoutName(f.layout)))
                            .arg(f.dateColumn)
                            .arg(f.closeColumn)
                            .arg(f.symbolColumn)
                            .arg(f.certain ? "certain" : "uncertain");
    QCOMPARE(got, expected);
}

// The options' spellings, as the command line and the app's settings write them.
void TestPriceTables::optionSpellings_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("columns") << "columns" << "date=Datum,close=4,symbol=Code" << true;
    QTest::newRow("columns without a role") << "columns" << "Datum" << false;
    QTest::newRow("columns with an unknown role") << "columns" << "volume=5" << false;
    QTest::newRow("date format") << "date-format" << "%d.%m.%Y %H:%M" << true;
    QTest::newRow("date format without a day") << "date-format" << "%Y-%m" << false;
    QTest::newRow("tab") << "delimiter" << "tab" << true;
    QTest::newRow("two characters") << "delimiter" << ";;" << false;
    QTest::newRow("decimal comma") << "decimal" << "," << true;
    QTest::newRow("decimal letter") << "decimal" << "x" << false;
    QTest::newRow("layout") << "layout" << "wide" << true;
    QTest::newRow("unknown layout") << "layout" << "tall" << false;
}

void TestPriceTables::optionSpellings()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(bool, accepted);
    TableOptions options;
    std::string error;
    const std::string v = value.toStdString();
    const bool ok = option == "columns"       ? options.setColumns(v, error)
                    : option == "date-format" ? options.setDateFormat(v, error)
                    : option == "delimiter"   ? options.setDelimiter(v, error)
                    : option == "decimal"     ? options.setDecimal(v, error)
                                              : options.setLayout(v, error);
    QCOMPARE(ok, accepted);
    if (!ok) {
        QVERIFY2(QString::fromStdString(error).contains("--" + option), error.c_str());
        return;
    }
    QVERIFY(!options.isDefault());
    const std::string back = option == "columns"       ? options.columnsSpec()
                             : option == "date-format" ? options.dateFormat
                             : option == "delimiter"   ? options.delimiterSpec()
                             : option == "decimal"     ? options.decimalSpec()
                                                       : TableOptions::layoutName(options.layout);
    QCOMPARE(QString::fromStdString(back), value);
}

QTEST_MAIN(TestPriceTables)
#include "tst_pricetables.moc"
