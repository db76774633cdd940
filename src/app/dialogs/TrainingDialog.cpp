#include "TrainingDialog.h"
#include "ui_TrainingDialog.h"

#include "app/panels/BacktestSentence.h"
#include "app/sources/BuiltInSample.h"
#include "app/panels/HoldOutVerdict.h"
#include "app/models/ModelLibraryModel.h"
#include "app/sources/TableImport.h"
#include "app/jobs/TrainingJob.h"
#include "core/backtest/StretchBacktest.h"
#include "core/data/DataLoader.h"
#include "core/model/ExampleSet.h"
#include "core/system/InstalledData.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStandardPaths>

#include <algorithm>
#include <array>
#include <cmath>

namespace ss {

namespace {

constexpr int kPollMs = 50;
// The C slider moves in tenths of a decade.
constexpr int kSliderStepsPerDecade = 10;

QString percent(double v)
{
    return QLocale().toString(v * 100, 'f', 2) + QStringLiteral(" %");
}

QString decimal(double v, int digits)
{
    return QLocale().toString(v, 'f', digits);
}

QString dateText(Timestamp t)
{
    return QString::fromStdString(timestamp::formatDate(t));
}

Timestamp dayStart(QDate d)
{
    return timestamp::fromCivil(d.year(), d.month(), d.day());
}

Timestamp dayEnd(QDate d)
{
    return timestamp::fromCivil(d.year(), d.month(), d.day(), 23, 59, 59);
}

QDate civilDate(Timestamp t)
{
    return QDate::fromString(dateText(t), Qt::ISODate);
}

// The closes of a series from `from` to `to`, inclusive.
StockSeries slice(const StockSeries& s, Timestamp from, Timestamp to)
{
    const auto first = std::lower_bound(s.times.begin(), s.times.end(), from);
    const auto last = std::upper_bound(first, s.times.end(), to);
    const auto closes = s.closes.begin() + (first - s.times.begin());
    return {s.name, {first, last}, {closes, closes + (last - first)}};
}

// The core's messages are clauses ("the window must be…"); next to a field
// they read as sentences.
QString sentence(const QString& clause)
{
    if (clause.isEmpty() || clause.endsWith(QLatin1Char('.')))
        return clause;
    return clause[0].toUpper() + clause.mid(1) + QLatin1Char('.');
}

void setMessage(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QTableWidgetItem* figureItem(const QString& text, const QVariant& figure)
{
    auto* item = new QTableWidgetItem(text);
    item->setData(TrainingDialog::FigureRole, figure);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

TrainingDialog::TrainingDialog(QWidget* parent)
    : QDialog(parent), ui_(std::make_unique<Ui::TrainingDialog>()), library_(new ModelLibraryModel(this))
{
    ui_->setupUi(this);
    for (QLabel* message : {ui_->dataMessage, ui_->windowMessage, ui_->folderMessage}) {
        message->setStyleSheet(QStringLiteral("color: #c0392b"));
        setMessage(message, {});
    }
    ui_->transformCombo->addItem(tr("relative (scale-free)"), QStringLiteral("relative"));
    ui_->transformCombo->addItem(tr("raw closes (as the thesis)"), QStringLiteral("raw"));
    ui_->cSlider->setRange(static_cast<int>(std::lround(std::log10(kMinC) * kSliderStepsPerDecade)),
                           static_cast<int>(std::lround(std::log10(kMaxC) * kSliderStepsPerDecade)));
    ui_->cSlider->setValue(0);
    ui_->cancelButton->setEnabled(false);

    const QStringList rows{tr("Examples"),          tr("Accuracy"),  tr("95% interval"),
                           tr("Always up"),         tr("Always down"), tr("Same as last move"),
                           tr("Precision"),         tr("Recall"),    tr("ROC AUC"),
                           tr("Log loss"),          tr("Brier score")};
    ui_->metricsTable->setRowCount(MetricRowCount);
    ui_->metricsTable->setColumnCount(2);
    ui_->metricsTable->setHorizontalHeaderLabels({tr("Hold-out"), tr("Training")});
    ui_->metricsTable->setVerticalHeaderLabels(rows);
    ui_->confusionTable->setRowCount(2);
    ui_->confusionTable->setColumnCount(2);
    ui_->confusionTable->setHorizontalHeaderLabels({tr("called up"), tr("called not up")});
    ui_->confusionTable->setVerticalHeaderLabels({tr("went up"), tr("did not go up")});
    ui_->coefficientTable->setColumnCount(2);
    ui_->coefficientTable->setHorizontalHeaderLabels({tr("Feature"), tr("Weight")});
    // Both tables show all their rows and no more: the charts take the rest.
    for (QTableWidget* table : {ui_->metricsTable, ui_->confusionTable}) {
        table->setWordWrap(false);
        table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->setFixedHeight(table->horizontalHeader()->sizeHint().height()
                              + table->rowCount() * table->verticalHeader()->defaultSectionSize() + 2 * table->frameWidth());
    }
    ui_->confusionLayout->addStretch();

    auto* libraryProxy = new QSortFilterProxyModel(this);
    libraryProxy->setSourceModel(library_);
    libraryProxy->setSortRole(ModelLibraryModel::SortRole);
    ui_->libraryView->setModel(libraryProxy);
    ui_->libraryView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    connect(ui_->sourceCombo, &QComboBox::currentIndexChanged, this, &TrainingDialog::sourceChanged);
    connect(ui_->stockCombo, &QComboBox::currentIndexChanged, this, &TrainingDialog::updateForm);
    connect(ui_->fileEdit, &QLineEdit::editingFinished, this, [this] {
        if (ui_->fileEdit->text() != filePath_)
            setTickerFile(ui_->fileEdit->text());
    });
    connect(ui_->browseButton, &QPushButton::clicked, this, &TrainingDialog::chooseFile);
    connect(ui_->poolCheck, &QCheckBox::toggled, this, &TrainingDialog::updateForm);
    connect(ui_->dateRangeCheck, &QCheckBox::toggled, this, &TrainingDialog::updateForm);
    connect(ui_->fromDate, &QDateEdit::dateChanged, this, &TrainingDialog::updateForm);
    connect(ui_->toDate, &QDateEdit::dateChanged, this, &TrainingDialog::updateForm);
    connect(ui_->windowSpin, &QSpinBox::valueChanged, this, &TrainingDialog::updateForm);
    connect(ui_->transformCombo, &QComboBox::currentIndexChanged, this, &TrainingDialog::updateForm);
    connect(ui_->holdOutSpin, &QSpinBox::valueChanged, this, &TrainingDialog::updateForm);
    connect(ui_->searchCheck, &QCheckBox::toggled, this, &TrainingDialog::updateForm);
    connect(ui_->cSlider, &QSlider::valueChanged, this, [this] {
        ui_->cValue->setText(QLocale().toString(chosenC(), 'g', 3));
    });
    connect(ui_->trainButton, &QPushButton::clicked, this, &TrainingDialog::train);
    connect(ui_->cancelButton, &QPushButton::clicked, this, &TrainingDialog::cancelTraining);
    connect(ui_->saveButton, &QPushButton::clicked, this, &TrainingDialog::save);
    connect(ui_->useButton, &QPushButton::clicked, this, &TrainingDialog::useNow);
    connect(ui_->folderButton, &QPushButton::clicked, this, &TrainingDialog::chooseFolder);
    connect(ui_->libraryUseButton, &QPushButton::clicked, this, &TrainingDialog::useLibraryModel);
    connect(ui_->libraryView, &QTableView::doubleClicked, this, &TrainingDialog::useLibraryModel);
    connect(ui_->libraryReloadButton, &QPushButton::clicked, library_, &ModelLibraryModel::reload);
    connect(ui_->nameEdit, &QLineEdit::textEdited, this, [this] { setMessage(ui_->folderMessage, {}); });
    pollTimer_.setInterval(kPollMs);
    connect(&pollTimer_, &QTimer::timeout, this, &TrainingDialog::pollProgress);

    restoreSettings();
    setModelsFolder(settings_.value("training/modelsFolder", defaultModelsFolder()).toString());
    ui_->cValue->setText(QLocale().toString(chosenC(), 'g', 3));
    sourceChanged();
    showResults();
}

TrainingDialog::~TrainingDialog() = default;

QString TrainingDialog::defaultModelsFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("models"));
}

void TrainingDialog::setModelsFolder(const QString& folder)
{
    modelsFolder_ = folder;
    ui_->folderLabel->setText(QDir::toNativeSeparators(folder));
    setMessage(ui_->folderMessage, {});
    // The installed models are listed too, to switch back to or compare with.
    library_->setFolders({folder, InstalledData().modelsFolder()});
}

QString TrainingDialog::modelsFolder() const
{
    return modelsFolder_;
}

void TrainingDialog::restoreSettings()
{
    restoreGeometry(settings_.value("training/geometry").toByteArray());
    const QSignalBlocker blockSource(ui_->sourceCombo);
    ui_->sourceCombo->setCurrentIndex(settings_.value("training/source", LoadedData).toInt());
    filePath_ = settings_.value("training/file").toString();
    ui_->fileEdit->setText(filePath_);
    ui_->windowSpin->setValue(settings_.value("training/window", 5).toInt());
    ui_->transformCombo->setCurrentIndex(
        std::max(0, ui_->transformCombo->findData(settings_.value("training/transform", "relative"))));
    ui_->cSlider->setValue(settings_.value("training/cSlider", 0).toInt());
    ui_->holdOutSpin->setValue(settings_.value("training/holdOutPercent", 20).toInt());
    ui_->searchCheck->setChecked(settings_.value("training/searchC", false).toBool());
    ui_->poolCheck->setChecked(settings_.value("training/pool", false).toBool());
    ui_->dateRangeCheck->setChecked(settings_.value("training/dateRange", false).toBool());
    ui_->fromDate->setDate(settings_.value("training/from", QDate(1990, 1, 1)).toDate());
    ui_->toDate->setDate(settings_.value("training/to", QDate(2017, 12, 31)).toDate());
}

void TrainingDialog::saveSettings()
{
    settings_.setValue("training/geometry", saveGeometry());
    settings_.setValue("training/source", ui_->sourceCombo->currentIndex());
    settings_.setValue("training/stock", ui_->stockCombo->currentText());
    settings_.setValue("training/file", filePath_);
    settings_.setValue("training/window", ui_->windowSpin->value());
    settings_.setValue("training/transform", ui_->transformCombo->currentData());
    settings_.setValue("training/cSlider", ui_->cSlider->value());
    settings_.setValue("training/holdOutPercent", ui_->holdOutSpin->value());
    settings_.setValue("training/searchC", ui_->searchCheck->isChecked());
    settings_.setValue("training/pool", ui_->poolCheck->isChecked());
    settings_.setValue("training/dateRange", ui_->dateRangeCheck->isChecked());
    settings_.setValue("training/from", ui_->fromDate->date());
    settings_.setValue("training/to", ui_->toDate->date());
    settings_.setValue("training/modelsFolder", modelsFolder_);
}

void TrainingDialog::done(int result)
{
    cancelTraining();
    saveSettings();
    QDialog::done(result);
}

void TrainingDialog::setLoadedData(std::shared_ptr<const MarketData> data, const QString& path)
{
    const bool changed = data != loaded_;
    loaded_ = std::move(data);
    loadedPath_ = path;
    if (changed && ui_->sourceCombo->currentIndex() == LoadedData)
        sourceChanged();
}

void TrainingDialog::setSource(Source source)
{
    ui_->sourceCombo->setCurrentIndex(source);
}

bool TrainingDialog::setTickerFile(const QString& path)
{
    filePath_ = path;
    ui_->fileEdit->setText(path);
    file_.reset();
    if (ui_->sourceCombo->currentIndex() != TickerFile)
        setSource(TickerFile);
    else
        sourceChanged();
    return file_ != nullptr;
}

void TrainingDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Train on a ticker file"), QFileInfo(filePath_).path(),
                                                      tr("Price data (*.txt *.csv *.tsv *.jsonl *.json);;All files (*)"));
    if (!path.isEmpty())
        TableImport::open(this, settings_, path, [this, path](const TableOptions&) { setTickerFile(path); });
}

