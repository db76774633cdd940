// The lean prediction log against what the log kept before it stored each
// close once: the sample's runs (plain, and with online data) export byte
// for byte as tests/reference/export holds them (made by that version, with
// make_reference.sh); a full run costs few bytes a call on disk; and the
// trading columns come after every other field, their net returns
// compounding to the backtest's own total return for each stock.
#include "CliRun.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QTemporaryDir>
#include <QTest>

#include <map>

namespace {

const QString kReference = QStringLiteral(STOCKSTREAM_EXPORT_REFERENCE);
const QString kSample = QStringLiteral(STOCKSTREAM_SAMPLE_DIR);

// What a full run may cost on disk, database and journal together.
constexpr double kMaxBytesPerCall = 40;

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject summaryOf(const CliRun& run)
{
    return QJsonDocument::fromJson(run.out).object();
}

} // namespace

class TestExportReference : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void exportsAsTheReference_data();
    void exportsAsTheReference();
    void fewBytesPerCall();
    void tradingColumnsComeLast_data();
    void tradingColumnsComeLast();
    void netReturnsCompoundToTheBacktest_data();
    void netReturnsCompoundToTheBacktest();
    void refusesBadTradingOptions_data();
    void refusesBadTradingOptions();

private:
    QString path(const QString& name) const { return dir_.filePath(name); }
    QByteArray exported(qint64 run, const QString& format, const QStringList& extra = {});

    QTemporaryDir dir_;
    QString db_;
    qint64 plainWindows_ = 0;
    qint64 plainBytes_ = 0;
};

void TestExportReference::initTestCase()
{
    QVERIFY(dir_.isValid());
    if (QDir(kSample).entryList(QDir::Files).size() != 31)
        QSKIP("the reference was made from the 31-file sample beside the repository");
    // As make_reference.sh logs them: a plain run, then one with online data.
    db_ = path("log.sqlite");
    const CliRun plain = runCli({"replay", "--data", kSample, "--db", db_});
    QVERIFY2(plain.exitCode == 0, plain.err.constData());
    plainWindows_ = summaryOf(plain).value("windows").toInteger();
    plainBytes_ = QFileInfo(db_).size() + QFileInfo(db_ + "-wal").size();
    const CliRun online = runCli({"replay", "--data", kSample, "--db", db_, "--clusters", "3", "--online"});
    QVERIFY2(online.exitCode == 0, online.err.constData());
}

QByteArray TestExportReference::exported(qint64 run, const QString& format, const QStringList& extra)
{
    const QString out = path(QStringLiteral("run%1.%2").arg(run).arg(format));
    const CliRun r = runCli(QStringList{"export", "--db", db_, "--run", QString::number(run), "--format", format,
                                        "--out", out}
                            + extra);
    if (r.exitCode != 0)
        qWarning("%s", r.err.constData());
    const QByteArray bytes = readAll(out);
    QFile::remove(out);
    return bytes;
}

void TestExportReference::exportsAsTheReference_data()
{
    QTest::addColumn<qint64>("run");
    QTest::addColumn<QString>("format");
    for (const qint64 run : {1, 2})
        for (const char* format : {"jsonl", "csv"})
            QTest::addRow("run %lld, %s", run, format) << run << QString::fromLatin1(format);
}

void TestExportReference::exportsAsTheReference()
{
    QFETCH(qint64, run);
    QFETCH(QString, format);
    const QString name = QStringLiteral("run%1.%2").arg(run).arg(format);
    QByteArray expected;
    for (const QByteArray& line : readAll(kReference + "/sample.sha256").split('\n'))
        if (line.endsWith("  " + name.toLatin1()))
            expected = line.left(64);
    QCOMPARE(expected.size(), 64);
    const QByteArray whole = exported(run, format);
    QVERIFY(whole.size() > 10'000'000);
    QCOMPARE(QCryptographicHash::hash(whole, QCryptographicHash::Sha256).toHex(), expected);

    // One stock's year, read by the per-stock path, kept whole to compare.
    QCOMPARE(exported(run, format, {"--stock", "ibm.us", "--from", "2000-01-01", "--to", "2000-12-31"}),
             readAll(kReference + QStringLiteral("/run%1-ibm-2000.%2").arg(run).arg(format)));
}

