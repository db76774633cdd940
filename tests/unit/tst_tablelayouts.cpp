#include "CliRun.h"
#include "FixtureFile.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <map>

namespace {

// One day of a stock, its close as the ticker file writes it.
struct Day {
    QDate date;
    QString close;
};
using Prices = std::map<QString, QList<Day>>;  // by stock name, oldest first

// "1129.88" with a thousands separator and decimal mark of choice: "1,129.88", "1.129,88".
QString grouped(const QString& close, QChar thousands, QChar decimal)
{
    QString whole = close.section('.', 0, 0);
    const QString fraction = close.section('.', 1);
    for (qsizetype i = whole.size() - 3; i > 0; i -= 3)
        whole.insert(i, thousands);
    return fraction.isEmpty() ? whole : whole + decimal + fraction;
}

const QString kMonths = QStringLiteral("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec");
QString monthName(const QDate& d) { return kMonths.section(' ', d.month() - 1, d.month() - 1); }

// Each stock's file in a folder, written by `row` under `header`, newest first when asked.
void writeFolder(const QString& folder, const Prices& prices, const QString& extension, const QByteArray& header,
                 bool newestFirst, const std::function<QString(const Day&)>& row)
{
    QVERIFY(QDir().mkpath(folder));
    for (const auto& [stock, days] : prices) {
        QByteArray bytes = header;
        QList<Day> ordered = days;
        if (newestFirst)
            std::reverse(ordered.begin(), ordered.end());
        for (const Day& d : ordered)
            bytes += row(d).toUtf8() + "\r\n";
        writeFixture(folder + "/" + stock + extension, bytes);
    }
}

} // namespace

// The same prices as a folder of ticker files, as folders of the popular
// downloads, as a long and as a wide table must replay to the same figures
// and the same calls.
class TestTableLayouts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void sameFiguresInEveryLayout_data();
    void sameFiguresInEveryLayout();
    void optionsRefused_data();
    void optionsRefused();

private:
    QTemporaryDir dir_;
    Prices prices_;
    QJsonObject reference_;
    QByteArray referenceCalls_;
};

