// The import preview: how a table whose reading is not certain is shown,
// how it follows the user's choices, and how the window opens through it.
#include "FixtureFile.h"
#include "Patience.h"
#include "SourceRead.h"
#include "app/dialogs/ImportPreviewDialog.h"
#include "app/models/ImportPreviewModel.h"
#include "app/MainWindow.h"
#include "app/sources/TableImport.h"
#include "app/dialogs/TrainingDialog.h"
#include "core/data/DataLoader.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ss;

namespace {

// A European export of `days` closes from 13 January 2000 (days above 12,
// so day-first is certain), its one bad close on the third row.
QByteArray europeanTable(int days)
{
    QByteArray bytes = "Datum;Er\xC3\xB6" "ffnung;Hoch;Tief;Schluss;Volumen\n";
    const QDate first(2000, 1, 13);
    for (int d = 0; d < days; ++d)
        bytes += first.addDays(d).toString("dd.MM.yyyy").toLatin1() + ";1,5;2;1;"
                 + (d == 2 ? QByteArray("n/a") : QByteArray::number(10 + d) + ",5") + ";1.234.567\n";
    return bytes;
}

QComboBox* combo(const QDialog& dialog, const char* name)
{
    return dialog.findChild<QComboBox*>(QString::fromLatin1(name));
}

QPushButton* okButton(const QDialog& dialog)
{
    return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

QString cell(const ImportPreviewModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestImportPreview : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void whichFilesAreShown_data();
    void whichFilesAreShown();
    void followsTheChoices();
    void windowOpensThroughItAndRemembers();
    void cancelLoadsNothing();
    void trainingDialogReadsTheRememberedChoice();

private:
    QTemporaryDir dir_;
};

void TestImportPreview::initTestCase()
{
    QVERIFY(dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_importpreview"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.path());
}

void TestImportPreview::init()
{
    QSettings().clear();
    QSettings().setValue("log/enabled", false);
}

void TestImportPreview::whichFilesAreShown_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("shown");
    QTest::newRow("a ticker file") << QByteArray("Date,Open,High,Low,Close,Volume,OpenInt\n2000-01-03,1,1,1,1,1,0\n")
                                   << false;
    QTest::newRow("a Nasdaq download") << QByteArray("Date,Close/Last,Volume\n01/14/2000,$10.75,100\n") << false;
    QTest::newRow("JSON lines") << QByteArray("{\"stock\":\"a\",\"price\":1,\"date\":\"2000-01-03\"}\n") << false;
    QTest::newRow("columns it cannot name") << europeanTable(3) << true;
    QTest::newRow("a wide table") << QByteArray("date,AAPL,AMZN\n2000-01-03,1,2\n") << true;
    QTest::newRow("no header") << QByteArray("13.01.2000;10,5\n14.01.2000;10,75\n") << true;
    QTest::newRow("day or month") << QByteArray("Date,Close\n01/02/2000,1\n01/03/2000,2\n") << true;
    QTest::newRow("not a table") << QByteArray("this is not\nprice data\n") << false;
}

void TestImportPreview::whichFilesAreShown()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, shown);
    const QString path = dir_.filePath(QStringLiteral("shown.csv"));
    writeFixture(path, bytes);
    QCOMPARE(ImportPreviewDialog::isNeededFor(path), shown);
    QVERIFY(!ImportPreviewDialog::isNeededFor(dir_.path()));
}