void TrainingDialog::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Models folder"), modelsFolder_);
    if (!folder.isEmpty())
        setModelsFolder(folder);
}

std::shared_ptr<const MarketData> TrainingDialog::sourceData(QString* error)
{
    switch (ui_->sourceCombo->currentIndex()) {
    case LoadedData:
        if (!loaded_)
            *error = tr("No data is open in the main window yet.");
        return loaded_;
    case BuiltInSample:
        if (!sample_) {
            const QString folder = BuiltInSample::folder(error);
            if (folder.isEmpty())
                return nullptr;
            LoadResult loaded = DataLoader::load(folder.toStdString());
            if (!loaded.data) {
                *error = QString::fromStdString(loaded.error);
                return nullptr;
            }
            sample_ = std::move(loaded.data);
        }
        return sample_;
    default:
        if (!file_) {
            if (filePath_.isEmpty()) {
                *error = tr("Choose a ticker file.");
                return nullptr;
            }
            LoadResult loaded = DataLoader::load(filePath_.toStdString(), nullptr, 0,
                                                 TableImport::remembered(settings_, filePath_).value_or(TableOptions{}));
            if (!loaded.data) {
                *error = QString::fromStdString(loaded.error);
                return nullptr;
            }
            if (loaded.data->stockCount() == 0) {
                *error = tr("%1 holds no closes.").arg(QFileInfo(filePath_).fileName());
                return nullptr;
            }
            file_ = std::move(loaded.data);
        }
        return file_;
    }
}

