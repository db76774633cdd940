#include "core/model/LogisticModel.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace ss;

namespace {
const QByteArray kValid = R"({"format": "stockstream-logistic/1", "window": 5, "transform": "relative",
  "weights": [0.1, -0.2, 0.3, -0.4], "intercept": 0.01, "regularization": {"penalty": "l2", "C": 1.0},
  "trained_on": {"file": "ibm.us.txt"}, "metrics": {"train": {}, "test": {}}})";
}

class TestLogisticModel : public QObject {
    Q_OBJECT
private slots:
    void loadsSpecExample();
    void refuses_data();
    void refuses();
    void scores();
    void callsUpAsTheProbabilityDoes_data();
    void callsUpAsTheProbabilityDoes();
    void saveRoundTrip();
    void unreadableFile();
};

void TestLogisticModel::loadsSpecExample()
{
    QString error;
    const auto m = LogisticModel::fromJson(kValid, &error);
    QVERIFY2(m, qPrintable(error));
    QCOMPARE(m->window(), 5);
    QCOMPARE(m->transform(), FeatureTransform::Relative);
    QCOMPARE(m->weights(), (std::vector<double>{0.1, -0.2, 0.3, -0.4}));
    QCOMPARE(m->intercept(), 0.01);
    QCOMPARE(m->trainedOn().value("file").toString(), QStringLiteral("ibm.us.txt"));
}

// Each refusal names its cause.
void TestLogisticModel::refuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("why");
    auto with = [](const char* from, const char* to) { return QByteArray(kValid).replace(from, to); };
    QTest::newRow("not JSON") << QByteArray("{\"format\": ") << "not valid JSON";
    QTest::newRow("array") << QByteArray("[1, 2]") << "not valid JSON";
    QTest::newRow("unknown format") << with("stockstream-logistic/1", "stockstream-logistic/9") << "unknown format";
    QTest::newRow("unknown transform") << with("\"relative\"", "\"log\"") << "unknown transform";
    QTest::newRow("too few weights") << with("0.1, -0.2, 0.3, -0.4", "0.1, -0.2") << "do not fit";
    QTest::newRow("raw needs W weights") << with("\"relative\"", "\"raw\"") << "do not fit";
    QTest::newRow("infinite weight") << with("0.1, -0.2", "1e999, -0.2") << "not finite";
    QTest::newRow("infinite intercept") << with("0.01", "-1e400") << "not finite";
    // Beyond these a margin could overflow to ±inf on both sides and be NaN.
    QTest::newRow("weight beyond 1e100") << with("0.1, -0.2", "0.1, -1.01e100") << "beyond";
    QTest::newRow("intercept beyond 1e100") << with("0.01", "2e100") << "beyond";
    QTest::newRow("string weight") << with("0.1, -0.2", "\"0.1\", -0.2") << "not a finite number";
    QTest::newRow("no intercept") << with("\"intercept\": 0.01", "\"icept\": 0.01") << "intercept";
    QTest::newRow("window 1") << with("\"window\": 5", "\"window\": 1") << "window";
    QTest::newRow("window 61") << with("\"window\": 5", "\"window\": 61") << "window";
    QTest::newRow("window 4.5") << with("\"window\": 5", "\"window\": 4.5") << "window";
    QTest::newRow("C zero") << with("\"C\": 1.0", "\"C\": 0") << "C";
}

void TestLogisticModel::refuses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, why);
    QString error;
    QVERIFY(!LogisticModel::fromJson(json, &error));
    QVERIFY2(error.contains(why), qPrintable(error));
}

void TestLogisticModel::scores()
{
    const LogisticModel m(3, FeatureTransform::Raw, {0.5, -1.0, 2.0}, -0.25);
    const double x[] = {1.0, 2.0, 3.0};
    const double margin = -0.25 + 0.5 * 1.0 - 1.0 * 2.0 + 2.0 * 3.0;
    QCOMPARE(m.margin(x), margin);
    QCOMPARE(LogisticModel::probability(margin), 1.0 / (1.0 + std::exp(-margin)));
    QCOMPARE(LogisticModel::probability(0), 0.5);
}

void TestLogisticModel::callsUpAsTheProbabilityDoes_data()
{
    QTest::addColumn<double>("margin");
    for (const double m : {0.0, -0.0, 5e-324, 1e-300, 1e-17, 1.1e-16, 1.2e-16, 2.3e-16, 1e-15, 1e-13, 9.99e-13, 1e-12,
                           1.01e-12, 1e-9, 0.3, 40.0, 800.0})
        for (const double sign : {1.0, -1.0})
            QTest::addRow("%g", sign * m) << sign * m;
    QTest::addRow("inf") << std::numeric_limits<double>::infinity();
    QTest::addRow("-inf") << -std::numeric_limits<double>::infinity();
    // Every margin between 0 and twice the cut-off at which the sign alone decides.
    for (double m = 1e-18; m < 2e-12; m *= 1.5)
        QTest::addRow("near zero %g", m) << m;
}

// The shortcut must agree with SPEC.md's rule, p_up > 0.5, on every margin,
// including those so near zero that p_up rounds to exactly 0.5.
void TestLogisticModel::callsUpAsTheProbabilityDoes()
{
    QFETCH(double, margin);
    QCOMPARE(LogisticModel::callsUp(margin), 1.0 / (1.0 + std::exp(-margin)) > 0.5);
}

void TestLogisticModel::saveRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("m.json");
    LogisticModel m(5, FeatureTransform::Relative, {0.1 / 3, -2e-9, 123456.789, -0.7}, 1.0 / 7);
    m.setRegularizationC(0.25);
    QString error;
    QVERIFY2(m.save(path, &error), qPrintable(error));
    const auto back = LogisticModel::load(path, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->weights(), m.weights());  // bit-exact: numbers round-trip
    QCOMPARE(back->intercept(), m.intercept());
    QCOMPARE(back->regularizationC(), 0.25);
    QCOMPARE(back->sourcePath(), path);
}

void TestLogisticModel::unreadableFile()
{
    QString error;
    QVERIFY(!LogisticModel::load("/nonexistent/model.json", &error));
    QVERIFY2(error.contains("cannot open model"), qPrintable(error));
}

QTEST_MAIN(TestLogisticModel)
#include "tst_logisticmodel.moc"
