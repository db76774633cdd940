#include "core/model/LogisticModel.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run train(const QStringList& arguments)
{
    QProcess p;
    p.start(QStringLiteral(STOCKSTREAM_CLI), QStringList{"train"} + arguments);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// A ticker file of closes that rise and fall irregularly, one a day.
QByteArray tickerFile(int rows, const QByteArray& extraRow = {})
{
    QByteArray bytes = "Date,Open,High,Low,Close,Volume,OpenInt\r\n";
    for (int i = 0; i < rows; ++i) {
        const QByteArray date = QStringLiteral("2001-%1-%2")
                                    .arg(1 + i / 28, 2, 10, QLatin1Char('0'))
                                    .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                                    .toLatin1();
        bytes += date + ",1,1,1," + QByteArray::number(10 + (i * 7 % 11) * 0.25) + ",100,0\r\n";
        if (i == rows / 2 && !extraRow.isEmpty())
            bytes += extraRow;
    }
    return bytes;
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(bytes);
    return f.fileName();
}

} // namespace

class TestTrainCommand : public QObject {
    Q_OBJECT
private slots:
    void help();
    void trainsOnIbm();
    void rejectedRowsAreCountedNotFatal();
    void poolsSeveralStocksWithoutHoldOut();
    void refusals_data();
    void refusals();
};

void TestTrainCommand::help()
{
    const Run r = train({"--help"});
    QCOMPARE(r.exitCode, 0);
    // QCommandLineParser lists a one-letter option as -C; --C works as well.
    for (const char* option : {"--csv", "--out", "--window", "--transform", "-C <C>", "--test-fraction"})
        QVERIFY2(r.out.contains(option), option);
}

void TestTrainCommand::trainsOnIbm()
{
    QTemporaryDir dir;
    const QString model = dir.filePath("m.json");
    const Run r = train({"--csv", STOCKSTREAM_SAMPLE_DIR "/ibm.us.txt", "--out", model, "--transform", "raw"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count('\n'), 1);
    const QJsonObject result = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(result.value("transform").toString(), QStringLiteral("raw"));
    QCOMPARE(result.value("fit_on").toString(), QStringLiteral("train part"));
    const QJsonObject test = result.value("test").toObject();
    for (const char* key : {"accuracy", "accuracy_ci95", "precision", "recall", "roc_auc", "log_loss", "brier",
                            "confusion_matrix"})
        QVERIFY2(test.contains(key), key);
    const QJsonObject baselines = test.value("baselines").toObject();
    for (const char* key : {"always_up", "always_down", "same_as_last_move"})
        QVERIFY2(baselines.value(key).isDouble(), key);
    QVERIFY(result.value("train").isObject());

    QString error;
    const auto loaded = LogisticModel::load(model, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->weights().size(), std::size_t(5));
    QCOMPARE(loaded->intercept(), result.value("intercept").toDouble());
}

// NaN and non-positive closes are refused by the reader, as in a replay, and
// the fit goes on with the rest.
void TestTrainCommand::rejectedRowsAreCountedNotFatal()
{
    QTemporaryDir dir;
    const QString csv = write(dir, "x.us.txt", tickerFile(200, "2001-04-30,1,1,1,nan,100,0\r\n"));
    const Run r = train({"--csv", csv, "--out", dir.filePath("m.json")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.contains("1 line(s) rejected"));
    const QJsonObject result = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(result.value("rejected").toInt(), 1);
    QCOMPARE(result.value("examples").toInt(), 195);
}

// A folder of two ticker files: one fit on both stocks' examples.
void TestTrainCommand::poolsSeveralStocksWithoutHoldOut()
{
    QTemporaryDir dir;
    write(dir, "a.us.txt", tickerFile(60));
    write(dir, "b.us.txt", tickerFile(40));
    const Run r = train({"--csv", dir.path(), "--out", dir.filePath("m.json"), "--test-fraction", "0"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject result = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(result.value("stocks").toInt(), 2);
    QCOMPARE(result.value("examples").toInt(), 55 + 35);
    QCOMPARE(result.value("fit_on").toString(), QStringLiteral("all examples"));
    QVERIFY(!result.contains("test"));
}

void TestTrainCommand::refusals_data()
{
    // The --csv file's bytes; "MISSING": a path to nothing; "NONE": no --csv.
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("why");
    const QByteArray ok = tickerFile(100);
    QByteArray constant = "Date,Open,High,Low,Close,Volume,OpenInt\r\n";
    for (int i = 1; i <= 28; ++i)
        constant += QStringLiteral("2001-02-%1,1,1,1,5.5,100,0\r\n").arg(i, 2, 10, QLatin1Char('0')).toLatin1();
    const QByteArray twoStocks = "Date,Open,High,Low,Close,Volume,OpenInt,Stock\r\n"
                                 "2001-01-02,1,1,1,2,10,0,a.us\r\n2001-01-02,1,1,1,3,10,0,b.us\r\n";

    QTest::newRow("no --csv") << QByteArray("NONE") << QStringList{} << 2 << "needs --csv";
    QTest::newRow("window not a number") << ok << QStringList{"--window", "five"} << 2 << "--window";
    QTest::newRow("window 1") << ok << QStringList{"--window", "1"} << 2 << "from 2 to 60";
    QTest::newRow("window 61") << ok << QStringList{"--window", "61"} << 2 << "from 2 to 60";
    QTest::newRow("C 0") << ok << QStringList{"--C", "0"} << 2 << "C must be";
    QTest::newRow("C negative") << ok << QStringList{"--C", "-2"} << 2 << "C must be";
    QTest::newRow("C nan") << ok << QStringList{"--C", "nan"} << 2 << "C";
    QTest::newRow("fraction 1") << ok << QStringList{"--test-fraction", "1"} << 2 << "test fraction";
    QTest::newRow("fraction negative") << ok << QStringList{"--test-fraction", "-0.5"} << 2 << "test fraction";
    QTest::newRow("unknown transform") << ok << QStringList{"--transform", "log"} << 2 << "raw or relative";
    QTest::newRow("too few closes") << tickerFile(5) << QStringList{} << 1 << "at least 6";
    QTest::newRow("empty file") << QByteArray() + "\n" << QStringList{} << 1 << "no closes";
    QTest::newRow("constant series") << constant << QStringList{} << 1 << "labelled down";
    QTest::newRow("two stocks with a hold-out") << twoStocks << QStringList{} << 1 << "test fraction of 0";
    QTest::newRow("missing file") << QByteArray("MISSING") << QStringList{} << 1 << "cannot open";
    QTest::newRow("unwritable model") << ok << QStringList{"--out", "/nonexistent-folder/m.json"} << 1
                                      << "cannot write model";
}

void TestTrainCommand::refusals()
{
    QFETCH(QByteArray, file);
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QString, why);
    QTemporaryDir dir;
    const QString model = dir.filePath("m.json");
    QStringList arguments = options;
    if (file != "NONE")
        arguments += QStringList{"--csv", file == "MISSING" ? dir.filePath("missing.txt") : write(dir, "x.us.txt", file)};
    if (!arguments.contains("--out"))
        arguments += QStringList{"--out", model};
    const Run r = train(arguments);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(why), r.err.constData());
    QVERIFY(!QFile::exists(model));
}

QTEST_MAIN(TestTrainCommand)
#include "tst_traincommand.moc"
