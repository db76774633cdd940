// Round trip: replay the sample with the prediction log and the direct
// JSON-lines writer, export the log as JSON lines and CSV, and compare every
// field of every record with the calls derived independently from the files.
#include "ExpectedPredictions.h"

#include "core/data/DataLoader.h"
#include "core/storage/JsonLinesPredictionWriter.h"
#include "core/storage/PredictionExporter.h"
#include "core/storage/RunRecorder.h"
#include "core/stream/ReplayEngine.h"
#include "core/stream/ReplaySummary.h"

#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace ss;

namespace {

const QString kModel = QStringLiteral(STOCKSTREAM_SOURCE_DIR "/models/ibm-relative-w5.json");

QList<QByteArray> lines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> result = f.readAll().split('\n');
    if (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result;
}

// RFC 4180 fields of one CSV record (quoted fields may hold commas and quotes).
QStringList csvFields(const QByteArray& row)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < row.size(); ++i) {
        const char c = row[i];
        if (quoted) {
            if (c == '"' && i + 1 < row.size() && row[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += QLatin1Char(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(field);
            field.clear();
        } else {
            field += QLatin1Char(c);
        }
    }
    fields.push_back(field);
    return fields;
}

QString differenceFromCsv(const QStringList& f, const ExpectedCall& e)
{
    const std::size_t w = e.window.size();
    const std::size_t k = e.features.size();
    if (static_cast<std::size_t>(f.size()) != 2 + w + k + 6)
        return QStringLiteral("%1 fields").arg(f.size());
    if (f[0] != e.stock || f[1] != e.date)
        return QStringLiteral("key");
    qsizetype at = 2;
    auto next = [&] { return f[at++].toDouble(); };
    for (std::size_t i = 0; i < w; ++i)
        if (next() != e.window[i])
            return QStringLiteral("n%1").arg(w - i);
    for (std::size_t i = 0; i < k; ++i)
        if (next() != e.features[i])
            return QStringLiteral("feature_%1").arg(i + 1);
    if (next() != -e.margin || next() != e.margin)
        return QStringLiteral("rawPrediction");
    if (next() != 1.0 - e.pUp || next() != e.pUp)
        return QStringLiteral("probability");
    if (f[at++] != (e.up ? "1.0" : "0.0"))
        return QStringLiteral("prediction");
    if (f[at] != (e.actual ? (*e.actual ? "1" : "0") : ""))
        return QStringLiteral("actual");
    return {};
}

} // namespace

class TestPredictionExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void jsonLinesExportMatchesEveryCall();
    void csvExportMatchesEveryCall();
    void directJsonLinesMatchEveryCall();
    void filters_data();
    void filters();
    void stockHistoryIsOneStockInOrder();
    void cancelledExportLeavesNoFile();

private:
    QTemporaryDir dir_;
    ExpectedCalls expected_;
    std::unique_ptr<PredictionLog> log_;
    qint64 run_ = 0;
};

