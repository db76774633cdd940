// SPEC.md's prediction record as text: the exact JSON line and CSV row,
// numbers that read back to the same double, and escaping of any name.
#include "core/storage/PredictionRecord.h"

#include <QTest>

#include <charconv>
#include <cmath>
#include <limits>

using namespace ss;

namespace {

PredictionRecord record(std::string stock, Timestamp time, std::vector<double> window, FeatureTransform transform,
                        double margin, std::optional<bool> actual)
{
    PredictionRecord r;
    r.stock = std::move(stock);
    r.time = time;
    r.setWindow(window.data(), static_cast<int>(window.size()), transform);
    r.margin = margin;
    r.pUp = 1.0 / (1.0 + std::exp(-margin));
    r.up = r.pUp > 0.5;
    r.actual = actual;
    return r;
}

} // namespace

class TestPredictionRecord : public QObject {
    Q_OBJECT

private slots:
    void jsonLine_data();
    void jsonLine();
    void numbersReadBackExactly_data();
    void numbersReadBackExactly();
    void csvRow_data();
    void csvRow();
    void csvHeader();
    void onlineFieldsFollowSpecs_data();
    void onlineFieldsFollowSpecs();
    void csvHeaderWithOnlineColumns();
};

void TestPredictionRecord::jsonLine_data()
{
    QTest::addColumn<QByteArray>("stock");
    QTest::addColumn<qint64>("time");
    QTest::addColumn<QByteArray>("expected");
    const Timestamp day = timestamp::fromCivil(1970, 2, 26);
    // margin 0.5: -m, m, 1-p and p written out by hand below.
    QTest::newRow("daily, the SPEC's example") << QByteArray("mcd.us") << qint64{day}
        << QByteArray(R"({"stock": "mcd.us", "date": "1970-02-26", "n3": 0.29161, "n2": 0.2838, "n1": 4, )"
                      R"("features": [0.29161, 0.2838, 4], "rawPrediction": [-0.5, 0.5], )"
                      R"("probability": [0.3775406687981454, 0.6224593312018546], "prediction": 1.0, "actual": 0})");
    QTest::newRow("intraday, a name to escape") << QByteArray("a\"b\\c\x01.us") << qint64{day + 3600 * 9 + 30}
        << QByteArray(R"({"stock": "a\"b\\c\u0001.us", "date": "1970-02-26T09:00:30", "n3": 0.29161, )"
                      R"("n2": 0.2838, "n1": 4, "features": [0.29161, 0.2838, 4], "rawPrediction": [-0.5, 0.5], )"
                      R"("probability": [0.3775406687981454, 0.6224593312018546], "prediction": 1.0, "actual": 0})");
}

void TestPredictionRecord::jsonLine()
{
    QFETCH(QByteArray, stock);
    QFETCH(qint64, time);
    QFETCH(QByteArray, expected);
    const PredictionRecord r = record(stock.toStdString(), time, {0.29161, 0.2838, 4.0}, FeatureTransform::Raw, 0.5,
                                      false);
    std::string out;
    r.appendJson(out);
    QCOMPARE(QByteArray::fromStdString(out), expected);
}

void TestPredictionRecord::numbersReadBackExactly_data()
{
    QTest::addColumn<double>("value");
    QTest::newRow("a price") << 0.29161;
    QTest::newRow("a third") << 1.0 / 3.0;
    QTest::newRow("huge") << 1.4e9 + 0.123;
    QTest::newRow("tiny") << 1e-300;
    QTest::newRow("denormal") << std::numeric_limits<double>::denorm_min();
    QTest::newRow("negative") << -0.1 - 0.2;
}

void TestPredictionRecord::numbersReadBackExactly()
{
    QFETCH(double, value);
    const PredictionRecord r = record("x.us", 0, {value, 1.0}, FeatureTransform::Raw, value, std::nullopt);
    std::string out;
    r.appendJson(out);
    const std::string key = "\"n2\": ";
    const auto at = out.find(key) + key.size();
    double parsed = 0;
    std::from_chars(out.data() + at, out.data() + out.size(), parsed);
    QCOMPARE(parsed, value);
    QVERIFY(out.ends_with("\"actual\": null}"));
}

