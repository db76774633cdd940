// The replay command's clusters, per-cluster regression and online scorer:
// its flags, and figures of a tiny hand-made dataset that this test works
// out on its own from the closes it wrote.
#include "CliRun.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

namespace {

constexpr int kReturns = 5;  // the feature window

struct Stock {
    QString name;
    int firstDay;
    std::vector<double> closes;  // one a day from firstDay
};

// Closes in eighths, so the files hold them exactly.
std::vector<Stock> handMadeStocks()
{
    std::vector<Stock> stocks = {{"aaa.us", 0, {}}, {"bbb.us", 2, {}}, {"ccc.us", 0, {}}};
    const int lengths[] = {15, 12, 4};
    for (std::size_t s = 0; s < stocks.size(); ++s) {
        double close = 20 + 4 * double(s);
        for (int i = 0; i < lengths[s]; ++i) {
            stocks[s].closes.push_back(close);
            close += double((i * 5 + int(s) * 3) % 7 - 3) / 8;
        }
    }
    return stocks;
}

QDate dateOf(int day)
{
    return QDate(2001, 1, 1).addDays(day);
}

void writeStocks(const QString& folder, const std::vector<Stock>& stocks)
{
    for (const Stock& s : stocks) {
        QFile f(folder + "/" + s.name + ".txt");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Date,Open,High,Low,Close,Volume,OpenInt\r\n");
        for (std::size_t i = 0; i < s.closes.size(); ++i) {
            const QString c = QString::number(s.closes[i], 'f', 3);
            f.write(QStringLiteral("%1,%2,%2,%2,%2,100,0\r\n")
                        .arg(dateOf(s.firstDay + int(i)).toString(Qt::ISODate), c)
                        .toUtf8());
        }
    }
}

QJsonObject summaryOf(const CliRun& run)
{
    return QJsonDocument::fromJson(run.out).object();
}

double returnAt(const Stock& s, std::size_t i)
{
    return s.closes[i] / s.closes[i - 1] - 1;
}

} // namespace

class TestOnlineReplayCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void summaryObjectsOnlyWhenAsked_data();
    void summaryObjectsOnlyWhenAsked();
    void oneClusterByHand();
    void onlineScorerBesideTheStaticModel();
    void sameSeedSameFigures();
    void badValues_data();
    void badValues();
    void help();

private:
    QTemporaryDir dir_;
    QString data_;
    std::vector<Stock> stocks_;
};

void TestOnlineReplayCommand::initTestCase()
{
    QVERIFY(dir_.isValid());
    data_ = dir_.path();
    stocks_ = handMadeStocks();
    writeStocks(data_, stocks_);
}

void TestOnlineReplayCommand::summaryObjectsOnlyWhenAsked_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<bool>("clusters");
    QTest::addColumn<bool>("online");
    QTest::newRow("plain") << QStringList{} << false << false;
    QTest::newRow("clusters") << QStringList{"--clusters", "2"} << true << false;
    QTest::newRow("online") << QStringList{"--online"} << false << true;
    QTest::newRow("both") << QStringList{"--clusters", "2", "--decay", "0.5", "--online"} << true << true;
    QTest::newRow("records batches") << QStringList{"--clusters", "3", "--batch", "7", "--regression", "rls"} << true
                                     << false;
}

void TestOnlineReplayCommand::summaryObjectsOnlyWhenAsked()
{
    QFETCH(QStringList, flags);
    QFETCH(bool, clusters);
    QFETCH(bool, online);
    const CliRun run = runCli(QStringList{"replay", "--data", data_} + flags);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject s = summaryOf(run);
    QCOMPARE(s.value("records").toInteger(), 31);
    QCOMPARE(s.contains("clusters"), clusters);
    QCOMPARE(s.contains("regression"), clusters);
    QCOMPARE(s.contains("online"), online);
}