void TrainingDialog::sourceChanged()
{
    const int source = ui_->sourceCombo->currentIndex();
    ui_->fileEdit->setEnabled(source == TickerFile);
    ui_->browseButton->setEnabled(source == TickerFile);
    QString error;
    const auto data = sourceData(&error);
    const QString previous = ui_->stockCombo->currentText().isEmpty()
                                 ? settings_.value("training/stock", QStringLiteral("ibm.us")).toString()
                                 : ui_->stockCombo->currentText();
    {
        const QSignalBlocker block(ui_->stockCombo);
        ui_->stockCombo->clear();
        if (data)
            for (const StockSeries& s : data->stocks())
                ui_->stockCombo->addItem(QString::fromStdString(s.name));
        const int again = ui_->stockCombo->findText(previous);
        ui_->stockCombo->setCurrentIndex(again >= 0 ? again : 0);
    }
    if (data && ui_->dateRangeCheck->isChecked() == false) {
        const QSignalBlocker blockFrom(ui_->fromDate);
        const QSignalBlocker blockTo(ui_->toDate);
        ui_->fromDate->setDate(civilDate(data->firstTime()));
        ui_->toDate->setDate(civilDate(data->lastTime()));
    }
    updateForm();
    setMessage(ui_->dataMessage, data ? QString() : error);
}