void TestExportReference::fewBytesPerCall()
{
    QVERIFY(plainWindows_ > 300'000);
    const double perCall = static_cast<double>(plainBytes_) / static_cast<double>(plainWindows_);
    qInfo("%lld bytes for %lld calls: %.1f bytes a call", plainBytes_, plainWindows_, perCall);
    QVERIFY2(perCall <= kMaxBytesPerCall, qPrintable(QString::number(perCall)));
}

void TestExportReference::tradingColumnsComeLast_data()
{
    QTest::addColumn<qint64>("run");
    QTest::addColumn<QString>("format");
    for (const qint64 run : {1, 2})
        for (const char* format : {"jsonl", "csv"})
            QTest::addRow("run %lld, %s", run, format) << run << QString::fromLatin1(format);
}

// Every record is the record without the columns, then the two columns:
// SPEC.md's fields and the online ones keep their bytes and places.
void TestExportReference::tradingColumnsComeLast()
{
    QFETCH(qint64, run);
    QFETCH(QString, format);
    const QStringList range{"--stock", "ibm.us", "--from", "2000-01-01", "--to", "2000-12-31"};
    const QByteArrayList plain = exported(run, format, range).split('\n');
    const QByteArrayList traded =
        exported(run, format, range + QStringList{"--backtest", "long_short", "--cost-bps", "5"}).split('\n');
    QVERIFY(plain.size() > 200);
    QCOMPARE(traded.size(), plain.size());
    const bool csv = format == "csv";
    if (csv)
        QCOMPARE(traded.front(), plain.front().chopped(1) + ",position,net_return\r");
    for (qsizetype i = csv ? 1 : 0; i < plain.size(); ++i) {
        if (plain[i].isEmpty()) {
            QVERIFY(traded[i].isEmpty());
            continue;
        }
        const QByteArray end = csv ? "\r" : "}";
        const QByteArray head = plain[i].chopped(end.size());
        QVERIFY2(traded[i].startsWith(head), traded[i].constData());
        const QByteArray added = traded[i].mid(head.size());
        QVERIFY2(csv ? added.startsWith(",1,") || added.startsWith(",-1,")
                     : added.startsWith(", \"position\": 1, \"net_return\": ")
                           || added.startsWith(", \"position\": -1, \"net_return\": "),
                 added.constData());
        QVERIFY(added.endsWith(end));
    }
}

void TestExportReference::netReturnsCompoundToTheBacktest_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QString>("cost");
    QTest::newRow("long/flat at 10 bps") << "long_flat" << "10";
    QTest::newRow("long/short at 5 bps") << "long_short" << "5";
    QTest::newRow("buy-and-hold at nothing") << "buy_and_hold" << "0";
}

// The exported net returns of each stock, compounded here call by call,
// are the total return the backtest reports for that stock and strategy.
void TestExportReference::netReturnsCompoundToTheBacktest()
{
    QFETCH(QString, strategy);
    QFETCH(QString, cost);
    const QString db = path("backtest.sqlite");
    QFile::remove(db);
    const QString figures = path("figures.csv");
    const CliRun replay = runCli({"replay", "--data", kSample, "--db", db, "--backtest", "--cost-bps", cost,
                                  "--backtest-csv", figures});
    QVERIFY2(replay.exitCode == 0, replay.err.constData());
    std::map<QByteArray, double> expected;
    for (const QByteArray& line : readAll(figures).split('\n')) {
        const QByteArrayList fields = line.split(',');
        if (fields.size() > 2 && fields[1] == strategy.toLatin1())
            expected[fields[0]] = fields[2].toDouble();
    }
    QVERIFY(expected.size() >= 29);

    const QString out = path("traded.jsonl");
    const CliRun r = runCli({"export", "--db", db, "--format", "jsonl", "--out", out, "--backtest", strategy,
                             "--cost-bps", cost});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    std::map<QByteArray, double> equity;
    std::map<QByteArray, int> open;
    for (const QByteArray& line : readAll(out).split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        const QByteArray stock = record.value("stock").toString().toUtf8();
        const QJsonValue net = record.value("net_return");
        QVERIFY(record.contains("position"));
        if (net.isNull()) {
            QVERIFY(record.value("actual").isNull());
            ++open[stock];
            continue;
        }
        auto [it, first] = equity.try_emplace(stock, 1.0);
        it->second *= 1 + net.toDouble();
    }
    QCOMPARE(equity.size(), expected.size());
    for (const auto& [stock, total] : expected) {
        QVERIFY2(equity.count(stock), stock.constData());
        QCOMPARE(equity[stock] - 1, total);
        QCOMPARE(open[stock], 1);  // the last call of each stock, still open at the end
    }
}

void TestExportReference::refusesBadTradingOptions_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no strategy") << QStringList{"--backtest", "momentum"} << QByteArray("--backtest takes long_flat");
    QTest::newRow("negative cost") << QStringList{"--backtest", "long_flat", "--cost-bps", "-1"}
                                   << QByteArray("--cost-bps takes a number of basis points from 0");
    QTest::newRow("cost alone") << QStringList{"--cost-bps", "5"} << QByteArray("--cost-bps needs --backtest");
}

void TestExportReference::refusesBadTradingOptions()
{
    QFETCH(QStringList, options);
    QFETCH(QByteArray, message);
    const CliRun r = runCli(QStringList{"export", "--db", db_, "--format", "csv", "--out", path("bad.csv")} + options);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), r.err.constData());
    QVERIFY(!QFile::exists(path("bad.csv")));
}

QTEST_MAIN(TestExportReference)
#include "tst_exportreference.moc"