void TestPredictionExport::initTestCase()
{
    QVERIFY(dir_.isValid());
    expected_ = expectedCalls(QStringLiteral(STOCKSTREAM_SAMPLE_DIR), readJsonFile(kModel));
    QVERIFY(expected_.size() > 100000);

    const LoadResult loaded = DataLoader::load(STOCKSTREAM_SAMPLE_DIR);
    QVERIFY(loaded.data);
    QString error;
    auto model = LogisticModel::load(kModel, &error);
    QVERIFY2(model, qPrintable(error));
    auto scorer = std::make_shared<const LogisticModel>(std::move(*model));

    log_ = PredictionLog::open(dir_.filePath("log.sqlite"), &error);
    QVERIFY2(log_, qPrintable(error));
    auto run = PredictionLog::describeRun(STOCKSTREAM_SAMPLE_DIR, kModel, *scorer, *loaded.data, &error);
    QVERIFY2(run, qPrintable(error));
    auto recorder = RunRecorder::start(*log_, *run, *loaded.data, std::nullopt, &error);
    QVERIFY2(recorder, qPrintable(error));
    auto jsonWriter = JsonLinesPredictionWriter::create(dir_.filePath("direct.jsonl"), loaded.data,
                                                        scorer->transform(), &error);
    QVERIFY2(jsonWriter, qPrintable(error));
    PredictionLogSink jsonLines(std::move(jsonWriter));

    ReplayEngine engine(loaded.data, scorer);
    engine.addSink(&recorder->sink());
    engine.addSink(&jsonLines);
    engine.play();
    QVERIFY(engine.waitUntilDone(std::chrono::minutes(2)));
    QVERIFY2(jsonLines.close(&error), qPrintable(error));
    QVERIFY2(recorder->finish(true, replaySummary(engine.snapshot(), loaded.report), &error), qPrintable(error));
    run_ = recorder->runId();

    const auto stored = log_->run(run_, &error);
    QVERIFY(stored);
    QCOMPARE(stored->status, RunStatus::Finished);
    QCOMPARE(stored->summary.value("windows").toInteger(), static_cast<qint64>(expected_.size()));
    QCOMPARE(log_->predictionCount(run_, &error), std::optional<std::int64_t>(expected_.size()));
}

void TestPredictionExport::jsonLinesExportMatchesEveryCall()
{
    QString error;
    const QString out = dir_.filePath("export.jsonl");
    PredictionLog::Query query;
    query.run = run_;
    const auto written = PredictionExporter::exportTo(*log_, query, ExportFormat::JsonLines, out, {}, nullptr, &error);
    QVERIFY2(written, qPrintable(error));
    QCOMPARE(*written, static_cast<std::int64_t>(expected_.size()));

    const QList<QByteArray> rows = lines(out);
    QCOMPARE(rows.size(), static_cast<qsizetype>(expected_.size()));
    std::set<QString> seen;
    QString previousDate;
    for (const QByteArray& row : rows) {
        const QJsonObject o = QJsonDocument::fromJson(row).object();
        const QString wrong = checkRecord(o, expected_, seen);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong + ": " + row));
        QVERIFY2(o.value("date").toString() >= previousDate, "records are in time order");
        previousDate = o.value("date").toString();
    }
}

void TestPredictionExport::csvExportMatchesEveryCall()
{
    QString error;
    const QString out = dir_.filePath("export.csv");
    PredictionLog::Query query;
    query.run = run_;
    QVERIFY2(PredictionExporter::exportTo(*log_, query, ExportFormat::Csv, out, {}, nullptr, &error),
             qPrintable(error));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = f.readAll().split('\n');
    QCOMPARE(rows.size(), static_cast<qsizetype>(expected_.size() + 2));  // header, records, "" after the last CRLF
    QCOMPARE(rows.last(), QByteArray());
    QCOMPARE(rows.first(), QByteArray("stock,date,n5,n4,n3,n2,n1,feature_1,feature_2,feature_3,feature_4,"
                                      "rawPrediction_1,rawPrediction_2,probability_1,probability_2,prediction,actual\r"));
    for (qsizetype i = 1; i + 1 < rows.size(); ++i) {
        QVERIFY2(rows[i].endsWith('\r'), "CRLF line ends");
        const QStringList fields = csvFields(rows[i].chopped(1));
        const auto e = expected_.find(fields.value(0) + '|' + fields.value(1));
        QVERIFY2(e != expected_.end(), rows[i].constData());
        const QString difference = differenceFromCsv(fields, e->second);
        QVERIFY2(difference.isEmpty(), qPrintable(difference + ": " + rows[i]));
    }
}