TrainingOptions TrainingDialog::options() const
{
    TrainingOptions o;
    o.window = ui_->windowSpin->value();
    o.transform = features::parseTransform(ui_->transformCombo->currentData().toString().toStdString())
                      .value_or(FeatureTransform::Relative);
    o.c = chosenC();
    // Pooled stocks have no single chronology to hold a tail out of.
    o.testFraction = ui_->poolCheck->isChecked() ? 0.0 : ui_->holdOutSpin->value() / 100.0;
    return o;
}

double TrainingDialog::chosenC() const
{
    return std::pow(10.0, static_cast<double>(ui_->cSlider->value()) / kSliderStepsPerDecade);
}

const std::shared_ptr<const MarketData>& TrainingDialog::currentSource() const
{
    const int source = ui_->sourceCombo->currentIndex();
    return source == LoadedData ? loaded_ : source == BuiltInSample ? sample_ : file_;
}

std::shared_ptr<const MarketData> TrainingDialog::trainingData(QString* error) const
{
    const std::shared_ptr<const MarketData>& data = currentSource();
    if (!data)
        return nullptr;
    const bool ranged = ui_->dateRangeCheck->isChecked();
    const Timestamp from = dayStart(ui_->fromDate->date());
    const Timestamp to = dayEnd(ui_->toDate->date());
    if (ranged && from > to) {
        *error = tr("The date range ends before it starts.");
        return nullptr;
    }
    if (ui_->poolCheck->isChecked()) {
        if (!ranged)
            return data;
        std::vector<StockSeries> cut;
        for (const StockSeries& s : data->stocks())
            cut.push_back(slice(s, from, to));
        auto pooled = std::make_shared<const MarketData>(std::move(cut));
        if (pooled->stockCount() == 0)
            *error = tr("No stock has closes from %1 to %2.").arg(dateText(from), dateText(to));
        return pooled->stockCount() ? pooled : nullptr;
    }
    const int index = ui_->stockCombo->currentIndex();
    if (index < 0 || static_cast<std::size_t>(index) >= data->stockCount())
        return nullptr;
    const StockSeries& s = data->stock(static_cast<std::size_t>(index));
    StockSeries chosen = ranged ? slice(s, from, to) : s;
    if (chosen.size() == 0) {
        *error = tr("%1 has no closes from %2 to %3.").arg(QString::fromStdString(s.name), dateText(from), dateText(to));
        return nullptr;
    }
    return std::make_shared<const MarketData>(std::vector<StockSeries>{std::move(chosen)});
}