void TestTableLayouts::initTestCase()
{
    QVERIFY(dir_.isValid());
    // Real closes, the last weeks of three stocks, one listed later than
    // the others (empty cells in the wide table); and one priced above a
    // thousand, for the downloads' thousands separators.
    const std::map<QString, int> taken{{"ibm.us", 60}, {"ge.us", 45}, {"msft.us", 60}};
    for (const auto& [stock, count] : taken) {
        QFile f(QStringLiteral(STOCKSTREAM_SAMPLE_DIR "/") + stock + ".txt");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QVERIFY(lines.size() > count);
        for (const QByteArray& line : lines.mid(lines.size() - count)) {
            const QList<QByteArray> fields = line.trimmed().split(',');
            prices_[stock].append({QDate::fromString(QString::fromLatin1(fields[0]), Qt::ISODate),
                                   QString::fromLatin1(fields[4])});
        }
    }
    for (const Day& d : prices_["ibm.us"])
        prices_["big.us"].append({d.date, "10" + d.close});

    writeFolder(dir_.filePath("ticker"), prices_, ".txt", "Date,Open,High,Low,Close,Volume,OpenInt\r\n", false,
                [](const Day& d) { return d.date.toString(Qt::ISODate) + ",1,1,1," + d.close + ",100,0"; });
    const CliRun run = runCli({"replay", "--data", dir_.filePath("ticker"), "--jsonl", dir_.filePath("ticker.jsonl")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    reference_ = summaryOf(run.out);
    QCOMPARE(reference_.value("records").toInt(), 60 + 45 + 60 + 60);
    QVERIFY(reference_.value("resolved").toInt() > 0);
    QFile calls(dir_.filePath("ticker.jsonl"));
    QVERIFY(calls.open(QIODevice::ReadOnly));
    referenceCalls_ = calls.readAll();
    QVERIFY(!referenceCalls_.isEmpty());
}

void TestTableLayouts::sameFiguresInEveryLayout_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("options");

    writeFolder(dir_.filePath("nasdaq"), prices_, ".csv", "Date,Close/Last,Volume,Open,High,Low\r\n", true,
                [](const Day& d) { return d.date.toString("MM/dd/yyyy") + ",$" + d.close + ",1000,$1.00,$1.00,$1.00"; });
    QTest::newRow("Nasdaq.com downloads") << dir_.filePath("nasdaq") << QStringList();

    writeFolder(dir_.filePath("investing"), prices_, ".csv",
                "\"Date\",\"Price\",\"Open\",\"High\",\"Low\",\"Vol.\",\"Change %\"\r\n", true, [](const Day& d) {
                    return QStringLiteral("\"%1 %2, %3\",\"%4\",\"1,000.00\",\"1,000.00\",\"1,000.00\",\"1.2B\",\"0.50%\"")
                        .arg(monthName(d.date))
                        .arg(d.date.day(), 2, 10, QChar('0'))
                        .arg(d.date.year())
                        .arg(grouped(d.close, ',', '.'));
                });
    QTest::newRow("Investing.com downloads") << dir_.filePath("investing") << QStringList();

    writeFolder(dir_.filePath("european"), prices_, ".csv",
                "Datum;Er\xC3\xB6" "ffnung;Hoch;Tief;Schluss;Volumen\r\n", false, [](const Day& d) {
                    return d.date.toString("dd.MM.yyyy") + ";1,5;1,5;1,5;" + grouped(d.close, '.', ',') + ";1.234.567";
                });
    QTest::newRow("European spreadsheet exports") << dir_.filePath("european")
                                                  << QStringList{"--columns", "date=Datum,close=Schluss"};

    QByteArray longTable = "symbol,date,price\n";
    for (const auto& [stock, days] : prices_)
        for (const Day& d : days)
            longTable += QStringLiteral("%1,%2 %3 %4,%5\n")
                             .arg(stock.toUpper(), monthName(d.date))
                             .arg(d.date.day())
                             .arg(d.date.year())
                             .arg(d.close)
                             .toUtf8();
    writeFixture(dir_.filePath("long.csv"), longTable);
    QTest::newRow("a long table") << dir_.filePath("long.csv") << QStringList();

    std::map<QDate, std::map<QString, QString>> byDate;
    for (const auto& [stock, days] : prices_)
        for (const Day& d : days)
            byDate[d.date][stock] = d.close;
    QByteArray wide = "date";
    for (const auto& [stock, days] : prices_)
        wide += "," + stock.toUpper().toUtf8();
    wide += "\n";
    for (const auto& [date, closes] : byDate) {
        wide += date.toString(Qt::ISODate).toUtf8();
        for (const auto& [stock, days] : prices_)
            wide += closes.count(stock) ? "," + closes.at(stock).toUtf8() : QByteArray(",");
        wide += "\n";
    }
    writeFixture(dir_.filePath("wide.csv"), wide);
    QTest::newRow("a wide table") << dir_.filePath("wide.csv") << QStringList();
}

void TestTableLayouts::sameFiguresInEveryLayout()
{
    QFETCH(QString, source);
    QFETCH(QStringList, options);
    const QString calls = source + ".jsonl";
    const CliRun run = runCli(QStringList{"replay", "--data", source, "--jsonl", calls} + options);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    const QJsonObject summary = summaryOf(run.out);
    for (const char* key : {"records", "rejected", "stocks", "windows", "resolved", "correct"})
        QVERIFY2(summary.value(key) == reference_.value(key), key);
    QFile written(calls);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), referenceCalls_);
}

// Every command that reads --data or --csv takes the table options, and
// names the one it cannot use.
void TestTableLayouts::optionsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    const QString ibm = QStringLiteral(STOCKSTREAM_SAMPLE_DIR "/ibm.us.txt");
    QTest::newRow("replay, an unknown layout") << QStringList{"replay", "--data", ibm, "--layout", "tall"} << "--layout";
    QTest::newRow("replay, columns without roles") << QStringList{"replay", "--data", ibm, "--columns", "Datum"}
                                                   << "--columns";
    QTest::newRow("replay --live with a table option")
        << QStringList{"replay", "--data", ibm, "--live", "--delimiter", ";"} << "not --live";
    QTest::newRow("train, a decimal mark that is none") << QStringList{"train", "--csv", ibm, "--out", "m.json",
                                                                       "--decimal", "x"}
                                                        << "--decimal";
    QTest::newRow("produce, a date format without a day") << QStringList{"produce", "--data", ibm, "--date-format", "%Y"}
                                                          << "--date-format";
}

void TestTableLayouts::optionsRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const CliRun run = runCli(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(error.toUtf8()), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

QTEST_MAIN(TestTableLayouts)
#include "tst_tablelayouts.moc"
