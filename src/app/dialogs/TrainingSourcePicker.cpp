#include "TrainingSourcePicker.h"
#include "ui_TrainingSourcePicker.h"

#include "app/jobs/DataLoadJob.h"
#include "app/sources/BuiltInSample.h"
#include "app/sources/TableImport.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace ss {

namespace {

QString dateText(Timestamp t)
{
    return QString::fromStdString(timestamp::formatDate(t));
}

QDate civilDate(Timestamp t)
{
    return QDate::fromString(dateText(t), Qt::ISODate);
}

Timestamp dayStart(QDate d)
{
    return timestamp::fromCivil(d.year(), d.month(), d.day());
}

Timestamp dayEnd(QDate d)
{
    return timestamp::fromCivil(d.year(), d.month(), d.day(), 23, 59, 59);
}

// The closes of a series from `from` to `to`, inclusive.
StockSeries slice(const StockSeries& s, Timestamp from, Timestamp to)
{
    const auto first = std::lower_bound(s.times.begin(), s.times.end(), from);
    const auto last = std::upper_bound(first, s.times.end(), to);
    const auto closes = s.closes.begin() + (first - s.times.begin());
    return {s.name, {first, last}, {closes, closes + (last - first)}};
}

} // namespace

TrainingSourcePicker::TrainingSourcePicker(QWidget* parent)
    : QGroupBox(parent), ui_(std::make_unique<Ui::TrainingSourcePicker>())
{
    ui_->setupUi(this);
    ui_->dataMessage->setStyleSheet(QStringLiteral("color: #c0392b"));
    showProblem({});
    connect(ui_->sourceCombo, &QComboBox::currentIndexChanged, this, &TrainingSourcePicker::sourceChanged);
    connect(ui_->stockCombo, &QComboBox::currentIndexChanged, this, &TrainingSourcePicker::changed);
    connect(ui_->fileEdit, &QLineEdit::editingFinished, this, [this] {
        if (ui_->fileEdit->text() != filePath_)
            setTickerFile(ui_->fileEdit->text());
    });
    connect(ui_->browseButton, &QPushButton::clicked, this, &TrainingSourcePicker::chooseFile);
    connect(ui_->poolCheck, &QCheckBox::toggled, this, [this](bool pooled) {
        ui_->stockCombo->setEnabled(!pooled);
        emit changed();
    });
    connect(ui_->dateRangeCheck, &QCheckBox::toggled, this, [this](bool ranged) {
        ui_->fromDate->setEnabled(ranged);
        ui_->toDate->setEnabled(ranged);
        emit changed();
    });
    connect(ui_->fromDate, &QDateEdit::dateChanged, this, &TrainingSourcePicker::changed);
    connect(ui_->toDate, &QDateEdit::dateChanged, this, &TrainingSourcePicker::changed);
}

// Cancels a read still running and waits for its thread (DataLoadJob).
TrainingSourcePicker::~TrainingSourcePicker() = default;

void TrainingSourcePicker::restoreSettings(const QSettings& settings)
{
    {
        const QSignalBlocker block(ui_->sourceCombo);
        ui_->sourceCombo->setCurrentIndex(settings.value("training/source", LoadedData).toInt());
    }
    filePath_ = settings.value("training/file").toString();
    ui_->fileEdit->setText(filePath_);
    rememberedStock_ = settings.value("training/stock", QStringLiteral("ibm.us")).toString();
    ui_->poolCheck->setChecked(settings.value("training/pool", false).toBool());
    ui_->dateRangeCheck->setChecked(settings.value("training/dateRange", false).toBool());
    ui_->fromDate->setDate(settings.value("training/from", QDate(1990, 1, 1)).toDate());
    ui_->toDate->setDate(settings.value("training/to", QDate(2017, 12, 31)).toDate());
    ui_->stockCombo->setEnabled(!pooled());
    ui_->fromDate->setEnabled(ranged());
    ui_->toDate->setEnabled(ranged());
    sourceChanged();
}

void TrainingSourcePicker::saveSettings(QSettings& settings) const
{
    settings.setValue("training/source", ui_->sourceCombo->currentIndex());
    settings.setValue("training/stock", ui_->stockCombo->currentText());
    settings.setValue("training/file", filePath_);
    settings.setValue("training/pool", pooled());
    settings.setValue("training/dateRange", ranged());
    settings.setValue("training/from", ui_->fromDate->date());
    settings.setValue("training/to", ui_->toDate->date());
}

void TrainingSourcePicker::setLoadedData(std::shared_ptr<const MarketData> data, const QString& path)
{
    const bool changed = data != loaded_;
    loaded_ = std::move(data);
    loadedPath_ = path;
    if (changed && source() == LoadedData)
        sourceChanged();
}

void TrainingSourcePicker::setSource(Source source)
{
    ui_->sourceCombo->setCurrentIndex(source);
}

TrainingSourcePicker::Source TrainingSourcePicker::source() const
{
    return static_cast<Source>(ui_->sourceCombo->currentIndex());
}

void TrainingSourcePicker::setTickerFile(const QString& path)
{
    filePath_ = path;
    ui_->fileEdit->setText(path);
    file_.reset();
    if (source() != TickerFile)
        setSource(TickerFile);
    else
        sourceChanged();
}

void TrainingSourcePicker::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Train on a ticker file"),
                                                      filePath_.isEmpty() ? QDir::homePath() : QFileInfo(filePath_).path(),
                                                      tr("Price data (*.txt *.csv *.tsv *.jsonl *.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QSettings settings;
    TableImport::open(this, settings, path, [this, path](const TableOptions&) { setTickerFile(path); });
}