QString TrainingDialog::sourceFileName() const
{
    if (ui_->poolCheck->isChecked()) {
        switch (ui_->sourceCombo->currentIndex()) {
        case LoadedData: return QFileInfo(loadedPath_).fileName();
        case BuiltInSample: return tr("built-in sample");
        default: return QFileInfo(filePath_).fileName();
        }
    }
    if (ui_->sourceCombo->currentIndex() == TickerFile)
        return QFileInfo(filePath_).fileName();
    return ui_->stockCombo->currentText() + QStringLiteral(".txt");
}

void TrainingDialog::updateForm()
{
    const bool pooled = ui_->poolCheck->isChecked();
    ui_->stockCombo->setEnabled(!pooled);
    ui_->holdOutSpin->setEnabled(!pooled);
    ui_->searchCheck->setEnabled(!pooled);
    ui_->fromDate->setEnabled(ui_->dateRangeCheck->isChecked());
    ui_->toDate->setEnabled(ui_->dateRangeCheck->isChecked());
    const QString why = ModelTrainer::checkOptions(options());
    setMessage(ui_->windowMessage, sentence(why));
    ui_->trainButton->setEnabled(why.isEmpty() && currentSource() && !isTraining());
    updatePreview();
}

void TrainingDialog::updatePreview()
{
    ui_->previewChart->clear();
    ui_->statusLabel->clear();
    const std::shared_ptr<const MarketData>& source = currentSource();
    if (!source)
        return;
    if (ui_->poolCheck->isChecked()) {
        // Cut to the dates only when training: a whole market is a large copy.
        ui_->statusLabel->setText(tr("%1 stocks, %2 closes%3, pooled into one fit on all their examples.")
                                      .arg(source->stockCount())
                                      .arg(QLocale().toString(static_cast<qulonglong>(source->recordCount())))
                                      .arg(ui_->dateRangeCheck->isChecked() ? tr(" before the date range") : QString()));
        setMessage(ui_->dataMessage, {});
        return;
    }
    QString error;
    const auto data = trainingData(&error);
    setMessage(ui_->dataMessage, error);
    if (!data)
        return;
    const StockSeries& s = data->stock(0);
    const TrainingOptions o = options();
    if (!ModelTrainer::checkOptions(o).isEmpty()) {
        ui_->previewChart->show(s, std::nullopt);
        return;
    }
    const std::size_t examples = ExampleSet::countFor(s, o.window);
    const std::size_t trainCount = ModelTrainer::trainingCount(examples, o.testFraction);
    // The first close a held-out example is judged on.
    const std::size_t judged = trainCount + static_cast<std::size_t>(o.window);
    const bool split = trainCount < examples;
    ui_->previewChart->show(s, split ? std::optional(s.times[judged]) : std::nullopt);
    ui_->statusLabel->setText(tr("%1: %2 closes from %3 to %4; %5 examples, %6 to train on, %7 held out%8.")
                                  .arg(QString::fromStdString(s.name))
                                  .arg(QLocale().toString(static_cast<qulonglong>(s.size())))
                                  .arg(dateText(s.times.front()), dateText(s.times.back()))
                                  .arg(QLocale().toString(static_cast<qulonglong>(examples)))
                                  .arg(QLocale().toString(static_cast<qulonglong>(trainCount)))
                                  .arg(QLocale().toString(static_cast<qulonglong>(examples - trainCount)))
                                  .arg(split ? tr(" (judged from %1)").arg(dateText(s.times[judged])) : QString()));
}