void TestImportPreview::followsTheChoices()
{
    const QString path = dir_.filePath(QStringLiteral("europe.csv"));
    writeFixture(path, europeanTable(30));
    ImportPreviewDialog dialog(path);
    const ImportPreviewModel& model = *dialog.model();

    // Detected: the separator, decimal comma, day-first dates; no close column by an English name.
    QCOMPARE(combo(dialog, "delimiterCombo")->currentData().toChar(), QChar(';'));
    QCOMPARE(combo(dialog, "decimalCombo")->currentData().toChar(), QChar(','));
    QCOMPARE(combo(dialog, "dateFormatCombo")->currentText(), QStringLiteral("%d.%m.%Y"));
    QCOMPARE(combo(dialog, "dateColumnCombo")->currentText(), QStringLiteral("Datum"));
    QVERIFY(!dialog.format().problem.empty());
    QVERIFY(!okButton(dialog)->isEnabled());
    QCOMPARE(model.rowCount(), ImportPreviewModel::kRows);
    QCOMPARE(cell(model, 0, 4), QStringLiteral("10,5"));
    QVERIFY(cell(model, 0, model.closeReadColumn()).isEmpty());

    // The close column chosen: every row read, the bad one marked.
    combo(dialog, "closeColumnCombo")->setCurrentIndex(combo(dialog, "closeColumnCombo")->findText("Schluss"));
    QVERIFY2(dialog.format().problem.empty(), dialog.format().problem.c_str());
    QVERIFY(okButton(dialog)->isEnabled());
    QCOMPARE(cell(model, 0, model.dateReadColumn()), QStringLiteral("2000-01-13"));
    QCOMPARE(cell(model, 0, model.closeReadColumn()), QStringLiteral("10.5"));
    QCOMPARE(cell(model, 1, model.closeReadColumn()), QStringLiteral("11.5"));
    QVERIFY(!model.isRejected(0));
    QVERIFY(model.isRejected(2));
    QVERIFY(model.data(model.index(2, 0), Qt::BackgroundRole).isValid());
    QVERIFY(!model.data(model.index(0, 0), Qt::BackgroundRole).isValid());
    QVERIFY(cell(model, 2, model.problemColumn()).contains("close"));

    // Month-first dates: day 13 is no month, so the rows are rejected.
    combo(dialog, "dateFormatCombo")->setCurrentText(QStringLiteral("%m.%d.%Y"));
    QVERIFY(model.isRejected(0));
    QCOMPARE(cell(model, 0, model.problemColumn()), QStringLiteral("bad date"));
    QVERIFY(cell(model, 0, model.dateReadColumn()).isEmpty());
    // A pattern without a day is no date format: nothing can load.
    combo(dialog, "dateFormatCombo")->setCurrentText(QStringLiteral("%Y-%m"));
    QVERIFY(!okButton(dialog)->isEnabled());
    combo(dialog, "dateFormatCombo")->setCurrentText(QStringLiteral("%d.%m.%Y"));
    QVERIFY(!model.isRejected(0));
    QVERIFY(okButton(dialog)->isEnabled());

    // OK: the choices load the whole file.
    okButton(dialog)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const LoadResult loaded = DataLoader::load(path.toStdString(), nullptr, 0, dialog.options());
    QVERIFY2(loaded.data, loaded.error.c_str());
    QCOMPARE(loaded.data->recordCount(), std::size_t(29));
    QCOMPARE(loaded.report.rejected, std::size_t(1));
    QCOMPARE(loaded.data->stock(0).name, std::string("europe"));
    QCOMPARE(loaded.data->stock(0).closes.front(), 10.5);
}

void TestImportPreview::windowOpensThroughItAndRemembers()
{
    const QString path = dir_.filePath(QStringLiteral("wide.csv"));
    writeFixture(path, "date,AAPL,AMZN\n2000-01-03,,10\n2000-01-04,5,11\n2000-01-05,6,12\n");
    MainWindow window;
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    window.openData(path);
    QPointer<ImportPreviewDialog> preview = window.findChild<ImportPreviewDialog*>();
    QVERIFY(preview);
    QVERIFY(preview->isVisible());
    QCOMPARE(combo(*preview, "layoutCombo")->currentData().toInt(), int(TableLayout::Wide));
    QCOMPARE(loaded.count(), 0);
    okButton(*preview)->click();
    QVERIFY(loaded.wait(kPatienceMs));
    QVERIFY(loaded.front().front().toBool());
    QCOMPARE(window.loadReport().records, std::size_t(5));
    QTRY_VERIFY_WITH_TIMEOUT(preview.isNull(), kPatienceMs);

    // Remembered: the same file opens at once the next time.
    QSettings settings;
    QVERIFY(TableImport::remembered(settings, path).has_value());
    window.openData(path);
    QVERIFY(!window.findChild<ImportPreviewDialog*>());
    QVERIFY(loaded.wait(kPatienceMs));
    QCOMPARE(window.loadReport().records, std::size_t(5));

    // Replaced by a file the choice no longer fits: asked again, from that choice.
    writeFixture(path, "when;AAPL;AMZN\n2000-01-03;;10\n");
    window.openData(path);
    preview = window.findChild<ImportPreviewDialog*>();
    QVERIFY(preview);
    QCOMPARE(combo(*preview, "layoutCombo")->currentData().toInt(), int(TableLayout::Wide));
    preview->reject();
}

void TestImportPreview::cancelLoadsNothing()
{
    const QString path = dir_.filePath(QStringLiteral("cancelled.csv"));
    writeFixture(path, europeanTable(3));
    MainWindow window;
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    window.openData(path);
    auto* preview = window.findChild<ImportPreviewDialog*>();
    QVERIFY(preview);
    preview->reject();
    QVERIFY(!loaded.wait(300));
    QVERIFY(!window.isLoading());
    QSettings settings;
    QVERIFY(!TableImport::remembered(settings, path).has_value());
}

// The training dialog reads a file with the choice the preview remembered for it.
void TestImportPreview::trainingDialogReadsTheRememberedChoice()
{
    const QString path = dir_.filePath(QStringLiteral("train-europe.csv"));
    writeFixture(path, europeanTable(40));
    TrainingDialog dialog;
    dialog.setTickerFile(path);
    QVERIFY(!sourceRead(dialog));  // its close column has no English name
    TableOptions options;
    std::string error;
    QVERIFY(options.setColumns("date=Datum,close=Schluss", error));
    QSettings settings;
    TableImport::remember(settings, path, options);
    dialog.setTickerFile(path);
    QVERIFY(sourceRead(dialog));
}

QTEST_MAIN(TestImportPreview)
#include "tst_importpreview.moc"