std::shared_ptr<const MarketData>& TrainingSourcePicker::slot()
{
    switch (source()) {
    case LoadedData: return loaded_;
    case BuiltInSample: return sample_;
    default: return file_;
    }
}

const std::shared_ptr<const MarketData>& TrainingSourcePicker::data() const
{
    return const_cast<TrainingSourcePicker*>(this)->slot();
}

void TrainingSourcePicker::sourceChanged()
{
    const Source chosen = source();
    ui_->fileEdit->setEnabled(chosen == TickerFile);
    ui_->browseButton->setEnabled(chosen == TickerFile);
    // A read of another source, or of the file before this one, is of no use now.
    job_.reset();
    QString error;
    if (!slot()) {
        if (chosen == LoadedData) {
            error = tr("No data is open in the main window yet.");
        } else if (chosen == TickerFile && filePath_.isEmpty()) {
            error = tr("Choose a ticker file.");
        } else if (chosen == BuiltInSample) {
            const QString folder = BuiltInSample::folder(&error);
            if (!folder.isEmpty())
                load(folder, {});
        } else {
            QSettings settings;
            load(filePath_, TableImport::remembered(settings, filePath_).value_or(TableOptions{}));
        }
    }
    showStocks();
    const QString reading = chosen == TickerFile ? QDir::toNativeSeparators(filePath_) : tr("the built-in sample");
    showProblem(isLoading() ? tr("Reading %1…").arg(reading) : error);
    emit changed();
    if (!isLoading())
        emit sourceReady(data() != nullptr);
}

void TrainingSourcePicker::load(const QString& path, TableOptions options)
{
    jobSource_ = source();
    job_ = std::make_unique<DataLoadJob>(path, std::move(options));
    connect(job_.get(), &DataLoadJob::finished, this, &TrainingSourcePicker::finishLoad, Qt::QueuedConnection);
    job_->start();
}

void TrainingSourcePicker::finishLoad()
{
    LoadResult result = std::move(job_->result());
    const QString path = job_->path();
    job_.reset();
    QString error;
    if (!result.data)
        error = QString::fromStdString(result.error);
    else if (result.data->stockCount() == 0)
        error = tr("%1 holds no closes.").arg(QFileInfo(path).fileName());
    else
        (jobSource_ == BuiltInSample ? sample_ : file_) = std::move(result.data);
    if (jobSource_ == source()) {
        showStocks();
        showProblem(error);
        emit changed();
    }
    emit sourceReady(error.isEmpty());
}

void TrainingSourcePicker::showStocks()
{
    const std::shared_ptr<const MarketData>& source = data();
    const QString previous = ui_->stockCombo->currentText().isEmpty() ? rememberedStock_ : ui_->stockCombo->currentText();
    {
        const QSignalBlocker block(ui_->stockCombo);
        ui_->stockCombo->clear();
        if (source)
            for (const StockSeries& s : source->stocks())
                ui_->stockCombo->addItem(QString::fromStdString(s.name));
        const int again = ui_->stockCombo->findText(previous);
        ui_->stockCombo->setCurrentIndex(again >= 0 ? again : 0);
    }
    if (source && !ranged()) {
        const QSignalBlocker blockFrom(ui_->fromDate);
        const QSignalBlocker blockTo(ui_->toDate);
        ui_->fromDate->setDate(civilDate(source->firstTime()));
        ui_->toDate->setDate(civilDate(source->lastTime()));
    }
}

bool TrainingSourcePicker::pooled() const
{
    return ui_->poolCheck->isChecked();
}

bool TrainingSourcePicker::ranged() const
{
    return ui_->dateRangeCheck->isChecked();
}

void TrainingSourcePicker::showProblem(const QString& text)
{
    ui_->dataMessage->setText(text);
    ui_->dataMessage->setVisible(!text.isEmpty());
}

std::shared_ptr<const MarketData> TrainingSourcePicker::trainingData(QString* error) const
{
    const std::shared_ptr<const MarketData>& source = data();
    if (!source)
        return nullptr;
    const Timestamp from = dayStart(ui_->fromDate->date());
    const Timestamp to = dayEnd(ui_->toDate->date());
    if (ranged() && from > to) {
        *error = tr("The date range ends before it starts.");
        return nullptr;
    }
    if (pooled()) {
        if (!ranged())
            return source;
        std::vector<StockSeries> cut;
        for (const StockSeries& s : source->stocks())
            cut.push_back(slice(s, from, to));
        auto pooledData = std::make_shared<const MarketData>(std::move(cut));
        if (pooledData->stockCount() == 0)
            *error = tr("No stock has closes from %1 to %2.").arg(dateText(from), dateText(to));
        return pooledData->stockCount() ? pooledData : nullptr;
    }
    const int index = ui_->stockCombo->currentIndex();
    if (index < 0 || static_cast<std::size_t>(index) >= source->stockCount())
        return nullptr;
    const StockSeries& s = source->stock(static_cast<std::size_t>(index));
    StockSeries chosen = ranged() ? slice(s, from, to) : s;
    if (chosen.size() == 0) {
        *error = tr("%1 has no closes from %2 to %3.").arg(QString::fromStdString(s.name), dateText(from), dateText(to));
        return nullptr;
    }
    return std::make_shared<const MarketData>(std::vector<StockSeries>{std::move(chosen)});
}

QString TrainingSourcePicker::sourceFileName() const
{
    if (pooled()) {
        switch (source()) {
        case LoadedData: return QFileInfo(loadedPath_).fileName();
        case BuiltInSample: return tr("built-in sample");
        default: return QFileInfo(filePath_).fileName();
        }
    }
    if (source() == TickerFile)
        return QFileInfo(filePath_).fileName();
    return ui_->stockCombo->currentText() + QStringLiteral(".txt");
}

} // namespace ss