void TrainingDialog::train()
{
    if (isTraining())
        return;
    TrainingOptions o = options();
    const QString why = ModelTrainer::checkOptions(o);
    if (!why.isEmpty()) {
        updateForm();
        emit trainingFinished(false);
        return;
    }
    QString error;
    const auto data = sourceData(&error) ? trainingData(&error) : nullptr;
    if (!data) {
        setMessage(ui_->dataMessage, error);
        emit trainingFinished(false);
        return;
    }
    setMessage(ui_->dataMessage, {});
    pooledRun_ = ui_->poolCheck->isChecked();
    trained_ = pooledRun_ ? nullptr : data;
    const bool searching = !pooledRun_ && ui_->searchCheck->isChecked();
    std::vector<double> grid;
    if (searching)
        grid = RegularizationSearch::logGrid(kMinC, kMaxC,
                                             static_cast<int>(std::lround(std::log10(kMaxC / kMinC))) + 1);
    job_ = std::make_unique<TrainingJob>(data, pooledRun_ ? std::nullopt : std::optional<std::size_t>(0),
                                         sourceFileName(), o, std::move(grid));
    connect(job_.get(), &TrainingJob::finished, this, &TrainingDialog::finishTraining, Qt::QueuedConnection);
    setBusy(true);
    ui_->statusLabel->setText(searching ? tr("Searching C, then training…") : tr("Training…"));
    saveSettings();
    job_->start();
    pollTimer_.start();
}

void TrainingDialog::cancelTraining()
{
    if (!job_)
        return;
    job_->cancel();
    ui_->statusLabel->setText(tr("Cancelling…"));
}

void TrainingDialog::setBusy(bool busy)
{
    ui_->trainButton->setEnabled(!busy);
    ui_->cancelButton->setEnabled(busy);
    ui_->dataGroup->setEnabled(!busy);
    ui_->modelGroup->setEnabled(!busy);
    if (busy)
        ui_->progressBar->setValue(0);
}

void TrainingDialog::pollProgress()
{
    if (job_)
        ui_->progressBar->setValue(static_cast<int>(job_->fraction() * ui_->progressBar->maximum()));
}

void TrainingDialog::finishTraining()
{
    pollTimer_.stop();
    ModelTrainer::Outcome outcome = job_->outcome();
    std::optional<RegularizationSearch::Result> search = job_->search();
    job_.reset();
    setBusy(false);
    updateForm();
    if (!outcome.model) {
        ui_->statusLabel->setText(outcome.cancelled ? tr("Training cancelled; the results shown are the last run's.")
                                                    : tr("Training failed."));
        ui_->progressBar->setValue(0);
        if (!outcome.cancelled)
            setMessage(ui_->dataMessage, sentence(outcome.error));
        emit trainingFinished(false);
        return;
    }
    ui_->progressBar->setValue(ui_->progressBar->maximum());
    outcome_ = std::move(outcome);
    search_ = std::move(search);
    holdOutTrades_.reset();
    if (outcome_->test && trained_) {
        // The hold-out's examples are the last ones: their windows start at
        // the close the held-out count is from the end of the examples.
        const std::size_t from = outcome_->examples - outcome_->test->examples();
        holdOutTrades_ = backtestStretch(trained_->stock(0), from,
                                         std::make_shared<const LogisticModel>(*outcome_->model), tradingCostBps_)
                             .portfolio;
    }
    savedPath_.clear();
    const double c = outcome_->model->regularizationC();
    if (search_) {
        // The slider shows the C the model was fitted with.
        const QSignalBlocker block(ui_->cSlider);
        ui_->cSlider->setValue(static_cast<int>(std::lround(std::log10(c) * kSliderStepsPerDecade)));
        ui_->cValue->setText(QLocale().toString(chosenC(), 'g', 3));
    }
    // The fit saw the training part only; the rest was held out for the verdict.
    const std::size_t heldOut = outcome_->test ? outcome_->test->examples() : 0;
    const QString fitted = tr("%1 examples").arg(QLocale().toString(static_cast<qulonglong>(outcome_->examples - heldOut)));
    const double seconds = outcome_->fitSeconds;
    ui_->statusLabel->setText(
        tr("Trained with C = %1%2 in %5 (%6 Newton steps) on %3%4.")
            .arg(QLocale().toString(c, 'g', 3))
            .arg(search_ ? tr(", chosen by the walk-forward search") : QString())
            .arg(fitted)
            .arg(heldOut > 0 ? tr(", %1 held out").arg(QLocale().toString(static_cast<qulonglong>(heldOut))) : QString())
            .arg(seconds < 1 ? tr("%1 ms").arg(QLocale().toString(seconds * 1000, 'f', 1))
                             : tr("%1 s").arg(QLocale().toString(seconds, 'f', 2)))
            .arg(outcome_->fit.iterations));
    suggestName();
    showResults();
    emit trainingFinished(true);
}

