#include "ExportDialog.h"

#include "ui_ExportDialog.h"

#include <QCompleter>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStringListModel>

#include <algorithm>

namespace ss {

namespace {

QDate dateOf(Timestamp t)
{
    const std::string text = timestamp::formatDate(t);
    return QDate::fromString(QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size())), Qt::ISODate);
}

Timestamp startOf(QDate d)
{
    return timestamp::fromCivil(d.year(), d.month(), d.day());
}

const char* extension(ExportFormat format)
{
    return format == ExportFormat::JsonLines ? ".jsonl" : ".csv";
}

} // namespace

ExportDialog::ExportDialog(std::vector<RunInfo> runs, qint64 run, RunStocks stocks, const QString& stock,
                           const QString& folder, ExportFormat format, QWidget* parent)
    : QDialog(parent), ui_(std::make_unique<Ui::ExportDialog>()), runs_(std::move(runs)), stocks_(std::move(stocks))
{
    ui_->setupUi(this);
    ui_->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    for (const RunInfo& r : runs_) {
        ui_->runCombo->addItem(tr("Run %1 — %2 (%3)")
                                   .arg(r.id)
                                   .arg(QFileInfo(r.source).fileName(), QString::fromLatin1(runStatusName(r.status))),
                               r.id);
        if (r.id == run)
            ui_->runCombo->setCurrentIndex(ui_->runCombo->count() - 1);
    }
    connect(ui_->runCombo, &QComboBox::currentIndexChanged, this, &ExportDialog::showRunSpan);
    showRunSpan();

    auto* completer = new QCompleter(new QStringListModel(this), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    ui_->stockEdit->setCompleter(completer);
    connect(ui_->runCombo, &QComboBox::currentIndexChanged, this, &ExportDialog::offerRunStocks);
    offerRunStocks();
    ui_->stockEdit->setText(stock);
    (stock.isEmpty() ? ui_->allStocksRadio : ui_->oneStockRadio)->setChecked(true);
    ui_->stockEdit->setEnabled(!stock.isEmpty());
    connect(ui_->oneStockRadio, &QRadioButton::toggled, ui_->stockEdit, &QLineEdit::setEnabled);

    ui_->fromDate->setEnabled(false);
    ui_->toDate->setEnabled(false);
    connect(ui_->fromCheck, &QCheckBox::toggled, ui_->fromDate, &QDateEdit::setEnabled);
    connect(ui_->toCheck, &QCheckBox::toggled, ui_->toDate, &QDateEdit::setEnabled);

    ui_->formatCombo->addItem(tr("CSV"), static_cast<int>(ExportFormat::Csv));
    ui_->formatCombo->addItem(tr("JSON lines"), static_cast<int>(ExportFormat::JsonLines));
    ui_->formatCombo->setCurrentIndex(format == ExportFormat::JsonLines ? 1 : 0);
    connect(ui_->formatCombo, &QComboBox::currentIndexChanged, this, &ExportDialog::matchExtension);

    const QString name = (stock.isEmpty() ? QStringLiteral("predictions") : stock) + QLatin1String(extension(format));
    ui_->pathEdit->setText(QDir(folder).filePath(name));
    connect(ui_->browseButton, &QPushButton::clicked, this, &ExportDialog::chooseFile);
    connect(ui_->buttonBox, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    ui_->messageLabel->hide();
    // Room for a path of some length.
    resize(std::max(width(), 520), sizeHint().height());
}

ExportDialog::~ExportDialog() = default;

// The date fields offer the run's own span, where its calls lie.
void ExportDialog::showRunSpan()
{
    const int i = ui_->runCombo->currentIndex();
    if (i < 0 || static_cast<std::size_t>(i) >= runs_.size())
        return;
    const RunInfo& r = runs_[static_cast<std::size_t>(i)];
    const QDate first = dateOf(r.firstTime);
    const QDate last = dateOf(r.lastTime);
    for (QDateEdit* edit : {ui_->fromDate, ui_->toDate})
        edit->setDateRange(first, last);
    ui_->fromDate->setDate(first);
    ui_->toDate->setDate(last);
}

void ExportDialog::offerRunStocks()
{
    auto* model = static_cast<QStringListModel*>(ui_->stockEdit->completer()->model());
    const QStringList stocks = stocks_.value(ui_->runCombo->currentData().toLongLong());
    model->setStringList(stocks);
    ui_->stockEdit->setPlaceholderText(tr("one of the run's %1 stocks").arg(stocks.size()));
}

QString ExportDialog::matchingStock() const
{
    const QString typed = ui_->stockEdit->text().trimmed();
    const QStringList stocks = stocks_.value(ui_->runCombo->currentData().toLongLong());
    if (typed.isEmpty())
        return {};
    QString byTicker;
    int tickers = 0;
    for (const QString& name : stocks) {
        if (name.compare(typed, Qt::CaseInsensitive) == 0)
            return name;
        if (name.section(QLatin1Char('.'), 0, 0).compare(typed, Qt::CaseInsensitive) == 0) {
            byTicker = name;
            ++tickers;
        }
    }
    return tickers == 1 ? byTicker : QString();
}

ExportFormat ExportDialog::format() const
{
    return static_cast<ExportFormat>(ui_->formatCombo->currentData().toInt());
}

void ExportDialog::matchExtension()
{
    QString path = ui_->pathEdit->text();
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("jsonl"))
        path.chop(suffix.size() + 1);
    ui_->pathEdit->setText(path + QLatin1String(extension(format())));
}

void ExportDialog::chooseFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export predictions"), ui_->pathEdit->text(),
                                                      format() == ExportFormat::JsonLines ? tr("JSON lines (*.jsonl)")
                                                                                          : tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    ui_->pathEdit->setText(path);
    // The chooser asked already before it let a file that exists be chosen.
    confirmedPath_ = path;
}

