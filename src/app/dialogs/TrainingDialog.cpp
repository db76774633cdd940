#include "TrainingDialog.h"
#include "ui_TrainingDialog.h"

#include "ModelLibraryView.h"
#include "app/jobs/TrainingJob.h"
#include "app/models/ModelLibraryModel.h"
#include "core/backtest/StretchBacktest.h"
#include "core/model/ExampleSet.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QScreen>
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
constexpr double kMaxScreenShare = 0.95;
// The C slider moves in tenths of a decade.
constexpr int kSliderStepsPerDecade = 10;

QString dateText(Timestamp t)
{
    return QString::fromStdString(timestamp::formatDate(t));
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

} // namespace

TrainingDialog::TrainingDialog(QWidget* parent)
    : QDialog(parent), ui_(std::make_unique<Ui::TrainingDialog>()), libraryView_(new ModelLibraryView(this))
{
    ui_->setupUi(this);
    ui_->resultsTabs->addTab(libraryView_, tr("Model library"));
    for (QLabel* message : {ui_->windowMessage, ui_->folderMessage}) {
        message->setStyleSheet(QStringLiteral("color: #c0392b"));
        setMessage(message, {});
    }
    ui_->transformCombo->addItem(tr("relative (scale-free)"), QStringLiteral("relative"));
    ui_->transformCombo->addItem(tr("raw closes (as the thesis)"), QStringLiteral("raw"));
    ui_->cSlider->setRange(static_cast<int>(std::lround(std::log10(kMinC) * kSliderStepsPerDecade)),
                           static_cast<int>(std::lround(std::log10(kMaxC) * kSliderStepsPerDecade)));
    ui_->cSlider->setValue(0);
    ui_->cancelButton->setEnabled(false);

    connect(ui_->dataGroup, &TrainingSourcePicker::changed, this, &TrainingDialog::updateForm);
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
    connect(libraryView_, &ModelLibraryView::modelChosen, this, &TrainingDialog::useLibraryModel);
    connect(ui_->nameEdit, &QLineEdit::textEdited, this, [this] { setMessage(ui_->folderMessage, {}); });
    pollTimer_.setInterval(kPollMs);
    connect(&pollTimer_, &QTimer::timeout, this, &TrainingDialog::pollProgress);

    restoreSettings();
    setModelsFolder(settings_.value("training/modelsFolder", defaultModelsFolder()).toString());
    ui_->cValue->setText(QLocale().toString(chosenC(), 'g', 3));
    updateForm();
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
    libraryView_->setFolder(folder);
}

ModelLibraryModel* TrainingDialog::library() const
{
    return libraryView_->library();
}

TrainingSourcePicker* TrainingDialog::sources() const
{
    return ui_->dataGroup;
}

QString TrainingDialog::modelsFolder() const
{
    return modelsFolder_;
}

void TrainingDialog::restoreSettings()
{
    // First opened, the form's size, or less on a screen smaller than it
    // (its buttons would be below the screen's edge).
    if (!restoreGeometry(settings_.value("training/geometry").toByteArray()))
        resize(size().boundedTo(screen()->availableGeometry().size() * kMaxScreenShare));
    ui_->windowSpin->setValue(settings_.value("training/window", 5).toInt());
    ui_->transformCombo->setCurrentIndex(
        std::max(0, ui_->transformCombo->findData(settings_.value("training/transform", "relative"))));
    ui_->cSlider->setValue(settings_.value("training/cSlider", 0).toInt());
    ui_->holdOutSpin->setValue(settings_.value("training/holdOutPercent", 20).toInt());
    ui_->searchCheck->setChecked(settings_.value("training/searchC", false).toBool());
    ui_->dataGroup->restoreSettings(settings_);
}

void TrainingDialog::saveSettings()
{
    settings_.setValue("training/geometry", saveGeometry());
    ui_->dataGroup->saveSettings(settings_);
    settings_.setValue("training/window", ui_->windowSpin->value());
    settings_.setValue("training/transform", ui_->transformCombo->currentData());
    settings_.setValue("training/cSlider", ui_->cSlider->value());
    settings_.setValue("training/holdOutPercent", ui_->holdOutSpin->value());
    settings_.setValue("training/searchC", ui_->searchCheck->isChecked());
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
    ui_->dataGroup->setLoadedData(std::move(data), path);
}

void TrainingDialog::setSource(Source source)
{
    ui_->dataGroup->setSource(source);
}

void TrainingDialog::setTickerFile(const QString& path)
{
    ui_->dataGroup->setTickerFile(path);
}

void TrainingDialog::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Models folder"), modelsFolder_);
    if (!folder.isEmpty())
        setModelsFolder(folder);
}