void TrainingDialog::showResults()
{
    const bool has = outcome_.has_value();
    ui_->saveButton->setEnabled(has);
    ui_->useButton->setEnabled(has);
    ui_->nameEdit->setEnabled(has);
    showMetrics(HoldOut, has && outcome_->test ? &*outcome_->test : nullptr);
    showMetrics(Training, has && outcome_->train ? &*outcome_->train : nullptr);
    const ClassificationMetrics* judged = has ? (outcome_->test ? &*outcome_->test : &*outcome_->train) : nullptr;
    ui_->confusionTitle->setText(has && !outcome_->test ? tr("Training confusion matrix (nothing held out)")
                                                        : tr("Hold-out confusion matrix"));
    if (judged) {
        const std::array<std::uint64_t, 4> cells{judged->truePositives(), judged->falseNegatives(),
                                                 judged->falsePositives(), judged->trueNegatives()};
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const auto count = static_cast<qulonglong>(cells[i]);
            ui_->confusionTable->setItem(static_cast<int>(i / 2), static_cast<int>(i % 2),
                                         figureItem(QLocale().toString(count), count));
        }
        ui_->rocChart->show(*judged);
        ui_->calibrationChart->show(*judged);
        showCoefficients(*outcome_->model);
    } else {
        ui_->confusionTable->clearContents();
        ui_->rocChart->clear();
        ui_->calibrationChart->clear();
        ui_->coefficientTable->setRowCount(0);
    }
    if (search_) {
        ui_->regularizationChart->show(*search_);
        ui_->searchLabel->setText(tr("Walk-forward validation on the training part chose C = %1 (lowest log loss "
                                     "over %2 predicted examples).")
                                      .arg(QLocale().toString(search_->bestC, 'g', 3))
                                      .arg(QLocale().toString(static_cast<qulonglong>(search_->curve.front().examples))));
    } else {
        ui_->regularizationChart->clear();
    }
    showVerdict();
}

void TrainingDialog::showMetrics(int column, const ClassificationMetrics* m)
{
    for (int row = 0; row < MetricRowCount; ++row) {
        if (!m) {
            ui_->metricsTable->setItem(row, column, figureItem(QStringLiteral("–"), {}));
            continue;
        }
        const Tally& t = m->tally();
        const auto optional = [](std::optional<double> v, int digits) {
            return v ? figureItem(decimal(*v, digits), *v) : figureItem(tr("undefined"), {});
        };
        QTableWidgetItem* item = nullptr;
        switch (row) {
        case Examples: item = figureItem(QLocale().toString(static_cast<qulonglong>(m->examples())),
                                         static_cast<qulonglong>(m->examples())); break;
        case Accuracy: item = figureItem(percent(t.accuracy()), t.accuracy()); break;
        case Interval: item = figureItem(tr("%1 – %2").arg(percent(m->accuracyLow()), percent(m->accuracyHigh())),
                                         QVariantList{m->accuracyLow(), m->accuracyHigh()}); break;
        case AlwaysUp: item = figureItem(percent(t.alwaysUpAccuracy()), t.alwaysUpAccuracy()); break;
        case AlwaysDown: item = figureItem(percent(t.alwaysDownAccuracy()), t.alwaysDownAccuracy()); break;
        case LastMove: item = figureItem(percent(t.lastMoveAccuracy()), t.lastMoveAccuracy()); break;
        case Precision: item = optional(m->precision(), 4); break;
        case Recall: item = optional(m->recall(), 4); break;
        case RocAuc: item = optional(m->rocAuc(), 4); break;
        case LogLoss: item = figureItem(decimal(m->logLoss(), 5), m->logLoss()); break;
        default: item = figureItem(decimal(m->brier(), 5), m->brier()); break;
        }
        ui_->metricsTable->setItem(row, column, item);
    }
}

