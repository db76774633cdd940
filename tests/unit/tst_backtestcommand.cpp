// The replay command's --backtest: its flags, the summary's block and the
// per-stock CSV, checked against returns this test compounds on its own
// from the calls and closes of the run's --jsonl export; and the same
// block from a live feed of the same ticks.
#include "CliRun.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <cmath>
#include <map>

namespace {

constexpr double kCostBps = 10;
const QStringList kStrategies{"long_flat", "long_short", "buy_and_hold"};

// Three stocks on different calendars: one trades every day, one every
// other day, one starts late. Closes in halves, so the files hold them
// exactly, and moves large enough for the model to call both ways.
void writeStocks(const QString& folder)
{
    const struct {
        const char* name;
        int firstDay, step, days;
    } stocks[] = {{"aaa.us", 0, 1, 80}, {"bbb.us", 0, 2, 40}, {"ccc.us", 20, 1, 50}};
    for (std::size_t s = 0; s < std::size(stocks); ++s) {
        QFile f(folder + "/" + stocks[s].name + ".txt");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Date,Open,High,Low,Close,Volume,OpenInt\r\n");
        double close = 30 + 5 * double(s);
        for (int i = 0; i < stocks[s].days; ++i) {
            const QString c = QString::number(close, 'f', 3);
            const QDate date = QDate(2003, 3, 3).addDays(stocks[s].firstDay + i * stocks[s].step);
            f.write(QStringLiteral("%1,%2,%2,%2,%2,100,0\r\n").arg(date.toString(Qt::ISODate), c).toUtf8());
            close += double((i * 7 + int(s) * 3) % 11 - 5) / 2;
        }
    }
}

int position(const QString& strategy, bool up)
{
    if (strategy == "buy_and_hold")
        return 1;
    return up ? 1 : (strategy == "long_short" ? -1 : 0);
}

// A strategy's net returns period by period, with its calls, exposed calls and trades.
struct Series {
    std::vector<double> nets;
    int calls = 0, exposed = 0, trades = 0;
};

double totalReturn(const std::vector<double>& nets)
{
    double equity = 1;
    for (const double n : nets)
        equity *= 1 + n;
    return equity - 1;
}

double sharpe(const std::vector<double>& nets)
{
    double mean = 0;
    for (const double n : nets)
        mean += n / double(nets.size());
    double squares = 0;
    for (const double n : nets)
        squares += (n - mean) * (n - mean);
    return mean / std::sqrt(squares / double(nets.size() - 1)) * std::sqrt(252.0);
}

void compareClose(double actual, double expected, const QString& what)
{
    QVERIFY2(std::abs(actual - expected) <= 1e-9 * std::max(1.0, std::abs(expected)),
             qPrintable(QStringLiteral("%1: %2 against %3").arg(what).arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17)));
}

} // namespace

class TestBacktestCommand : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void figuresFromTheExportedCalls();
    void noBlockUnlessAsked();
    void liveFeedGivesTheSameBlock();
    void badFlags_data();
    void badFlags();
    void csvThatCannotBeWritten();

private:
    QTemporaryDir dir_;
    QString data_;
};

void TestBacktestCommand::initTestCase()
{
    QVERIFY(dir_.isValid());
    data_ = dir_.filePath("data");
    QVERIFY(QDir().mkpath(data_));
    writeStocks(data_);
}