TrainingOptions TrainingDialog::options() const
{
    TrainingOptions o;
    o.window = ui_->windowSpin->value();
    o.transform = features::parseTransform(ui_->transformCombo->currentData().toString().toStdString())
                      .value_or(FeatureTransform::Relative);
    o.c = chosenC();
    // Pooled stocks have no single chronology to hold a tail out of.
    o.testFraction = ui_->dataGroup->pooled() ? 0.0 : ui_->holdOutSpin->value() / 100.0;
    return o;
}

double TrainingDialog::chosenC() const
{
    return std::pow(10.0, static_cast<double>(ui_->cSlider->value()) / kSliderStepsPerDecade);
}

void TrainingDialog::updateForm()
{
    const bool pooled = ui_->dataGroup->pooled();
    ui_->holdOutSpin->setEnabled(!pooled);
    ui_->searchCheck->setEnabled(!pooled);
    const QString why = ModelTrainer::checkOptions(options());
    setMessage(ui_->windowMessage, sentence(why));
    ui_->trainButton->setEnabled(why.isEmpty() && ui_->dataGroup->data() && !isTraining());
    updatePreview();
}

void TrainingDialog::updatePreview()
{
    ui_->previewChart->clear();
    ui_->statusLabel->clear();
    const std::shared_ptr<const MarketData>& source = ui_->dataGroup->data();
    if (!source)
        return;
    if (ui_->dataGroup->pooled()) {
        // Cut to the dates only when training: a whole market is a large copy.
        ui_->statusLabel->setText(tr("%1 stocks, %2 closes%3, pooled into one fit on all their examples.")
                                      .arg(source->stockCount())
                                      .arg(QLocale().toString(static_cast<qulonglong>(source->recordCount())))
                                      .arg(ui_->dataGroup->ranged() ? tr(" before the date range") : QString()));
        ui_->dataGroup->showProblem({});
        return;
    }
    QString error;
    const auto data = ui_->dataGroup->trainingData(&error);
    ui_->dataGroup->showProblem(error);
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
    if (!ui_->dataGroup->data())
        error = ui_->dataGroup->isLoading() ? tr("The data is still being read.") : tr("Choose data to train on.");
    const auto data = ui_->dataGroup->trainingData(&error);
    if (!data) {
        ui_->dataGroup->showProblem(error);
        emit trainingFinished(false);
        return;
    }
    ui_->dataGroup->showProblem({});
    pooledRun_ = ui_->dataGroup->pooled();
    trained_ = pooledRun_ ? nullptr : data;
    const bool searching = !pooledRun_ && ui_->searchCheck->isChecked();
    std::vector<double> grid;
    if (searching)
        grid = RegularizationSearch::logGrid(kMinC, kMaxC,
                                             static_cast<int>(std::lround(std::log10(kMaxC / kMinC))) + 1);
    job_ = std::make_unique<TrainingJob>(data, pooledRun_ ? std::nullopt : std::optional<std::size_t>(0),
                                         ui_->dataGroup->sourceFileName(), o, std::move(grid));
    connect(job_.get(), &TrainingJob::finished, this, &TrainingDialog::finishTraining, Qt::QueuedConnection);
    setBusy(true);
    // The last fit's figures are not this one's: nothing of them is shown,
    // saved or used until the fit ends.
    showResults();
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
        showResults();
        ui_->statusLabel->setText(outcome.cancelled ? tr("Training cancelled; the results shown are the last run's.")
                                                    : tr("Training failed."));
        ui_->progressBar->setValue(0);
        if (!outcome.cancelled)
            ui_->dataGroup->showProblem(sentence(outcome.error));
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
    const bool has = outcome_.has_value() && !isTraining();
    ui_->saveButton->setEnabled(has);
    ui_->useButton->setEnabled(has);
    ui_->nameEdit->setEnabled(has);
    if (has)
        ui_->resultsTabs->showFit(*outcome_, search_, holdOutTrades_, tradingCostBps_);
    else
        ui_->resultsTabs->showNothing(isTraining()
                                          ? tr("Training… The figures appear here when the fit ends.")
                                          : tr("Train a model to see how it does on the hold-out, beside the naive "
                                               "baselines."));
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
    if (!outcome_ || isTraining())
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
    library()->reload();
    ui_->statusLabel->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool TrainingDialog::useNow()
{
    if (!outcome_ || isTraining() || (savedPath_.isEmpty() && !save()))
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

void TrainingDialog::useLibraryModel(std::shared_ptr<const LogisticModel> model, const QString& path)
{
    emit modelChosen(std::move(model));
    ui_->statusLabel->setText(tr("%1 is now the active model.").arg(QFileInfo(path).completeBaseName()));
}

} // namespace ss