void TrainingDialog::showVerdict()
{
    ui_->holdOutTradesLabel->setText(holdOutTrades_ ? BacktestSentence::of(*holdOutTrades_, tradingCostBps_) : QString());
    if (!outcome_) {
        ui_->verdictLabel->setText(tr("Train a model to see how it does on the hold-out, beside the naive baselines."));
        return;
    }
    if (!outcome_->test) {
        ui_->verdictLabel->setText(tr("<b>Nothing was held out.</b> The figures are on the examples the model was "
                                      "fitted to, which flatters it; judge a pooled model in a replay, where every "
                                      "call is scored beside the baselines."));
        return;
    }
    ui_->verdictLabel->setText(HoldOutVerdict::of(*outcome_->test).text());
}

void TrainingDialog::showCoefficients(const LogisticModel& model)
{
    const std::vector<std::string> names = features::names(model.transform(), model.window());
    const auto& weights = model.weights();
    ui_->coefficientTable->setRowCount(static_cast<int>(weights.size()) + 1);
    for (std::size_t i = 0; i <= weights.size(); ++i) {
        const bool intercept = i == weights.size();
        const double value = intercept ? model.intercept() : weights[i];
        const auto row = static_cast<int>(i);
        ui_->coefficientTable->setItem(row, 0, new QTableWidgetItem(intercept ? tr("intercept")
                                                                              : QString::fromStdString(names[i])));
        ui_->coefficientTable->setItem(row, 1, figureItem(QLocale().toString(value, 'g', 6), value));
    }
}

void TrainingDialog::suggestName()
{
    const LogisticModel& m = *outcome_->model;
    const QString what = pooledRun_ ? tr("pooled-%1").arg(m.trainedOn().value("stocks").toInt())
                                    : m.trainedOn().value("stock").toString();
    const QString base = QStringLiteral("%1-%2-w%3")
                             .arg(what, QString::fromUtf8(features::transformName(m.transform())))
                             .arg(m.window());
    QString name = base;
    const QDir folder(modelsFolder_);
    for (int n = 2; folder.exists(name + QStringLiteral(".json")); ++n)
        name = QStringLiteral("%1-%2").arg(base).arg(n);
    ui_->nameEdit->setText(name);
}

bool TrainingDialog::save()
{
    if (!outcome_)
        return false;
    QString name = ui_->nameEdit->text().trimmed();
    if (name.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        name.chop(5);
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\'))) {
        setMessage(ui_->folderMessage, tr("Give the model a file name, without folders."));
        return false;
    }
    if (!QDir().mkpath(modelsFolder_) || !QFileInfo(modelsFolder_).isWritable()) {
        setMessage(ui_->folderMessage, tr("Cannot write to the models folder %1; choose another with Change….")
                                           .arg(QDir::toNativeSeparators(modelsFolder_)));
        return false;
    }
    const QString path = QDir(modelsFolder_).filePath(name + QStringLiteral(".json"));
    QString error;
    if (!outcome_->model->save(path, &error)) {
        setMessage(ui_->folderMessage, error);
        return false;
    }
    setMessage(ui_->folderMessage, {});
    savedPath_ = path;
    library_->reload();
    ui_->statusLabel->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool TrainingDialog::useNow()
{
    if (!outcome_ || (savedPath_.isEmpty() && !save()))
        return false;
    // Read back, so the app shows and remembers the file it now scores with.
    QString error;
    auto model = LogisticModel::load(savedPath_, &error);
    if (!model) {
        setMessage(ui_->folderMessage, error);
        return false;
    }
    emit modelChosen(std::make_shared<const LogisticModel>(std::move(*model)));
    ui_->statusLabel->setText(tr("%1 is now the active model.").arg(QFileInfo(savedPath_).completeBaseName()));
    return true;
}

bool TrainingDialog::useLibraryModel()
{
    const auto* proxy = static_cast<QSortFilterProxyModel*>(ui_->libraryView->model());
    const int row = proxy->mapToSource(ui_->libraryView->currentIndex()).row();
    const LogisticModel* model = library_->model(row);
    if (!model)
        return false;
    emit modelChosen(std::make_shared<const LogisticModel>(*model));
    ui_->statusLabel->setText(tr("%1 is now the active model.").arg(QFileInfo(library_->path(row)).completeBaseName()));
    return true;
}

} // namespace ss
