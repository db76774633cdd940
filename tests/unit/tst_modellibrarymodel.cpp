// The Model library tab's table: every *.json of a models folder with the
// figures its file carries, newest first; a refused file is listed with the
// reason; other files are not listed.
#include "app/models/ModelLibraryModel.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

namespace {

QJsonObject part(double accuracy, double up, double down, double lastMove, const QJsonValue& auc, double logLoss)
{
    return {{"examples", 1000},
            {"accuracy", accuracy},
            {"roc_auc", auc},
            {"log_loss", logLoss},
            {"baselines", QJsonObject{{"always_up", up}, {"always_down", down}, {"same_as_last_move", lastMove}}}};
}

void write(const QString& path, const QByteArray& bytes, const QDateTime& modified)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    file.close();
    if (!file.open(QIODevice::ReadWrite) || !file.setFileTime(modified, QFileDevice::FileModificationTime))
        qFatal("cannot date %s", qPrintable(path));
}

void save(const LogisticModel& model, const QString& path, const QDateTime& modified)
{
    write(path, QJsonDocument(model.toJson()).toJson(), modified);
}

} // namespace

class TestModelLibraryModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void listsTheFolderNewestFirst();
    void showsTheFilesFigures_data();
    void showsTheFilesFigures();
    void listsARefusedFileWithTheReason();
    void reloadsTheFolder();

private:
    QVariant cell(const QString& name, int column, int role = ModelLibraryModel::SortRole) const
    {
        const int row = library_.rowOf(dir_.filePath(name + QStringLiteral(".json")));
        return row < 0 ? QVariant(QStringLiteral("no row")) : library_.index(row, column).data(role);
    }

    QTemporaryDir dir_;
    ModelLibraryModel library_;
    QDateTime now_ = QDateTime::currentDateTime().addSecs(-3600);
};

// Oldest to newest: a model with hold-out figures, a pooled one with
// training figures only, one without figures, a broken file, and a note.
void TestModelLibraryModel::initTestCase()
{
    LogisticModel heldOut(5, FeatureTransform::Relative, {0.1, -0.2, 0.3, -0.4}, 0.05);
    heldOut.setRegularizationC(0.5);
    heldOut.setTrainedOn({{"stock", "ibm.us"}, {"file", "ibm.us.txt"}});
    heldOut.setMetrics({{"train", part(0.60, 0.52, 0.48, 0.50, 0.61, 0.66)},
                        {"test", part(0.53, 0.51, 0.49, 0.50, 0.54, 0.69)}});
    save(heldOut, dir_.filePath("ibm.us-relative-w5.json"), now_.addSecs(1));

    LogisticModel pooled(3, FeatureTransform::Raw, {0.01, 0.02, -0.03}, 0.1);
    pooled.setRegularizationC(100);
    pooled.setTrainedOn({{"stocks", 31}, {"file", "sample"}});
    pooled.setMetrics({{"train", part(0.52, 0.47, 0.53, 0.56, QJsonValue::Null, 0.70)}});
    save(pooled, dir_.filePath("pooled-31-raw-w3.json"), now_.addSecs(2));

    save(LogisticModel(2, FeatureTransform::Relative, {0.5}, 0), dir_.filePath("bare.json"), now_.addSecs(3));
    write(dir_.filePath("broken.json"), "{\"format\": \"stockstream-logistic/1\", \"window\": ", now_.addSecs(4));
    write(dir_.filePath("notes.txt"), "not a model", now_.addSecs(5));

    library_.setFolders({dir_.path()});
}

void TestModelLibraryModel::listsTheFolderNewestFirst()
{
    QCOMPARE(library_.rowCount(), 4);
    QCOMPARE(library_.columnCount(), int(ModelLibraryModel::ColumnCount));
    const QStringList newestFirst{"broken", "bare", "pooled-31-raw-w3", "ibm.us-relative-w5"};
    for (int row = 0; row < newestFirst.size(); ++row) {
        QCOMPARE(library_.index(row, ModelLibraryModel::Name).data().toString(), newestFirst[row]);
        QCOMPARE(library_.path(row), QDir(dir_.path()).absoluteFilePath(newestFirst[row] + QStringLiteral(".json")));
        QCOMPARE(library_.rowOf(library_.path(row)), row);
    }
    QCOMPARE(library_.rowOf(dir_.filePath("notes.txt")), -1);
    QCOMPARE(library_.headerData(ModelLibraryModel::Accuracy, Qt::Horizontal).toString(), QStringLiteral("Accuracy"));
    QCOMPARE(library_.headerData(ModelLibraryModel::BestBaseline, Qt::Horizontal).toString(),
             QStringLiteral("Best baseline"));
}