void TestBacktestCommand::figuresFromTheExportedCalls()
{
    const QString jsonl = dir_.filePath("calls.jsonl"), csv = dir_.filePath("backtest.csv");
    const CliRun run = runCli({"replay", "--data", data_, "--backtest", "--cost-bps", QString::number(kCostBps),
                               "--jsonl", jsonl, "--backtest-csv", csv});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject backtest = summaryOf(run.out).value("backtest").toObject();
    QCOMPARE(backtest.value("cost_bps").toDouble(), kCostBps);
    QCOMPARE(backtest.value("stocks").toInt(), 3);

    // Each stock's calls in time order, from the export: n1 is the close a
    // call was made at, and the stock's next call's n1 its next close.
    QFile file(jsonl);
    QVERIFY(file.open(QIODevice::ReadOnly));
    std::map<QString, std::map<QString, QJsonObject>> calls;  // stock -> date -> record
    while (!file.atEnd()) {
        const QJsonObject record = QJsonDocument::fromJson(file.readLine()).object();
        calls[record.value("stock").toString()][record.value("date").toString()] = record;
    }
    QCOMPARE(calls.size(), std::size_t(3));

    std::map<QString, std::map<QString, Series>> stocks;        // strategy -> stock -> series
    std::map<QString, std::map<QString, std::vector<double>>> days;  // strategy -> resolution date -> nets
    std::map<QString, Series> portfolio;
    for (const auto& [stock, history] : calls) {
        for (const QString& strategy : kStrategies) {
            Series& series = stocks[strategy][stock];
            int held = 0;
            for (auto it = history.begin(); std::next(it) != history.end(); ++it) {
                const QJsonObject& call = it->second;
                const QJsonObject& next = std::next(it)->second;
                QVERIFY(!call.value("actual").isNull());
                const double r = next.value("n1").toDouble() / call.value("n1").toDouble() - 1;
                const int p = position(strategy, call.value("prediction").toDouble() == 1.0);
                const double net = p * r - std::abs(p - held) * kCostBps / 10000;
                series.nets.push_back(net);
                ++series.calls;
                series.exposed += p != 0;
                series.trades += p != held;
                held = p;
                days[strategy][next.value("date").toString()].push_back(net);
            }
            QVERIFY(history.rbegin()->second.value("actual").isNull());
            portfolio[strategy].calls += series.calls;
            portfolio[strategy].exposed += series.exposed;
            portfolio[strategy].trades += series.trades;
        }
    }
    for (const QString& strategy : kStrategies) {
        for (const auto& [date, nets] : days[strategy]) {
            double sum = 0;
            for (const double n : nets)
                sum += n;
            portfolio[strategy].nets.push_back(sum / double(nets.size()));
        }
    }

    const QJsonObject figures = backtest.value("portfolio").toObject();
    for (const QString& strategy : kStrategies) {
        const QJsonObject f = figures.value(strategy).toObject();
        const Series& p = portfolio[strategy];
        compareClose(f.value("total_return").toDouble(), totalReturn(p.nets), strategy + " total_return");
        compareClose(f.value("sharpe").toDouble(), sharpe(p.nets), strategy + " sharpe");
        compareClose(f.value("exposure").toDouble(), double(p.exposed) / p.calls, strategy + " exposure");
        QCOMPARE(f.value("periods").toInt(), int(p.nets.size()));
        QCOMPARE(f.value("trades").toInt(), p.trades);
    }

    // The CSV: a header, then a row per stock and strategy.
    QFile table(csv);
    QVERIFY(table.open(QIODevice::ReadOnly));
    QCOMPARE(table.readLine().trimmed(),
             QByteArray("stock,strategy,total_return,cagr,volatility,sharpe,max_drawdown,exposure,trades,periods"));
    int rows = 0, beating = 0;
    std::map<QString, double> longFlat, held;
    while (!table.atEnd()) {
        const QList<QByteArray> row = table.readLine().trimmed().split(',');
        QCOMPARE(row.size(), 10);
        const QString stock = row[0], strategy = row[1];
        const Series& s = stocks[strategy][stock];
        compareClose(row[2].toDouble(), totalReturn(s.nets), stock + " " + strategy + " total_return");
        compareClose(row[5].toDouble(), sharpe(s.nets), stock + " " + strategy + " sharpe");
        QCOMPARE(row[8].toInt(), s.trades);
        QCOMPARE(row[9].toInt(), int(s.nets.size()));
        (strategy == "long_flat" ? longFlat : held)[stock] = totalReturn(s.nets);
        ++rows;
    }
    QCOMPARE(rows, 9);
    for (const auto& [stock, r] : longFlat)
        beating += r > held[stock];
    QCOMPARE(backtest.value("stocks_beating_buy_and_hold").toInt(), beating);
}

void TestBacktestCommand::noBlockUnlessAsked()
{
    const CliRun run = runCli({"replay", "--data", data_});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!summaryOf(run.out).contains("backtest"));
}

void TestBacktestCommand::liveFeedGivesTheSameBlock()
{
    const QStringList flags{"--backtest", "--cost-bps", "2.5"};
    const CliRun replay = runCli(QStringList{"replay", "--data", data_} + flags);
    QCOMPARE(replay.exitCode, 0);
    const CliRun ticks = runCli({"produce", "--data", data_, "--to", "-"});
    QCOMPARE(ticks.exitCode, 0);
    const CliRun live = runCli(QStringList{"replay", "--data", "-", "--live"} + flags, ticks.out);
    QCOMPARE(live.exitCode, 0);
    const QJsonObject expected = summaryOf(replay.out).value("backtest").toObject();
    QVERIFY(expected.value("portfolio").toObject().value("long_flat").toObject().value("periods").toInt() > 50);
    QCOMPARE(summaryOf(live.out).value("backtest").toObject(), expected);
}

void TestBacktestCommand::badFlags_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("message");
    QTest::newRow("cost without backtest") << QStringList{"--cost-bps", "5"} << "--cost-bps needs --backtest";
    QTest::newRow("csv without backtest") << QStringList{"--backtest-csv", "x.csv"} << "--backtest-csv needs --backtest";
    QTest::newRow("negative cost") << QStringList{"--backtest", "--cost-bps", "-1"} << "--cost-bps takes";
    QTest::newRow("csv to standard output") << QStringList{"--backtest", "--backtest-csv", "-"}
                                            << "--backtest-csv takes a file";
    QTest::newRow("cost not a number") << QStringList{"--backtest", "--cost-bps", "five"} << "--cost-bps takes";
}

void TestBacktestCommand::badFlags()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, message);
    const CliRun run = runCli(QStringList{"replay", "--data", data_} + flags);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TestBacktestCommand::csvThatCannotBeWritten()
{
    const CliRun run = runCli({"replay", "--data", data_, "--backtest", "--backtest-csv",
                               dir_.filePath("no-such-folder/backtest.csv")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("cannot write"), run.err.constData());
}

QTEST_MAIN(TestBacktestCommand)
#include "tst_backtestcommand.moc"
