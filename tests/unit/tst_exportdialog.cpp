// File ▸ Export predictions: what the dialog's fields turn into, and the
// field values it refuses with a message instead of writing.
#include "app/dialogs/ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

namespace {

RunInfo run(qint64 id, const char* first, const char* last)
{
    RunInfo r;
    r.id = id;
    r.source = QStringLiteral("/data/run%1").arg(id);
    r.firstTime = *timestamp::parse(first);
    r.lastTime = *timestamp::parse(last);
    return r;
}

std::vector<RunInfo> twoRuns()
{
    return {run(7, "2001-01-02", "2017-11-10"), run(3, "1962-01-02", "1999-12-31")};
}

template <typename T>
T* field(const ExportDialog& dialog, const char* name)
{
    auto* w = dialog.findChild<T*>(QLatin1String(name));
    if (!w)
        qFatal("no field %s", name);
    return w;
}

} // namespace

class TestExportDialog : public QObject {
    Q_OBJECT
private slots:
    void preselects();
    void request_data();
    void request();
    void refuses_data();
    void refuses();
    void formatFollowsTheFile();
};

void TestExportDialog::preselects()
{
    const ExportDialog dialog(twoRuns(), 3, {QStringLiteral("ibm.us")}, QStringLiteral("ibm.us"), QStringLiteral("/out"),
                              ExportFormat::JsonLines);
    const ExportDialog::Request r = dialog.request();
    QCOMPARE(r.query.run, qint64{3});
    QCOMPARE(r.query.stock, std::optional<std::string>("ibm.us"));
    QVERIFY(!r.query.from && !r.query.to);
    QCOMPARE(r.format, ExportFormat::JsonLines);
    QCOMPARE(r.path, QStringLiteral("/out/ibm.us.jsonl"));
    // The date fields span the chosen run.
    QCOMPARE(field<QDateEdit>(dialog, "fromDate")->date(), QDate(1962, 1, 2));
    QCOMPARE(field<QDateEdit>(dialog, "toDate")->date(), QDate(1999, 12, 31));
}

void TestExportDialog::request_data()
{
    QTest::addColumn<bool>("oneStock");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<std::optional<std::string>>("stock");
    QTest::addColumn<std::optional<Timestamp>>("fromTime");
    QTest::addColumn<std::optional<Timestamp>>("toTime");

    constexpr Timestamp day = 86400;
    // 2005-03-01 is day 12843 since 1970-01-01.
    const Timestamp march1 = 12843 * day;
    QTest::newRow("everything") << false << QDate() << QDate() << std::optional<std::string>()
                                << std::optional<Timestamp>() << std::optional<Timestamp>();
    QTest::newRow("one stock") << true << QDate() << QDate() << std::optional<std::string>("aapl.us")
                               << std::optional<Timestamp>() << std::optional<Timestamp>();
    QTest::newRow("from a day") << false << QDate(2005, 3, 1) << QDate() << std::optional<std::string>()
                                << std::optional<Timestamp>(march1) << std::optional<Timestamp>();
    QTest::newRow("to a day, all of it") << false << QDate() << QDate(2005, 3, 1) << std::optional<std::string>()
                                         << std::optional<Timestamp>() << std::optional<Timestamp>(march1 + day - 1);
    QTest::newRow("one day of one stock") << true << QDate(2005, 3, 1) << QDate(2005, 3, 1)
                                          << std::optional<std::string>("aapl.us") << std::optional<Timestamp>(march1)
                                          << std::optional<Timestamp>(march1 + day - 1);
}

void TestExportDialog::request()
{
    QFETCH(bool, oneStock);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(std::optional<std::string>, stock);
    QFETCH(std::optional<Timestamp>, fromTime);
    QFETCH(std::optional<Timestamp>, toTime);

    const ExportDialog dialog(twoRuns(), 0, {}, {}, QStringLiteral("/out"), ExportFormat::Csv);
    if (oneStock) {
        field<QRadioButton>(dialog, "oneStockRadio")->setChecked(true);
        field<QLineEdit>(dialog, "stockEdit")->setText(QStringLiteral(" aapl.us "));
    }
    field<QCheckBox>(dialog, "fromCheck")->setChecked(from.isValid());
    field<QCheckBox>(dialog, "toCheck")->setChecked(to.isValid());
    if (from.isValid())
        field<QDateEdit>(dialog, "fromDate")->setDate(from);
    if (to.isValid())
        field<QDateEdit>(dialog, "toDate")->setDate(to);

    const ExportDialog::Request r = dialog.request();
    QCOMPARE(r.query.run, qint64{7});  // the newest, as none was chosen
    QCOMPARE(r.query.stock, stock);
    QCOMPARE(r.query.from, fromTime);
    QCOMPARE(r.query.to, toTime);
    QCOMPARE(r.path, QStringLiteral("/out/predictions.csv"));
    QVERIFY(dialog.problem().isEmpty());
}

void TestExportDialog::refuses_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("message");
    QTest::newRow("no stock named") << "no stock" << "Name the stock";
    QTest::newRow("range backwards") << "backwards" << "starts after it ends";
    QTest::newRow("no file") << "no file" << "Choose the file";
    QTest::newRow("a folder") << "folder" << "is a folder";
    QTest::newRow("no run") << "no run" << "no run yet";
}

void TestExportDialog::refuses()
{
    QFETCH(QString, fault);
    QFETCH(QString, message);
    QTemporaryDir folder;
    ExportDialog dialog(fault == "no run" ? std::vector<RunInfo>() : twoRuns(), 0, {}, {}, folder.path(),
                        ExportFormat::Csv);
    if (fault == "no stock")
        field<QRadioButton>(dialog, "oneStockRadio")->setChecked(true);
    if (fault == "backwards") {
        field<QCheckBox>(dialog, "fromCheck")->setChecked(true);
        field<QCheckBox>(dialog, "toCheck")->setChecked(true);
        field<QDateEdit>(dialog, "fromDate")->setDate(QDate(2010, 5, 2));
        field<QDateEdit>(dialog, "toDate")->setDate(QDate(2010, 5, 1));
    }
    if (fault == "no file")
        field<QLineEdit>(dialog, "pathEdit")->clear();
    if (fault == "folder")
        field<QLineEdit>(dialog, "pathEdit")->setText(folder.path());

    QVERIFY2(dialog.problem().contains(message), qPrintable(dialog.problem()));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(field<QLabel>(dialog, "messageLabel")->text().contains(message));
}

void TestExportDialog::formatFollowsTheFile()
{
    const ExportDialog dialog(twoRuns(), 0, {}, {}, QStringLiteral("/out"), ExportFormat::Csv);
    auto* format = field<QComboBox>(dialog, "formatCombo");
    format->setCurrentIndex(1);
    QCOMPARE(dialog.request().path, QStringLiteral("/out/predictions.jsonl"));
    QCOMPARE(dialog.request().format, ExportFormat::JsonLines);
    field<QLineEdit>(dialog, "pathEdit")->setText(QStringLiteral("/out/mine.data"));
    format->setCurrentIndex(0);
    QCOMPARE(dialog.request().path, QStringLiteral("/out/mine.data.csv"));
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
