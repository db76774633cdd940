#include "ImportPreviewDialog.h"

#include "app/models/ImportPreviewModel.h"
#include "core/data/DataLoader.h"
#include "core/data/TableSniffer.h"
#include "ui_ImportPreviewDialog.h"

#include <QDir>
#include <QFileInfo>
#include <QPushButton>
#include <QSignalBlocker>

namespace ss {

namespace {

// The combo's item whose data is `value`, or the first.
void select(QComboBox* combo, const QVariant& value)
{
    combo->setCurrentIndex(std::max(0, combo->findData(value)));
}

// A column combo's choice: its 1-based number, or unset for "(detect)".
ColumnChoice columnOf(const QComboBox* combo)
{
    return {{}, combo->currentIndex()};
}

} // namespace

bool ImportPreviewDialog::isNeededFor(const QString& path)
{
    const QFileInfo info(path);
    if (path == QLatin1String("-") || !info.isFile())
        return false;
    const auto lines = TableSniffer::sampleOf(path.toStdString(), TableSniffer::kSampleLines, nullptr);
    if (lines.empty() || TableSniffer::isJsonLines(lines) || TableSniffer::isDatasetCsv(lines))
        return false;
    // A file without two columns is no table at all: the loader's refusal says so better than a preview.
    const TableFormat format = TableSniffer::detect(lines, {});
    return format.columnNames.size() >= 2 && (!format.certain || !format.problem.empty());
}

bool ImportPreviewDialog::fits(const QString& path, const TableOptions& options)
{
    const auto lines = TableSniffer::sampleOf(path.toStdString(), TableSniffer::kSampleLines, nullptr);
    return TableSniffer::detect(lines, options).problem.empty();
}

ImportPreviewDialog::ImportPreviewDialog(const QString& path, const TableOptions& initial, QWidget* parent)
    : QDialog(parent), ui_(std::make_unique<Ui::ImportPreviewDialog>()), model_(new ImportPreviewModel(this)),
      lines_(TableSniffer::sampleOf(path.toStdString(), TableSniffer::kSampleLines, nullptr)),
      stock_(DataLoader::stockNameForFile(path.toStdString()))
{
    ui_->setupUi(this);
    ui_->fileLabel->setText(tr("How %1 will be read: its first rows as written and, on the right, as read. "
                               "Change what was detected wrongly.")
                                .arg(QDir::toNativeSeparators(path)));
    ui_->previewView->setModel(model_);
    ui_->delimiterCombo->addItem(tr("Comma  ,"), QChar(','));
    ui_->delimiterCombo->addItem(tr("Semicolon  ;"), QChar(';'));
    ui_->delimiterCombo->addItem(tr("Tab"), QChar('\t'));
    ui_->delimiterCombo->addItem(tr("Vertical bar  |"), QChar('|'));
    ui_->decimalCombo->addItem(tr("Point  1455.22"), QChar('.'));
    ui_->decimalCombo->addItem(tr("Comma  1455,22"), QChar(','));
    for (const DateFormat& f : DateFormat::candidates())
        ui_->dateFormatCombo->addItem(QString::fromStdString(f.pattern()));
    ui_->layoutCombo->addItem(tr("One stock"), static_cast<int>(TableLayout::Single));
    ui_->layoutCombo->addItem(tr("Long: a symbol column names each row's stock"), static_cast<int>(TableLayout::Long));
    ui_->layoutCombo->addItem(tr("Wide: a column per stock"), static_cast<int>(TableLayout::Wide));

    showFormat(TableSniffer::detect(lines_, initial));
    refresh();

    connect(ui_->delimiterCombo, &QComboBox::currentIndexChanged, this, &ImportPreviewDialog::redetect);
    for (QComboBox* combo : {ui_->decimalCombo, ui_->layoutCombo, ui_->dateColumnCombo, ui_->closeColumnCombo,
                             ui_->symbolColumnCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &ImportPreviewDialog::refresh);
    connect(ui_->dateFormatCombo, &QComboBox::currentTextChanged, this, &ImportPreviewDialog::refresh);
}

ImportPreviewDialog::~ImportPreviewDialog() = default;

TableOptions ImportPreviewDialog::options() const
{
    TableOptions options;
    options.delimiter = ui_->delimiterCombo->currentData().toChar().toLatin1();
    options.decimal = ui_->decimalCombo->currentData().toChar().toLatin1();
    options.layout = static_cast<TableLayout>(ui_->layoutCombo->currentData().toInt());
    options.date = columnOf(ui_->dateColumnCombo);
    options.close = columnOf(ui_->closeColumnCombo);
    options.symbol = columnOf(ui_->symbolColumnCombo);
    options.dateFormat = ui_->dateFormatCombo->currentText().trimmed().toStdString();
    return options;
}

// Every choice shown as `format` has it; columns listed afresh, since a
// new delimiter splits the header differently.
void ImportPreviewDialog::showFormat(const TableFormat& format)
{
    const QList<QComboBox*> combos{ui_->delimiterCombo,   ui_->decimalCombo,     ui_->dateFormatCombo, ui_->layoutCombo,
                                   ui_->dateColumnCombo, ui_->closeColumnCombo, ui_->symbolColumnCombo};
    std::vector<std::unique_ptr<QSignalBlocker>> blockers;
    for (QComboBox* combo : combos)
        blockers.push_back(std::make_unique<QSignalBlocker>(combo));
    select(ui_->delimiterCombo, QChar(format.delimiter));
    select(ui_->decimalCombo, QChar(format.numbers.decimal));
    ui_->dateFormatCombo->setCurrentText(QString::fromStdString(format.dates.pattern()));
    select(ui_->layoutCombo, static_cast<int>(format.layout));
    for (QComboBox* combo : {ui_->dateColumnCombo, ui_->closeColumnCombo, ui_->symbolColumnCombo}) {
        combo->clear();
        combo->addItem(tr("(none)"));
        for (const std::string& name : format.columnNames)
            combo->addItem(QString::fromStdString(name));
    }
    ui_->dateColumnCombo->setCurrentIndex(format.dateColumn + 1);
    ui_->closeColumnCombo->setCurrentIndex(format.closeColumn + 1);
    ui_->symbolColumnCombo->setCurrentIndex(format.symbolColumn + 1);
}

void ImportPreviewDialog::redetect()
{
    TableOptions delimited;
    delimited.delimiter = ui_->delimiterCombo->currentData().toChar().toLatin1();
    showFormat(TableSniffer::detect(lines_, delimited));
    refresh();
}

void ImportPreviewDialog::refresh()
{
    TableOptions chosen = options();
    std::string patternError;
    if (!chosen.dateFormat.empty() && !DateFormat::compile(chosen.dateFormat, &patternError))
        chosen.dateFormat.clear();
    format_ = TableSniffer::detect(lines_, chosen);
    if (!patternError.empty())
        format_.problem = patternError;
    model_->setTable(lines_, format_, stock_);
    ui_->previewView->resizeColumnsToContents();

    const bool wide = format_.layout == TableLayout::Wide;
    ui_->closeColumnCombo->setEnabled(!wide);
    ui_->symbolColumnCombo->setEnabled(format_.layout == TableLayout::Long);
    int rejected = 0;
    for (int row = 0; row < model_->rowCount(); ++row)
        rejected += model_->isRejected(row);
    QString message = QString::fromStdString(format_.problem);
    if (message.isEmpty()) {
        message = rejected > 0 ? tr("%n of these rows would be rejected (shown in red).", nullptr, rejected)
                               : tr("Every row shown reads.");
        for (const std::string& note : format_.notes)
            message += QLatin1Char(' ') + QString::fromStdString(note) + QLatin1Char('.');
    }
    ui_->problemLabel->setText(message);
    ui_->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(format_.problem.empty());
}

} // namespace ss