void TestModelLibraryModel::showsTheFilesFigures_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("trainedOn");
    QTest::addColumn<QString>("transform");
    QTest::addColumn<int>("window");
    QTest::addColumn<double>("c");
    QTest::addColumn<QVariant>("accuracy");
    QTest::addColumn<QVariant>("bestBaseline");
    QTest::addColumn<QVariant>("auc");
    QTest::addColumn<QVariant>("logLoss");
    // The hold-out figures, not the training ones; best baseline: always-up.
    QTest::newRow("held out") << "ibm.us-relative-w5" << "ibm.us" << "relative" << 5 << 0.5 << QVariant(0.53)
                              << QVariant(0.51) << QVariant(0.54) << QVariant(0.69);
    // Nothing held out: the training figures; best baseline: same-as-last-move; no AUC.
    QTest::newRow("pooled") << "pooled-31-raw-w3" << "31 stocks" << "raw" << 3 << 100.0 << QVariant(0.52)
                            << QVariant(0.56) << QVariant() << QVariant(0.70);
    QTest::newRow("no figures") << "bare" << "" << "relative" << 2 << 1.0 << QVariant() << QVariant() << QVariant()
                                << QVariant();
}

void TestModelLibraryModel::showsTheFilesFigures()
{
    QFETCH(QString, name);
    QFETCH(QString, trainedOn);
    QFETCH(QString, transform);
    QFETCH(int, window);
    QFETCH(double, c);
    QFETCH(QVariant, accuracy);
    QFETCH(QVariant, bestBaseline);
    QFETCH(QVariant, auc);
    QFETCH(QVariant, logLoss);
    QCOMPARE(cell(name, ModelLibraryModel::TrainedOn).toString(), trainedOn);
    QCOMPARE(cell(name, ModelLibraryModel::Transform).toString(), transform);
    QCOMPARE(cell(name, ModelLibraryModel::Window).toInt(), window);
    QCOMPARE(cell(name, ModelLibraryModel::C).toDouble(), c);
    QCOMPARE(cell(name, ModelLibraryModel::Accuracy), accuracy);
    QCOMPARE(cell(name, ModelLibraryModel::BestBaseline), bestBaseline);
    QCOMPARE(cell(name, ModelLibraryModel::RocAuc), auc);
    QCOMPARE(cell(name, ModelLibraryModel::LogLoss), logLoss);
    // Shown rounded: rates as percentages to two places, scores to four.
    if (accuracy.isValid()) {
        QCOMPARE(cell(name, ModelLibraryModel::Accuracy, Qt::DisplayRole).toString(),
                 QLocale().toString(accuracy.toDouble() * 100, 'f', 2) + QStringLiteral(" %"));
        QCOMPARE(cell(name, ModelLibraryModel::LogLoss, Qt::DisplayRole).toString(),
                 QLocale().toString(logLoss.toDouble(), 'f', 4));
    }
    const int row = library_.rowOf(dir_.filePath(name + QStringLiteral(".json")));
    QVERIFY(library_.model(row));
    QCOMPARE(library_.model(row)->window(), window);
}

void TestModelLibraryModel::listsARefusedFileWithTheReason()
{
    const QString path = dir_.filePath("broken.json");
    const int row = library_.rowOf(path);
    QVERIFY(row >= 0);
    QVERIFY(!library_.model(row));
    QString error;
    QVERIFY(!LogisticModel::load(path, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(cell("broken", ModelLibraryModel::TrainedOn, Qt::DisplayRole).toString(),
             QStringLiteral("refused: %1").arg(error));
    QCOMPARE(library_.index(row, ModelLibraryModel::Name).data(Qt::ToolTipRole).toString(), error);
    for (int column = ModelLibraryModel::Transform; column < ModelLibraryModel::ColumnCount; ++column)
        QVERIFY(!library_.index(row, column).data().isValid());
}

void TestModelLibraryModel::reloadsTheFolder()
{
    QVERIFY(QFile::remove(dir_.filePath("broken.json")));
    save(LogisticModel(4, FeatureTransform::Raw, {1, 2, 3, 4}, 0), dir_.filePath("newest.json"), now_.addSecs(10));
    QCOMPARE(library_.rowCount(), 4);  // until told to look again
    library_.reload();
    QCOMPARE(library_.rowCount(), 4);
    QCOMPARE(library_.index(0, ModelLibraryModel::Name).data().toString(), QStringLiteral("newest"));
    QCOMPARE(library_.rowOf(dir_.filePath("broken.json")), -1);
}

QTEST_MAIN(TestModelLibraryModel)
#include "tst_modellibrarymodel.moc"
