// File ▸ Export predictions: what the dialog's fields turn into, and the
// field values it refuses with a message instead of writing.
#include "app/dialogs/ExportDialog.h"

#include <QApplication>
#include <QDir>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>
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

// Run 7 has a stock of the same ticker on two markets; run 3 neither.
ExportDialog::RunStocks twoRunsStocks()
{
    return {{7, {"aapl.us", "ibm.us", "vod.uk", "vod.us"}}, {3, {"ge.us", "ibm.us"}}};
}

// Answers the next message box the dialog asks with `button`, and keeps
// its text.
void answerNextQuestion(QMessageBox::StandardButton button, QString* text)
{
    QTimer::singleShot(0, [button, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            qFatal("no question asked");
        *text = box->text();
        box->button(button)->click();
    });
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
    void stockOfTheRun_data();
    void stockOfTheRun();
    void offersTheChosenRunsStocks();
    void asksBeforeReplacingAFile_data();
    void asksBeforeReplacingAFile();
};

void TestExportDialog::preselects()
{
    const ExportDialog dialog(twoRuns(), 3, twoRunsStocks(), QStringLiteral("ibm.us"), QStringLiteral("/out"),
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

    const ExportDialog dialog(twoRuns(), 0, twoRunsStocks(), {}, QStringLiteral("/out"), ExportFormat::Csv);
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

// A typed stock is taken as the run's stock it means, or refused before
// anything is written.
void TestExportDialog::stockOfTheRun_data()
{
    QTest::addColumn<qint64>("run");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("stock");  // empty: refused
    QTest::newRow("exact") << qint64{7} << "ibm.us" << "ibm.us";
    QTest::newRow("capitals") << qint64{7} << "IBM.US" << "ibm.us";
    QTest::newRow("the ticker alone") << qint64{7} << "IBM" << "ibm.us";
    QTest::newRow("a ticker on two markets") << qint64{7} << "vod" << "";
    QTest::newRow("one of them by its full name") << qint64{7} << "Vod.UK" << "vod.uk";
    QTest::newRow("part of a ticker") << qint64{7} << "ib" << "";
    QTest::newRow("a stock the run does not have") << qint64{3} << "aapl" << "";
    QTest::newRow("nothing like a stock") << qint64{7} << "' OR 1=1 --" << "";
}

void TestExportDialog::stockOfTheRun()
{
    QFETCH(qint64, run);
    QFETCH(QString, typed);
    QFETCH(QString, stock);
    QTemporaryDir folder;
    ExportDialog dialog(twoRuns(), run, twoRunsStocks(), {}, folder.path(), ExportFormat::Csv);
    field<QRadioButton>(dialog, "oneStockRadio")->setChecked(true);
    field<QLineEdit>(dialog, "stockEdit")->setText(typed);
    dialog.accept();
    if (stock.isEmpty()) {
        QVERIFY2(dialog.problem().contains(QStringLiteral("has no stock “%1”").arg(typed)), qPrintable(dialog.problem()));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(field<QLabel>(dialog, "messageLabel")->text().contains(typed));
    } else {
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.request().query.stock, std::optional<std::string>(stock.toStdString()));
    }
    // Nothing is written by the dialog, accepted or not.
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

void TestExportDialog::offersTheChosenRunsStocks()
{
    const ExportDialog dialog(twoRuns(), 7, twoRunsStocks(), {}, QStringLiteral("/out"), ExportFormat::Csv);
    QCompleter* completer = field<QLineEdit>(dialog, "stockEdit")->completer();
    QVERIFY(completer);
    QCOMPARE(completer->caseSensitivity(), Qt::CaseInsensitive);
    completer->setCompletionPrefix(QStringLiteral("IBM"));
    QCOMPARE(completer->currentCompletion(), QStringLiteral("ibm.us"));
    completer->setCompletionPrefix(QStringLiteral("ge"));
    QCOMPARE(completer->completionCount(), 0);
    field<QComboBox>(dialog, "runCombo")->setCurrentIndex(1);  // run 3
    completer->setCompletionPrefix(QStringLiteral("GE"));
    QCOMPARE(completer->currentCompletion(), QStringLiteral("ge.us"));
}

void TestExportDialog::asksBeforeReplacingAFile_data()
{
    QTest::addColumn<QMessageBox::StandardButton>("answer");
    QTest::newRow("replace") << QMessageBox::Yes;
    QTest::newRow("keep") << QMessageBox::No;
}

void TestExportDialog::asksBeforeReplacingAFile()
{
    QFETCH(QMessageBox::StandardButton, answer);
    QTemporaryDir folder;
    const QString path = folder.filePath("predictions.csv");
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly) && existing.write("mine") == 4);
    existing.close();

    ExportDialog dialog(twoRuns(), 0, twoRunsStocks(), {}, folder.path(), ExportFormat::Csv);
    QCOMPARE(dialog.request().path, path);
    QString question;
    answerNextQuestion(answer, &question);
    dialog.accept();
    QVERIFY2(question.contains(QStringLiteral("predictions.csv already exists")), qPrintable(question));
    QCOMPARE(dialog.result(), int(answer == QMessageBox::Yes ? QDialog::Accepted : QDialog::Rejected));
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("mine"));

    // A new file is not asked about.
    field<QLineEdit>(dialog, "pathEdit")->setText(folder.filePath("new.csv"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