void TestPredictionExport::directJsonLinesMatchEveryCall()
{
    const QList<QByteArray> rows = lines(dir_.filePath("direct.jsonl"));
    QCOMPARE(rows.size(), static_cast<qsizetype>(expected_.size()));
    std::set<QString> seen;
    bool openCalls = false;
    for (const QByteArray& row : rows) {
        const QJsonObject o = QJsonDocument::fromJson(row).object();
        const QString wrong = checkRecord(o, expected_, seen);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong + ": " + row));
        // Resolved records first, then the calls still open at the end.
        if (o.value("actual").isNull())
            openCalls = true;
        else
            QVERIFY2(!openCalls, "a resolved record after the open calls");
    }
}

void TestPredictionExport::filters_data()
{
    QTest::addColumn<QString>("stock");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("one stock") << "ibm.us" << "" << "";
    QTest::newRow("one stock, one year") << "ibm.us" << "1990-01-01" << "1990-12-31";
    QTest::newRow("every stock, one year") << "" << "2000-01-01" << "2000-12-31";
    QTest::newRow("a stock the log never saw") << "nosuch.us" << "" << "";
    QTest::newRow("a name that is SQL") << "x' OR '1'='1" << "" << "";
}

void TestPredictionExport::filters()
{
    QFETCH(QString, stock);
    QFETCH(QString, from);
    QFETCH(QString, to);
    PredictionLog::Query query;
    query.run = run_;
    if (!stock.isEmpty())
        query.stock = stock.toStdString();
    if (!from.isEmpty())
        query.from = timestamp::parse(from.toStdString());
    if (!to.isEmpty())
        query.to = timestamp::parse(to.toStdString());

    std::set<QString> wanted;
    for (const auto& [key, call] : expected_)
        if ((stock.isEmpty() || call.stock == stock) && (from.isEmpty() || call.date >= from)
            && (to.isEmpty() || call.date <= to))
            wanted.insert(key);

    QString error;
    const QString out = dir_.filePath("filtered.jsonl");
    const auto written = PredictionExporter::exportTo(*log_, query, ExportFormat::JsonLines, out, {}, nullptr, &error);
    QVERIFY2(written, qPrintable(error));
    std::set<QString> got;
    for (const QByteArray& row : lines(out)) {
        const QJsonObject o = QJsonDocument::fromJson(row).object();
        got.insert(o.value("stock").toString() + '|' + o.value("date").toString());
    }
    QCOMPARE(got.size(), wanted.size());
    QVERIFY(got == wanted);
    QCOMPARE(*written, static_cast<std::int64_t>(wanted.size()));
}

void TestPredictionExport::stockHistoryIsOneStockInOrder()
{
    QString error;
    const auto history = log_->stockHistory(run_, "ibm.us", &error);
    QVERIFY2(history, qPrintable(error));
    std::vector<const ExpectedCall*> wanted;
    for (const auto& [key, call] : expected_)
        if (call.stock == "ibm.us")
            wanted.push_back(&call);
    QCOMPARE(history->size(), wanted.size());
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        const PredictionRecord& r = (*history)[i];
        QCOMPARE(QString::fromStdString(timestamp::formatDate(r.time)), wanted[i]->date);
        QVERIFY(r.window == wanted[i]->window);
        QCOMPARE(r.pUp, wanted[i]->pUp);
        QCOMPARE(r.actual, wanted[i]->actual);
    }
}

void TestPredictionExport::cancelledExportLeavesNoFile()
{
    std::atomic<bool> cancel{true};
    QString error;
    const QString out = dir_.filePath("cancelled.csv");
    PredictionLog::Query query;
    query.run = run_;
    int progressCalls = 0;
    const auto written = PredictionExporter::exportTo(
        *log_, query, ExportFormat::Csv, out, [&](double, std::int64_t) { ++progressCalls; }, &cancel, &error);
    QVERIFY(!written);
    QVERIFY(error.contains("cancelled"));
    QVERIFY(!QFile::exists(out));
    QCOMPARE(progressCalls, 0);
}

QTEST_MAIN(TestPredictionExport)
#include "tst_predictionexport.moc"
