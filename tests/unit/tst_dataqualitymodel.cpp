// The data quality table: what it says of each notable file.
#include "app/models/DataQualityModel.h"

#include <QTest>

using namespace ss;

class TestDataQualityModel : public QObject {
    Q_OBJECT
private slots:
    void problem_data();
    void problem();
};

void TestDataQualityModel::problem_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("empty");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QStringList>("notes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unreadable") << "Permission denied" << false << "" << QStringList() << "unreadable: Permission denied";
    QTest::newRow("empty") << "" << true << "" << QStringList() << "empty file: a stock with no data";
    QTest::newRow("rejected lines") << "" << false << "bad date" << QStringList() << "bad date";
    QTest::newRow("a table's notes") << "" << false << "" << QStringList{"3 row(s) were not in time order and were sorted"}
                                     << "3 row(s) were not in time order and were sorted";
    QTest::newRow("both") << "" << false << "bad date" << QStringList{"closes from column Close"}
                          << "bad date; closes from column Close";
}

void TestDataQualityModel::problem()
{
    QFETCH(QString, error);
    QFETCH(bool, empty);
    QFETCH(QString, reason);
    QFETCH(QStringList, notes);
    QFETCH(QString, expected);
    FileReport file;
    file.file = "/data/x.csv";
    file.error = error.toStdString();
    file.empty = empty;
    if (!reason.isEmpty())
        file.reject(4, reason.toStdString());
    for (const QString& n : notes)
        file.notes.push_back(n.toStdString());
    LoadReport report;
    report.add(std::move(file));
    DataQualityModel model;
    model.setReport(report);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, DataQualityModel::Problem)).toString(), expected);
}

QTEST_MAIN(TestDataQualityModel)
#include "tst_dataqualitymodel.moc"