ExportDialog::Request ExportDialog::request() const
{
    Request r;
    r.path = ui_->pathEdit->text().trimmed();
    r.format = format();
    r.query.run = ui_->runCombo->currentData().toLongLong();
    if (ui_->oneStockRadio->isChecked()) {
        const QString stock = matchingStock();
        r.query.stock = (stock.isEmpty() ? ui_->stockEdit->text().trimmed() : stock).toStdString();
    }
    // Whole days, inclusive, on the data's own clock.
    if (ui_->fromCheck->isChecked())
        r.query.from = startOf(ui_->fromDate->date());
    if (ui_->toCheck->isChecked())
        r.query.to = startOf(ui_->toDate->date()) + timestamp::kSecondsPerDay - 1;
    return r;
}

QString ExportDialog::problem() const
{
    if (runs_.empty())
        return tr("The prediction log holds no run yet: play a replay first.");
    const Request r = request();
    if (r.query.stock && r.query.stock->empty())
        return tr("Name the stock to export, or choose all stocks.");
    if (r.query.stock && matchingStock().isEmpty())
        return tr("Run %1 has no stock “%2”: choose one of its stocks from the list.")
            .arg(r.query.run)
            .arg(ui_->stockEdit->text().trimmed());
    if (r.query.from && r.query.to && *r.query.from > *r.query.to)
        return tr("The range starts after it ends.");
    if (r.path.isEmpty())
        return tr("Choose the file to write.");
    if (QFileInfo(r.path).isDir())
        return tr("%1 is a folder: choose a file.").arg(QDir::toNativeSeparators(r.path));
    return {};
}

void ExportDialog::accept()
{
    const QString why = problem();
    ui_->messageLabel->setText(why);
    ui_->messageLabel->setVisible(!why.isEmpty());
    if (!why.isEmpty())
        return;
    const QString path = request().path;
    if (QFileInfo::exists(path) && QFileInfo(path) != QFileInfo(confirmedPath_)) {
        QMessageBox ask(QMessageBox::Question, tr("Replace the file?"),
                        tr("%1 already exists. Replace it with the export?").arg(QDir::toNativeSeparators(path)),
                        QMessageBox::Yes | QMessageBox::No, this);
        ask.setDefaultButton(QMessageBox::No);
        ask.button(QMessageBox::Yes)->setText(tr("&Replace"));
        if (ask.exec() != QMessageBox::Yes)
            return;
    }
    QDialog::accept();
}

} // namespace ss
