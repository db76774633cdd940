// The model panel's words on hand-made model records: the data and its
// parts, the hold-out verdict beside every baseline, and files that record
// less or nothing.
#include "app/panels/HoldOutVerdict.h"
#include "app/panels/ModelDescription.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ss;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(text).object();
}

// A hold-out of 2,810 examples where the model (49.43 %) trails always-up
// (51.03 %), and a training part of 11,244.
const char* kMetrics = R"({
    "test": {"examples": 2810, "accuracy": 0.4943, "accuracy_ci95": [0.4758, 0.5128], "roc_auc": 0.51239,
             "log_loss": 0.69459, "baselines": {"always_up": 0.5103, "always_down": 0.4897, "same_as_last_move": 0.4922}},
    "train": {"examples": 11244, "accuracy": 0.5244, "accuracy_ci95": [0.5151, 0.5336], "roc_auc": 0.5104,
              "log_loss": 0.6920, "baselines": {"always_up": 0.4804, "always_down": 0.5196, "same_as_last_move": 0.5020}}
})";

} // namespace

class TestModelDescription : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void trainedOn_data();
    void trainedOn();
    void holdOutComesFirstBesideTheBaselines();
    void verdictFollowsTheFigures_data();
    void verdictFollowsTheFigures();
    void filesThatRecordNoMetrics_data();
    void filesThatRecordNoMetrics();
};

void TestModelDescription::trainedOn_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("text");
    QTest::newRow("one stock, with a hold-out")
        << QByteArray(R"({"file": "ibm.us.txt", "stock": "ibm.us", "fit_on": "train part", "examples": 11244,
                          "from": "1962-01-02", "to": "2006-09-14", "solver": {"method": "newton"},
                          "hold_out": {"examples": 2810, "fraction": 0.2, "from": "2006-09-08", "to": "2017-11-10"}})")
        << "ibm.us, from ibm.us.txt\nfitted on the train part: 1962-01-02 to 2006-09-14, 11,244 examples\n"
           "hold-out: 2006-09-08 to 2017-11-10, 2,810 examples";
    QTest::newRow("pooled, every example")
        << QByteArray(R"({"file": "sample", "stocks": 28, "fit_on": "all examples", "examples": 1234567,
                          "from": "1962-01-02", "to": "2017-11-10"})")
        << "28 stocks, from sample\nfitted on all examples: 1962-01-02 to 2017-11-10, 1,234,567 examples";
    QTest::newRow("a file alone") << QByteArray(R"({"file": "prices.csv"})") << "prices.csv";
    QTest::newRow("nothing") << QByteArray("{}") << "not recorded";
    QTest::newRow("other facts only") << QByteArray(R"({"note": "by hand"})") << "not recorded";
}

void TestModelDescription::trainedOn()
{
    QFETCH(QByteArray, record);
    QFETCH(QString, text);
    QCOMPARE(ModelDescription::trainedOn(json(record.constData())), text);
}

void TestModelDescription::holdOutComesFirstBesideTheBaselines()
{
    const QString text = ModelDescription::metrics(json(kMetrics));
    const QStringList parts = text.split(QStringLiteral("<br>"));
    QCOMPARE(parts.size(), 3);
    QVERIFY2(parts[0].startsWith(QStringLiteral("<b>Not better than a naive baseline.</b>")), qPrintable(parts[0]));
    QVERIFY2(parts[0].contains(QStringLiteral("always-up")) && parts[0].contains(QStringLiteral("51.03 %")), qPrintable(parts[0]));
    QCOMPARE(parts[1], QStringLiteral("Hold-out: accuracy 49.43 %, always up 51.03 %, always down 48.97 %, same as last "
                                      "move 49.22 %, ROC AUC 0.512, log loss 0.695 (2,810 examples)"));
    QCOMPARE(parts[2], QStringLiteral("Training examples: accuracy 52.44 %, ROC AUC 0.510, log loss 0.692 (11,244 examples)"));
}

void TestModelDescription::verdictFollowsTheFigures_data()
{
    QTest::addColumn<double>("accuracy");
    QTest::addColumn<double>("low");
    QTest::addColumn<QString>("words");
    // The best baseline is always-up at 51.03 %.
    QTest::newRow("behind") << 0.50 << 0.48 << "<b>Not better than a naive baseline.</b>";
    QTest::newRow("ahead, inside the interval") << 0.52 << 0.50 << "<b>Not clearly better than a naive baseline.</b>";
    QTest::newRow("ahead, below the interval") << 0.56 << 0.54 << "<b>Better than all three naive baselines.</b>";
}

void TestModelDescription::verdictFollowsTheFigures()
{
    QFETCH(double, accuracy);
    QFETCH(double, low);
    QFETCH(QString, words);
    QJsonObject metrics = json(kMetrics);
    QJsonObject test = metrics.value("test").toObject();
    test.insert("accuracy", accuracy);
    test.insert("accuracy_ci95", QJsonArray{low, accuracy + (accuracy - low)});
    metrics.insert("test", test);
    const QString text = ModelDescription::metrics(metrics);
    QVERIFY2(text.startsWith(words), qPrintable(text));
    const auto verdict = HoldOutVerdict::fromJson(test);
    QVERIFY(verdict);
    QCOMPARE(verdict->best, HoldOutVerdict::AlwaysUp);
    QCOMPARE(verdict->bestAccuracy, 0.5103);
    QCOMPARE(verdict->examples, std::size_t(2810));
}

void TestModelDescription::filesThatRecordNoMetrics_data()
{
    QTest::addColumn<QByteArray>("metrics");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << QByteArray("{}") << "none recorded";
    QTest::newRow("training figures only")
        << QByteArray(R"({"train": {"examples": 100, "accuracy": 0.55}})") << "Training examples: accuracy 55.00 % (100 examples)";
    // Without its interval the hold-out cannot be judged: its figures are still shown.
    QTest::newRow("hold-out without its interval")
        << QByteArray(R"({"test": {"examples": 10, "accuracy": 0.6, "baselines": {"always_up": 0.5}}})")
        << "Hold-out: accuracy 60.00 %, always up 50.00 % (10 examples)";
}

void TestModelDescription::filesThatRecordNoMetrics()
{
    QFETCH(QByteArray, metrics);
    QFETCH(QString, text);
    QCOMPARE(ModelDescription::metrics(json(metrics.constData())), text);
}

QTEST_MAIN(TestModelDescription)
#include "tst_modeldescription.moc"