// One cluster that remembers everything: its centre is the mean of every
// stock's every vector of 5 returns, its weight their number. The
// centre forms at the end of the first day with such a vector; from the
// next day on every vector gets a prediction of the next return, judged
// when the stock's next close comes: beside the baseline (return 0) on
// exactly those.
void TestOnlineReplayCommand::oneClusterByHand()
{
    std::vector<double> centre(kReturns, 0.0);
    int points = 0;
    int firstPointDay = std::numeric_limits<int>::max();
    for (const Stock& s : stocks_) {
        for (std::size_t i = kReturns; i < s.closes.size(); ++i) {
            for (int j = 0; j < kReturns; ++j)
                centre[std::size_t(j)] += returnAt(s, i - kReturns + 1 + std::size_t(j));
            ++points;
            firstPointDay = std::min(firstPointDay, s.firstDay + int(i));
        }
    }
    int predictions = 0, notUp = 0;
    double absolute = 0, squared = 0;
    for (const Stock& s : stocks_) {
        for (std::size_t i = kReturns; i + 1 < s.closes.size(); ++i) {
            if (s.firstDay + int(i) <= firstPointDay)
                continue;
            const double next = returnAt(s, i + 1);
            ++predictions;
            notUp += next <= 0;
            absolute += std::abs(next);
            squared += next * next;
        }
    }
    QVERIFY(points > 10 && predictions > 5 && notUp > 0 && notUp < predictions);

    const CliRun run = runCli({"replay", "--data", data_, "--clusters", "1", "--regression", "rls"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject s = summaryOf(run);
    const QJsonObject clusters = s.value("clusters").toObject();
    QCOMPARE(clusters.value("k").toInt(), 1);
    QCOMPARE(clusters.value("batches").toInt(), 15);  // days 0 .. 14
    QCOMPARE(clusters.value("decay").toDouble(), 1.0);
    QCOMPARE(clusters.value("weights").toArray().at(0).toDouble(), double(points));
    const QJsonArray c = clusters.value("centres").toArray().at(0).toArray();
    QCOMPARE(c.size(), kReturns);
    for (int j = 0; j < kReturns; ++j)
        QVERIFY(std::abs(c.at(j).toDouble() - centre[std::size_t(j)] / points) < 1e-12);
    // aaa and bbb have vectors, ccc (4 closes) never.
    QCOMPARE(clusters.value("stocks").toArray().at(0).toInt(), 2);

    const QJsonObject regression = s.value("regression").toObject();
    QCOMPARE(regression.value("method").toString(), QStringLiteral("rls"));
    QCOMPARE(regression.value("predictions").toInt(), predictions);
    const QJsonObject baseline = regression.value("baseline").toObject();
    QVERIFY(std::abs(baseline.value("mae").toDouble() - absolute / predictions) < 1e-12);
    QVERIFY(std::abs(baseline.value("rmse").toDouble() - std::sqrt(squared / predictions)) < 1e-12);
    QCOMPARE(baseline.value("directional_accuracy").toDouble(), double(notUp) / predictions);
    const QJsonArray perCluster = regression.value("clusters").toArray();
    QCOMPARE(perCluster.size(), 1);
    QCOMPARE(perCluster.at(0).toObject().value("predictions").toInt(), predictions);
    QCOMPARE(perCluster.at(0).toObject().value("weights").toArray().size(), kReturns + 1);
}

// An online scorer that cannot move (SGD, a vanishing step) from the
// model's weights makes the static model's calls: same figures as the
// replay's own, and as the "static" column beside it.
void TestOnlineReplayCommand::onlineScorerBesideTheStaticModel()
{
    const CliRun run = runCli({"replay", "--data", data_, "--online", "--online-update", "sgd", "--online-step",
                               "1e-300"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject s = summaryOf(run);
    const QJsonObject online = s.value("online").toObject();
    for (const QJsonObject& scorer : {online, online.value("static").toObject()}) {
        for (const char* key : {"windows", "resolved", "correct"})
            QCOMPARE(scorer.value(key).toInteger(), s.value(key).toInteger());
        QCOMPARE(scorer.value("baselines").toObject(), s.value("baselines").toObject());
    }
    QCOMPARE(online.value("start").toString(), QStringLiteral("model"));
    QCOMPARE(online.value("scope").toString(), QStringLiteral("global"));
    QCOMPARE(online.value("weights").toArray().size(), 5);
}

void TestOnlineReplayCommand::sameSeedSameFigures()
{
    const QStringList args{"replay", "--data", data_, "--clusters", "2", "--mini-batch-fraction", "0.5",
                           "--half-life", "3", "--online", "--online-scope", "stock"};
    const QJsonObject a = summaryOf(runCli(args));
    const QJsonObject b = summaryOf(runCli(args));
    QVERIFY(a.contains("clusters"));
    for (const char* key : {"clusters", "regression", "online"})
        QCOMPARE(a.value(key), b.value(key));
    QCOMPARE(a.value("clusters").toObject().value("half_life").toDouble(), 3.0);
    QCOMPARE(a.value("clusters").toObject().value("decay").toDouble(), std::pow(0.5, 1.0 / 3));
}

void TestOnlineReplayCommand::badValues_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("message");
    QTest::newRow("no clusters") << QStringList{"--clusters", "0"} << "--clusters";
    QTest::newRow("clusters not a number") << QStringList{"--clusters", "many"} << "--clusters";
    QTest::newRow("too many clusters") << QStringList{"--clusters", "5000"} << "clusters must be from 1 to 1000";
    QTest::newRow("decay above 1") << QStringList{"--clusters", "2", "--decay", "1.5"} << "decay";
    QTest::newRow("decay below 0") << QStringList{"--clusters", "2", "--decay", "-0.1"} << "decay";
    QTest::newRow("decay not a number") << QStringList{"--clusters", "2", "--decay", "half"} << "--decay";
    QTest::newRow("decay without clusters") << QStringList{"--decay", "0.5"} << "--decay needs --clusters";
    QTest::newRow("decay and half-life") << QStringList{"--clusters", "2", "--decay", "0.5", "--half-life", "3"}
                                         << "exclude each other";
    QTest::newRow("half-life 0") << QStringList{"--clusters", "2", "--half-life", "0"} << "half-life";
    QTest::newRow("half-life inf") << QStringList{"--clusters", "2", "--half-life", "inf"} << "half-life";
    QTest::newRow("batch 0") << QStringList{"--clusters", "2", "--batch", "0"} << "--batch";
    QTest::newRow("batch week") << QStringList{"--clusters", "2", "--batch", "week"} << "--batch";
    QTest::newRow("regression ols") << QStringList{"--clusters", "2", "--regression", "ols"} << "sgd|rls";
    QTest::newRow("step 0") << QStringList{"--clusters", "2", "--step", "0"} << "step size";
    QTest::newRow("step nan") << QStringList{"--clusters", "2", "--step", "nan"} << "step size";
    QTest::newRow("fraction 0") << QStringList{"--clusters", "2", "--mini-batch-fraction", "0"} << "fraction";
    QTest::newRow("fraction 2") << QStringList{"--clusters", "2", "--mini-batch-fraction", "2"} << "fraction";
    QTest::newRow("iterations 0") << QStringList{"--clusters", "2", "--iterations", "0"} << "--iterations";
    QTest::newRow("seed negative") << QStringList{"--clusters", "2", "--seed", "-1"} << "--seed";
    QTest::newRow("step without clusters") << QStringList{"--step", "0.1"} << "--step needs --clusters";
    QTest::newRow("online start") << QStringList{"--online", "--online-start", "random"} << "model|zero";
    QTest::newRow("online update") << QStringList{"--online", "--online-update", "adam"} << "sgd|newton";
    QTest::newRow("online scope") << QStringList{"--online", "--online-scope", "cluster"} << "global|stock";
    QTest::newRow("online step 0") << QStringList{"--online", "--online-step", "0"} << "online step";
    QTest::newRow("online flag alone") << QStringList{"--online-scope", "stock"} << "needs --online";
}

void TestOnlineReplayCommand::badValues()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, message);
    QStringList args{"replay"};
    if (!flags.contains("--data"))
        args << "--data" << data_;
    const CliRun run = runCli(args + flags);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(run.err.trimmed().split('\n').size(), 1);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
}

void TestOnlineReplayCommand::help()
{
    const CliRun run = runCli({"replay", "--help"});
    QCOMPARE(run.exitCode, 0);
    for (const char* flag : {"--clusters", "--decay", "--half-life", "--batch", "--regression", "--step",
                             "--mini-batch-fraction", "--online", "--online-start"})
        QVERIFY2(run.out.contains(flag), flag);
}

QTEST_MAIN(TestOnlineReplayCommand)
#include "tst_onlinereplaycommand.moc"