void TestPredictionRecord::csvRow_data()
{
    QTest::addColumn<QByteArray>("stock");
    QTest::addColumn<double>("margin");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray numbers = "2001-01-02,1,2,-0.5,-0.5,0.5,0.3775406687981454,0.6224593312018546,1.0,1\r\n";
    QTest::newRow("plain") << QByteArray("ibm.us") << 0.5 << "ibm.us," + numbers;
    QTest::newRow("comma") << QByteArray("a,b.us") << 0.5 << "\"a,b.us\"," + numbers;
    QTest::newRow("quotes") << QByteArray("say \"hi\"") << 0.5 << "\"say \"\"hi\"\"\"," + numbers;
    QTest::newRow("SQL") << QByteArray("x'); DROP TABLE runs;--") << 0.5 << "x'); DROP TABLE runs;--," + numbers;
    QTest::newRow("not a number") << QByteArray("n.us") << std::nan("")
                                  << QByteArray("n.us,2001-01-02,1,2,-0.5,,,,,0.0,1\r\n");
}

void TestPredictionRecord::csvRow()
{
    QFETCH(QByteArray, stock);
    QFETCH(double, margin);
    QFETCH(QByteArray, expected);
    const PredictionRecord r = record(stock.toStdString(), timestamp::fromCivil(2001, 1, 2), {1.0, 2.0},
                                      FeatureTransform::Relative, margin, true);
    std::string out;
    r.appendCsv(out);
    QCOMPARE(QByteArray::fromStdString(out), expected);
}

void TestPredictionRecord::csvHeader()
{
    std::string out;
    PredictionRecord::appendCsvHeader(out, 3, 2);
    QCOMPARE(QByteArray::fromStdString(out),
             QByteArray("stock,date,n3,n2,n1,feature_1,feature_2,rawPrediction_1,rawPrediction_2,probability_1,"
                        "probability_2,prediction,actual\r\n"));
}

// A run with online data gets three fields after SPEC.md's, null (or an
// empty CSV field) where a model said nothing; SPEC.md's part stays as is.
void TestPredictionRecord::onlineFieldsFollowSpecs_data()
{
    QTest::addColumn<int>("cluster");
    QTest::addColumn<double>("predictedClose");
    QTest::addColumn<double>("pUp");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("csv");
    const double none = std::nan("");
    QTest::newRow("every model") << 3 << 2.125 << 0.75
                                 << QByteArray(R"(, "cluster": 3, "predictedClose": 2.125, "onlineProbability": 0.75})")
                                 << QByteArray(",3,2.125,0.75\r\n");
    QTest::newRow("clusters only") << 0 << 1.5 << none
                                   << QByteArray(R"(, "cluster": 0, "predictedClose": 1.5, )"
                                                 R"("onlineProbability": null})")
                                   << QByteArray(",0,1.5,\r\n");
    QTest::newRow("scorer only") << OnlineCall::kNoCluster << none << 0.25
                                 << QByteArray(R"(, "cluster": null, "predictedClose": null, )"
                                               R"("onlineProbability": 0.25})")
                                 << QByteArray(",,,0.25\r\n");
    QTest::newRow("nothing said yet") << OnlineCall::kNoCluster << none << none
                                      << QByteArray(R"(, "cluster": null, "predictedClose": null, )"
                                                    R"("onlineProbability": null})")
                                      << QByteArray(",,,\r\n");
}

void TestPredictionRecord::onlineFieldsFollowSpecs()
{
    QFETCH(int, cluster);
    QFETCH(double, predictedClose);
    QFETCH(double, pUp);
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, csv);
    PredictionRecord r = record("ibm.us", timestamp::fromCivil(2001, 1, 2), {1.0, 2.0}, FeatureTransform::Relative,
                                0.5, true);
    std::string specJson, specCsv;
    r.appendJson(specJson);
    r.appendCsv(specCsv);
    r.online = OnlineCall{cluster, predictedClose, pUp};
    std::string out;
    r.appendJson(out);
    QCOMPARE(QByteArray::fromStdString(out), QByteArray::fromStdString(specJson).chopped(1) + json);
    out.clear();
    r.appendCsv(out);
    QCOMPARE(QByteArray::fromStdString(out), QByteArray::fromStdString(specCsv).chopped(2) + csv);
}

void TestPredictionRecord::csvHeaderWithOnlineColumns()
{
    std::string out;
    PredictionRecord::appendCsvHeader(out, 2, 1, true);
    QCOMPARE(QByteArray::fromStdString(out),
             QByteArray("stock,date,n2,n1,feature_1,rawPrediction_1,rawPrediction_2,probability_1,probability_2,"
                        "prediction,actual,cluster,predictedClose,onlineProbability\r\n"));
}

QTEST_MAIN(TestPredictionRecord)
#include "tst_predictionrecord.moc"
