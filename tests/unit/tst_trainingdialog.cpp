// Model ▸ Train model… driven as a user would, in the main window on the
// built-in sample: train on ibm.us.txt, check every figure shown against
// ModelTrainer run here on the same file, save, use now, and see the
// engine score with the new weights and the chart mark the switch; every
// source; bad input; Cancel of a pooled fit while it runs.
#include "Patience.h"
#include "SourceRead.h"
#include "app/panels/BacktestSentence.h"
#include "app/charts/CalibrationChart.h"
#include "app/charts/ChartView.h"
#include "app/panels/HoldOutVerdict.h"
#include "app/MainWindow.h"
#include "app/models/ModelLibraryModel.h"
#include "app/charts/RegularizationChart.h"
#include "app/charts/RocChart.h"
#include "app/charts/StockChartPanel.h"
#include "app/dialogs/TrainingDialog.h"
#include "app/charts/TrainingPreviewChart.h"
#include "core/data/DataLoader.h"
#include "core/model/ExampleSet.h"
#include "core/model/ModelTrainer.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace ss;

namespace {

const QString kSample = QStringLiteral(STOCKSTREAM_SAMPLE_DIR);
const QString kIbm = kSample + QStringLiteral("/ibm.us.txt");
// The trading cost of a window whose settings were cleared.
constexpr double kCostBps = 5;

QString writeTicker(const QString& path, const std::vector<double>& closes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write("Date,Open,High,Low,Close,Volume,OpenInt\r\n");
    QDate day(2000, 1, 3);
    for (double c : closes) {
        file.write(QStringLiteral("%1,%2,%2,%2,%2,100,0\r\n").arg(day.toString(Qt::ISODate)).arg(c).toLatin1());
        day = day.addDays(1);
    }
    return path;
}

} // namespace

class TestTrainingDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void readsASourceInTheBackground();
    void trainsOnIbmAndShowsTheTrainersFigures();
    void savesAndUsesTheModelNow();
    void marksTheSwitchOnTheChart();
    void offersARestartOnceTheReplayHasFinished();
    void searchesCOnTheTrainingPart();
    void switchesToALibraryModel();
    void trainsOnADateRange();
    void badInput_data();
    void badInput();
    void unwritableFolderIsNamed();
    void trainsOnEachSource_data();
    void trainsOnEachSource();
    void cancelsAPooledFitMidWay();
    void remembersTheLastChoices();
    void screenshotOfTheResults();
    void cleanupTestCase();

private:
    template <typename T>
    T* child(const char* name) const
    {
        T* w = dialog_->findChild<T*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no %s in the dialog", name);
        return w;
    }
    bool trainAndWait();
    double figure(int row, int column) const
    {
        return child<QTableWidget>("metricsTable")->item(row, column)->data(TrainingDialog::FigureRole).toDouble();
    }

    std::unique_ptr<MainWindow> window_;
    TrainingDialog* dialog_ = nullptr;
    // The progress bar's values during the last trainAndWait().
    QList<int> progress_;
    QTemporaryDir scratch_;
    QString models_;
    std::shared_ptr<const MarketData> ibm_;
};

void TestTrainingDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StockStreamTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_trainingdialog"));
    // Settings of this process's own: runs side by side never share a log.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch_.path());
    QSettings().clear();
    QSettings().setValue("log/enabled", false);
    models_ = scratch_.filePath(QStringLiteral("models"));

    const LoadResult loaded = DataLoader::load(kIbm.toStdString());
    QVERIFY(loaded.data && loaded.data->stockCount() == 1);
    ibm_ = loaded.data;

    window_ = std::make_unique<MainWindow>();
    window_->resize(1200, 800);
    window_->show();
    QSignalSpy opened(window_.get(), &MainWindow::dataLoaded);
    window_->openInitial(QString());
    QVERIFY(opened.wait(kPatienceMs));
    QVERIFY(opened.front().front().toBool());

    // Through the menu, as the user opens it.
    auto* action = window_->findChild<QAction*>(QStringLiteral("actionTrainModel"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+T")));
    action->trigger();
    dialog_ = window_->findChild<TrainingDialog*>();
    QVERIFY(dialog_ && dialog_->isVisible());
    dialog_->setModelsFolder(models_);
}

bool TestTrainingDialog::trainAndWait()
{
    QSignalSpy finished(dialog_, &TrainingDialog::trainingFinished);
    progress_.clear();
    const auto recording = connect(child<QProgressBar>("progressBar"), &QProgressBar::valueChanged, this,
                                   [this](int value) { progress_.append(value); });
    const auto stopRecording = qScopeGuard([recording] { QObject::disconnect(recording); });
    QTest::mouseClick(child<QPushButton>("trainButton"), Qt::LeftButton);
    if (finished.isEmpty() && !finished.wait(120000))
        return false;
    return finished.front().front().toBool();
}

// A ticker file is read off the GUI thread: meanwhile the dialog says so
// and offers nothing to train on.
void TestTrainingDialog::readsASourceInTheBackground()
{
    dialog_->setTickerFile(kIbm);
    QVERIFY(dialog_->sources()->isLoading());
    QVERIFY(!child<QPushButton>("trainButton")->isEnabled());
    QVERIFY2(child<QLabel>("dataMessage")->text().startsWith(QStringLiteral("Reading")),
             qPrintable(child<QLabel>("dataMessage")->text()));
    QVERIFY(sourceRead(*dialog_));
    QVERIFY(child<QLabel>("dataMessage")->isHidden());
    QVERIFY(child<QPushButton>("trainButton")->isEnabled());
    QCOMPARE(child<QComboBox>("stockCombo")->currentText(), QStringLiteral("ibm.us"));
}

void TestTrainingDialog::trainsOnIbmAndShowsTheTrainersFigures()
{
    dialog_->setTickerFile(kIbm);
    QVERIFY(sourceRead(*dialog_));
    child<QSpinBox>("windowSpin")->setValue(5);
    auto* transform = child<QComboBox>("transformCombo");
    transform->setCurrentIndex(transform->findData(QStringLiteral("relative")));
    child<QSlider>("cSlider")->setValue(0);  // C = 10^0
    child<QSpinBox>("holdOutSpin")->setValue(20);
    child<QCheckBox>("poolCheck")->setChecked(false);
    child<QCheckBox>("dateRangeCheck")->setChecked(false);
    child<QCheckBox>("searchCheck")->setChecked(false);
    QVERIFY(trainAndWait());

    TrainingOptions options;
    options.window = 5;
    options.transform = FeatureTransform::Relative;
    options.c = 1;
    options.testFraction = 0.2;
    const auto expected = ModelTrainer::train(ibm_->stock(0), QStringLiteral("ibm.us.txt"), options);
    QVERIFY2(expected.model && expected.test && expected.train, qPrintable(expected.error));
    // The status names what the fit saw, the training part, and what was held out.
    const QString status = child<QLabel>("statusLabel")->text();
    QVERIFY2(status.contains(QStringLiteral("on %1 examples, %2 held out")
                                 .arg(QLocale().toString(static_cast<qulonglong>(expected.train->examples())),
                                      QLocale().toString(static_cast<qulonglong>(expected.test->examples())))),
             qPrintable(status));

    for (const auto& [column, m] : {std::pair{int(TrainingDialog::HoldOut), &*expected.test},
                                    std::pair{int(TrainingDialog::Training), &*expected.train}}) {
        const Tally& t = m->tally();
        QCOMPARE(figure(TrainingDialog::Examples, column), static_cast<double>(m->examples()));
        QCOMPARE(figure(TrainingDialog::Accuracy, column), t.accuracy());
        const QVariantList interval = child<QTableWidget>("metricsTable")
                                          ->item(TrainingDialog::Interval, column)
                                          ->data(TrainingDialog::FigureRole)
                                          .toList();
        QCOMPARE(interval.size(), 2);
        QCOMPARE(interval[0].toDouble(), m->accuracyLow());
        QCOMPARE(interval[1].toDouble(), m->accuracyHigh());
        QCOMPARE(figure(TrainingDialog::AlwaysUp, column), t.alwaysUpAccuracy());
        QCOMPARE(figure(TrainingDialog::AlwaysDown, column), t.alwaysDownAccuracy());
        QCOMPARE(figure(TrainingDialog::LastMove, column), t.lastMoveAccuracy());
        QCOMPARE(figure(TrainingDialog::Precision, column), *m->precision());
        QCOMPARE(figure(TrainingDialog::Recall, column), *m->recall());
        QCOMPARE(figure(TrainingDialog::RocAuc, column), *m->rocAuc());
        QCOMPARE(figure(TrainingDialog::LogLoss, column), m->logLoss());
        QCOMPARE(figure(TrainingDialog::Brier, column), m->brier());
    }

    const ClassificationMetrics& test = *expected.test;
    auto* confusion = child<QTableWidget>("confusionTable");
    QCOMPARE(confusion->item(0, 0)->data(TrainingDialog::FigureRole).toULongLong(), test.truePositives());
    QCOMPARE(confusion->item(0, 1)->data(TrainingDialog::FigureRole).toULongLong(), test.falseNegatives());
    QCOMPARE(confusion->item(1, 0)->data(TrainingDialog::FigureRole).toULongLong(), test.falsePositives());
    QCOMPARE(confusion->item(1, 1)->data(TrainingDialog::FigureRole).toULongLong(), test.trueNegatives());

    // Coefficients under the trainer's feature names, then the intercept.
    auto* coefficients = child<QTableWidget>("coefficientTable");
    const auto names = features::names(FeatureTransform::Relative, 5);
    QCOMPARE(coefficients->rowCount(), static_cast<int>(names.size()) + 1);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const int row = static_cast<int>(i);
        QCOMPARE(coefficients->item(row, 0)->text(), QString::fromStdString(names[i]));
        QCOMPARE(coefficients->item(row, 1)->data(TrainingDialog::FigureRole).toDouble(), expected.model->weights()[i]);
    }
    QCOMPARE(coefficients->item(static_cast<int>(names.size()), 1)->data(TrainingDialog::FigureRole).toDouble(),
             expected.model->intercept());

    QCOMPARE(dialog_->findChild<RocChart*>()->curve()->count(), static_cast<int>(test.rocCurve().size()));

    // The calibration chart: the held-out calls by rising p_up, worked out
    // here from the trainer's weights, cut into ten runs of equally many
    // (run b holds calls n·b/10 up to n·(b+1)/10), each run's mean p_up
    // against the share of it that went up.
    const ExampleSet rows = ExampleSet::fromSeries(ibm_->stock(0), FeatureTransform::Relative, 5);
    const std::size_t trainCount = rows.size() - rows.size() / 5;
    std::vector<std::pair<double, double>> calls;  // p_up, went up
    for (std::size_t i = trainCount; i < rows.size(); ++i) {
        double margin = expected.model->intercept();
        for (std::size_t j = 0; j < expected.model->weights().size(); ++j)
            margin += expected.model->weights()[j] * rows.features()(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
        calls.emplace_back(1 / (1 + std::exp(-margin)), rows.labels()(static_cast<Eigen::Index>(i)));
    }
    std::sort(calls.begin(), calls.end());
    const QLineSeries* bins = dialog_->findChild<CalibrationChart*>()->bins();
    QCOMPARE(bins->count(), 10);
    for (std::size_t b = 0; b < 10; ++b) {
        const std::size_t from = calls.size() * b / 10;
        const std::size_t to = calls.size() * (b + 1) / 10;
        double p = 0;
        double ups = 0;
        for (std::size_t i = from; i < to; ++i) {
            p += calls[i].first;
            ups += calls[i].second;
        }
        const auto k = static_cast<double>(to - from);
        const QPointF point = bins->at(static_cast<int>(b));
        QVERIFY2(std::abs(point.x() - p / k) < 1e-12, qPrintable(QString::number(b)));
        QCOMPARE(point.y(), ups / k);
    }

    // The progress bar went only forwards, and ends full.
    auto* progress = child<QProgressBar>("progressBar");
    QVERIFY(!progress_.isEmpty());
    QVERIFY(std::is_sorted(progress_.begin(), progress_.end()));
    QCOMPARE(progress_.back(), progress->maximum());
    QCOMPARE(progress->value(), progress->maximum());

    // The preview marks the first close a held-out example is judged on:
    // of the n = closes - 5 examples the last floor(n / 5) are held out.
    const std::size_t examples = ibm_->stock(0).size() - 5;
    const std::size_t judged = examples - examples / 5 + 5;
    const QLineSeries* split = dialog_->findChild<TrainingPreviewChart*>()->split();
    QCOMPARE(split->count(), 2);
    QCOMPARE(split->at(0).x(), ChartView::axisValue(ibm_->stock(0).times[judged]));
    QVERIFY(dialog_->findChild<TrainingPreviewChart*>()->price()->count() > 100);

    // The plain words are the verdict on the trainer's hold-out figures
    // (every branch of it: tst_holdoutverdict).
    QCOMPARE(child<QLabel>("verdictLabel")->text(), HoldOutVerdict::of(test).text());

    // Beside it, the hold-out's calls traded: one period a held-out example,
    // from the first close a held-out call is made on to the last close.
    const auto& trades = dialog_->holdOutTrades();
    QVERIFY(trades);
    const EquityAccount& held = accountOf(*trades, Strategy::BuyAndHold);
    QCOMPARE(held.periods, test.examples());
    QCOMPARE(held.start, ibm_->stock(0).times[judged - 1]);
    QCOMPARE(held.end, ibm_->stock(0).times.back());
    // Buying and holding is the stock's own rise over those days, the entry
    // charged on the first day's return.
    const std::vector<double>& closes = ibm_->stock(0).closes;
    const double firstDay = closes[judged] / closes[judged - 1] - kCostBps / 10000;
    const double heldEquity = firstDay * closes.back() / closes[judged];
    QVERIFY2(std::abs(held.series.equity - heldEquity) < 1e-9 * heldEquity,
             qPrintable(QStringLiteral("%1 against %2").arg(held.series.equity).arg(heldEquity)));
    QCOMPARE(child<QLabel>("holdOutTradesLabel")->text(), BacktestSentence::of(*trades, kCostBps));
    QVERIFY(child<QLabel>("holdOutTradesLabel")->text().contains(QStringLiteral("(long/flat, 5 bps a trade)")));
}

void TestTrainingDialog::savesAndUsesTheModelNow()
{
    QVERIFY(dialog_->outcome());
    QCOMPARE(child<QLineEdit>("nameEdit")->text(), QStringLiteral("ibm.us-relative-w5"));
    QTest::mouseClick(child<QPushButton>("saveButton"), Qt::LeftButton);
    const QString path = QDir(models_).filePath(QStringLiteral("ibm.us-relative-w5.json"));
    QCOMPARE(dialog_->savedPath(), path);
    QString error;
    const auto saved = LogisticModel::load(path, &error);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(saved->weights(), dialog_->outcome()->model->weights());
    QVERIFY(dialog_->library()->rowOf(path) >= 0);

    QTest::mouseClick(child<QPushButton>("useButton"), Qt::LeftButton);
    ReplayEngine* engine = window_->engine();
    QTRY_VERIFY_WITH_TIMEOUT(engine->snapshot().model && engine->snapshot().model->sourcePath() == path, kPatienceMs);
    QCOMPARE(engine->snapshot().model->weights(), saved->weights());

    // The next windows are scored with the new weights: ibm.us's latest
    // call, worked out here from its closes.
    engine->step(40000);
    QTRY_VERIFY_WITH_TIMEOUT(engine->progress().processed == 40000 && engine->state() != ReplayState::Playing, kPatienceMs);
    const ReplaySnapshot snapshot = engine->snapshot();
    const std::size_t ibm = *engine->data()->indexOf("ibm.us");
    const StockStatus& status = snapshot.stocks[ibm];
    QVERIFY(status.hasCall);
    const auto& closes = engine->data()->stock(ibm).closes;
    const std::size_t last = status.records - 1;
    double margin = saved->intercept();
    for (std::size_t k = 0; k < 4; ++k)
        margin += saved->weights()[k] * (closes[last - 4 + k] / closes[last] - 1);
    QVERIFY(std::abs(status.pUp() - 1 / (1 + std::exp(-margin))) < 1e-12);
    QCOMPARE(QSettings().value("model/last").toString(), path);
}

// Replayed some way with the built-in model, then Use now: the p_up chart
// draws a dashed line at the date of the last record the old model scored.
void TestTrainingDialog::marksTheSwitchOnTheChart()
{
    ReplayEngine* engine = window_->engine();
    window_->findChild<QAction*>(QStringLiteral("actionDefaultModel"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(engine->snapshot().model->sourcePath(), QString::fromLatin1(LogisticModel::kBuiltIn),
                              kPatienceMs);
    engine->restart();
    QTRY_VERIFY_WITH_TIMEOUT(engine->progress().processed == 0 && engine->state() != ReplayState::Playing, kPatienceMs);
    constexpr std::size_t kBefore = 30000;
    engine->step(kBefore);
    QTRY_VERIFY_WITH_TIMEOUT(engine->progress().processed == kBefore && engine->state() != ReplayState::Playing,
                             kPatienceMs);
    QTest::mouseClick(child<QPushButton>("useButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(engine->snapshot().model->sourcePath(), dialog_->savedPath(), kPatienceMs);
    engine->step(10000);
    QTRY_VERIFY_WITH_TIMEOUT(engine->progress().processed == kBefore + 10000 && engine->state() != ReplayState::Playing,
                             kPatienceMs);

    // The stream is every stock's closes in time order: the switch follows
    // the 30,000th earliest close.
    std::vector<Timestamp> times;
    for (const StockSeries& stock : engine->data()->stocks())
        times.insert(times.end(), stock.times.begin(), stock.times.end());
    std::nth_element(times.begin(), times.begin() + (kBefore - 1), times.end());
    const double at = ChartView::axisValue(times[kBefore - 1]);

    StockChartPanel* charts = window_->stockCharts();
    QCOMPARE(charts->history().series().name, std::string("ibm.us"));
    const auto drawn = [charts] {
        QList<QList<QPointF>> lines;
        for (const QLineSeries* line : charts->modelSwitchLines())
            if (line->count() > 0)
                lines.append(line->points());
        return lines;
    };
    QTRY_COMPARE_WITH_TIMEOUT(drawn().size(), 1, kPatienceMs);
    QCOMPARE(drawn().front(), (QList<QPointF>{{at, 0.0}, {at, 1.0}}));
}

// Once the replay has finished, no window is left for a new model to
// score: Use now says so and offers to replay again with it.
void TestTrainingDialog::offersARestartOnceTheReplayHasFinished()
{
    ReplayEngine* engine = window_->engine();
    engine->setPace({});
    engine->play();
    QTRY_COMPARE_WITH_TIMEOUT(engine->state(), ReplayState::Finished, kPatienceMs);
    QVERIFY(dialog_->outcome());
    QVERIFY(dialog_->useNow());
    QTRY_COMPARE_WITH_TIMEOUT(engine->snapshot().model->sourcePath(), dialog_->savedPath(), kPatienceMs);
    auto* ask = window_->findChild<QMessageBox*>(QStringLiteral("restartQuestion"));
    QVERIFY(ask && ask->isVisible());
    QVERIFY2(ask->text().contains(QStringLiteral("Restart the replay")), qPrintable(ask->text()));
    QVERIFY(!window_->statusBar()->currentMessage().contains(QStringLiteral("next windows")));
    QCOMPARE(ask->button(QMessageBox::Yes)->text(), QStringLiteral("&Restart"));
    // Slow enough to see it play again from the start.
    engine->setPace({Pace::Unit::Records, 1000});
    ask->button(QMessageBox::Yes)->click();
    // The rewind runs on the engine's thread: until then the progress is the last pass's.
    QTRY_VERIFY_WITH_TIMEOUT(engine->state() == ReplayState::Playing
                                 && engine->progress().processed < engine->progress().total / 2,
                             kPatienceMs);
    QCOMPARE(engine->snapshot().model->sourcePath(), dialog_->savedPath());
    engine->pause();
    QTRY_VERIFY_WITH_TIMEOUT(engine->state() != ReplayState::Playing, kPatienceMs);
}

// The search runs on the training part only; the model is then fitted with
// the C it chose.
void TestTrainingDialog::searchesCOnTheTrainingPart()
{
    child<QCheckBox>("searchCheck")->setChecked(true);
    QVERIFY(trainAndWait());
    child<QCheckBox>("searchCheck")->setChecked(false);

    TrainingOptions options;
    const auto grid = RegularizationSearch::logGrid(TrainingDialog::kMinC, TrainingDialog::kMaxC, 9);
    const auto search = RegularizationSearch::search(ibm_->stock(0), options, grid);
    QVERIFY2(search.error.isEmpty(), qPrintable(search.error));
    QVERIFY(dialog_->search());
    QCOMPARE(dialog_->search()->curve.size(), grid.size());
    QCOMPARE(dialog_->search()->bestC, search.bestC);
    for (std::size_t i = 0; i < grid.size(); ++i)
        QCOMPARE(dialog_->search()->curve[i].logLoss, search.curve[i].logLoss);
    QCOMPARE(dialog_->findChild<RegularizationChart*>()->curve()->count(), static_cast<int>(grid.size()));

    options.c = search.bestC;
    const auto expected = ModelTrainer::train(ibm_->stock(0), QStringLiteral("ibm.us.txt"), options);
    QVERIFY(expected.model);
    QCOMPARE(dialog_->outcome()->model->regularizationC(), search.bestC);
    QCOMPARE(figure(TrainingDialog::Accuracy, TrainingDialog::HoldOut), expected.test->tally().accuracy());
    QCOMPARE(figure(TrainingDialog::LogLoss, TrainingDialog::HoldOut), expected.test->logLoss());
}

// Back on the built-in model, the saved one is chosen again from the list.
void TestTrainingDialog::switchesToALibraryModel()
{
    window_->findChild<QAction*>(QStringLiteral("actionDefaultModel"))->trigger();
    ReplayEngine* engine = window_->engine();
    QTRY_COMPARE_WITH_TIMEOUT(engine->snapshot().model->sourcePath(), QString::fromLatin1(LogisticModel::kBuiltIn), kPatienceMs);
    const QString path = QDir(models_).filePath(QStringLiteral("ibm.us-relative-w5.json"));
    const int row = dialog_->library()->rowOf(path);
    QVERIFY(row >= 0);
    auto* view = child<QTableView>("libraryView");
    const auto* proxy = qobject_cast<QSortFilterProxyModel*>(view->model());
    QVERIFY(proxy);
    view->setCurrentIndex(proxy->mapFromSource(dialog_->library()->index(row, ModelLibraryModel::Name)));
    QCOMPARE(view->currentIndex().data().toString(), QStringLiteral("ibm.us-relative-w5"));
    QTest::mouseClick(child<QPushButton>("libraryUseButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(engine->snapshot().model->sourcePath(), path, kPatienceMs);
}

// Only the closes of the 1990s, both ends included.
void TestTrainingDialog::trainsOnADateRange()
{
    child<QCheckBox>("dateRangeCheck")->setChecked(true);
    child<QDateEdit>("fromDate")->setDate(QDate(1990, 1, 2));
    child<QDateEdit>("toDate")->setDate(QDate(1999, 12, 31));
    const bool trained = trainAndWait();
    child<QCheckBox>("dateRangeCheck")->setChecked(false);
    QVERIFY(trained);

    StockSeries nineties{"ibm.us", {}, {}};
    const StockSeries& all = ibm_->stock(0);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const QString day = QString::fromStdString(timestamp::formatDate(all.times[i]));
        if (day >= QLatin1String("1990-01-02") && day <= QLatin1String("1999-12-31")) {
            nineties.times.push_back(all.times[i]);
            nineties.closes.push_back(all.closes[i]);
        }
    }
    const auto expected = ModelTrainer::train(nineties, QStringLiteral("ibm.us.txt"), TrainingOptions{});
    QVERIFY(expected.model);
    QCOMPARE(figure(TrainingDialog::Examples, TrainingDialog::HoldOut), static_cast<double>(expected.test->examples()));
    QCOMPARE(figure(TrainingDialog::Accuracy, TrainingDialog::HoldOut), expected.test->tally().accuracy());
    QCOMPARE(dialog_->outcome()->model->trainedOn().value("from").toString(), QStringLiteral("1990-01-02"));
}

void TestTrainingDialog::badInput_data()
{
    QTest::addColumn<QString>("file");  // "bad": the closes, written; "missing": no such file; "none": no name
    QTest::addColumn<QVector<double>>("closes");
    QTest::addColumn<int>("window");
    QTest::addColumn<QDate>("from");  // a date range when valid
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QString>("modelName");  // trains, then Save under this name when not null
    QTest::addColumn<bool>("trainable");     // whether Train is offered at all
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("why");
    // 200 days from 2000-01-03 (to 2000-07-20), up and down.
    QVector<double> zigzag;
    for (int i = 0; i < 200; ++i)
        zigzag.push_back(10 + (i * 7 % 5));
    const QDate none;
    const QString noName;
    QTest::newRow("W = 1") << "bad" << zigzag << 1 << none << none << noName << false << "windowMessage"
                           << "window must be from 2 to 60";
    QTest::newRow("W = 61") << "bad" << zigzag << 61 << none << none << noName << false << "windowMessage"
                            << "window must be from 2 to 60";
    QTest::newRow("too few rows") << "bad" << QVector<double>{1, 2, 3, 4} << 5 << none << none << noName << true
                                  << "dataMessage" << "needs at least 6";
    QTest::newRow("empty file") << "bad" << QVector<double>{} << 5 << none << none << noName << false << "dataMessage"
                                << "no closes";
    QTest::newRow("missing file") << "missing" << QVector<double>{} << 5 << none << none << noName << false
                                  << "dataMessage" << "cannot open";
    QTest::newRow("no file chosen") << "none" << QVector<double>{} << 5 << none << none << noName << false
                                    << "dataMessage" << "Choose a ticker file.";
    QTest::newRow("single-class labels") << "bad" << QVector<double>(100, 42.0) << 5 << none << none << noName
                                         << true << "dataMessage" << "labelled down";
    // One example: a fifth of it holds out nothing.
    QTest::newRow("hold-out of none") << "bad" << QVector<double>{1, 3, 2, 4, 3, 5} << 5 << none << none << noName
                                      << true << "dataMessage" << "holds out none";
    QTest::newRow("reversed date range") << "bad" << zigzag << 5 << QDate(2000, 3, 1) << QDate(2000, 2, 1) << noName
                                         << true << "dataMessage" << "ends before it starts";
    QTest::newRow("date range without closes") << "bad" << zigzag << 5 << QDate(2010, 1, 1) << QDate(2010, 12, 31)
                                               << noName << true << "dataMessage"
                                               << "bad.us has no closes from 2010-01-01 to 2010-12-31";
    QTest::newRow("date range of four closes") << "bad" << zigzag << 5 << QDate(2000, 1, 3) << QDate(2000, 1, 6)
                                               << noName << true << "dataMessage"
                                               << "has 4 closes; a window of 5 needs at least 6";
    QTest::newRow("model name with a folder") << "bad" << zigzag << 5 << none << none << "sub/model" << true
                                              << "folderMessage" << "without folders";
    QTest::newRow("blank model name") << "bad" << zigzag << 5 << none << none << "  .json" << true << "folderMessage"
                                      << "Give the model a file name";
}

// A clear sentence next to the field, no model, and the dialog still usable.
void TestTrainingDialog::badInput()
{
    QFETCH(QString, file);
    QFETCH(QVector<double>, closes);
    QFETCH(int, window);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(QString, modelName);
    QFETCH(bool, trainable);
    QFETCH(QString, field);
    QFETCH(QString, why);
    QString path = scratch_.filePath(QStringLiteral("%1.us.txt").arg(file));
    QFile::remove(path);
    if (file == QLatin1String("none"))
        path.clear();
    else if (closes.isEmpty() && file == QLatin1String("bad"))
        QVERIFY(QFile(path).open(QIODevice::WriteOnly));
    else if (file == QLatin1String("bad"))
        writeTicker(path, {closes.begin(), closes.end()});
    child<QSpinBox>("windowSpin")->setValue(window);
    dialog_->setTickerFile(path);
    sourceRead(*dialog_);
    child<QCheckBox>("dateRangeCheck")->setChecked(from.isValid());
    if (from.isValid()) {
        child<QDateEdit>("fromDate")->setDate(from);
        child<QDateEdit>("toDate")->setDate(to);
    }
    const QStringList before = QDir(models_).entryList(QDir::Files);
    auto* train = child<QPushButton>("trainButton");
    QCOMPARE(train->isEnabled(), trainable);
    if (!modelName.isNull()) {
        QVERIFY(trainAndWait());
        child<QLineEdit>("nameEdit")->setText(modelName);
        QTest::mouseClick(child<QPushButton>("saveButton"), Qt::LeftButton);
        QVERIFY(dialog_->savedPath().isEmpty());
    } else if (trainable) {
        QVERIFY(!trainAndWait());
    }
    auto* message = child<QLabel>(field.toLatin1().constData());
    QVERIFY(!message->isHidden());
    QVERIFY2(message->text().contains(why), qPrintable(message->text()));
    QCOMPARE(QDir(models_).entryList(QDir::Files), before);
    if (!modelName.isNull()) {
        // Under a plain name the same model saves.
        child<QLineEdit>("nameEdit")->setText(QStringLiteral("bad.us-relative-w5"));
        QVERIFY(dialog_->save());
        QVERIFY(message->isHidden());
    }

    child<QCheckBox>("dateRangeCheck")->setChecked(false);
    child<QSpinBox>("windowSpin")->setValue(5);
    dialog_->setTickerFile(kIbm);
    QVERIFY(sourceRead(*dialog_));
    QVERIFY(child<QLabel>("windowMessage")->isHidden());
    QVERIFY(child<QLabel>("dataMessage")->isHidden());
    QVERIFY(train->isEnabled());
}

void TestTrainingDialog::unwritableFolderIsNamed()
{
    QVERIFY(dialog_->outcome());
    // A folder below a file can never be made, whoever runs the test.
    const QString file = writeTicker(scratch_.filePath(QStringLiteral("plain-file")), {1});
    dialog_->setModelsFolder(file + QStringLiteral("/models"));
    QVERIFY(!dialog_->save());
    auto* message = child<QLabel>("folderMessage");
    QVERIFY(!message->isHidden());
    QVERIFY2(message->text().contains(QStringLiteral("Cannot write to the models folder")), qPrintable(message->text()));
    dialog_->setModelsFolder(models_);
    QVERIFY(message->isHidden());
}

void TestTrainingDialog::trainsOnEachSource_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("stock");
    QTest::addColumn<QString>("transform");
    QTest::newRow("built-in sample, ibm.us") << int(TrainingDialog::BuiltInSample) << "ibm.us" << "relative";
    QTest::newRow("built-in sample, ko.us, raw") << int(TrainingDialog::BuiltInSample) << "ko.us" << "raw";
    QTest::newRow("one stock of the loaded data") << int(TrainingDialog::LoadedData) << "mcd.us" << "relative";
    QTest::newRow("one stock of the loaded data, raw") << int(TrainingDialog::LoadedData) << "ge.us" << "raw";
    QTest::newRow("ticker file, raw") << int(TrainingDialog::TickerFile) << "ibm.us" << "raw";
}

// Whatever the source, the model is ModelTrainer's on that stock's file.
void TestTrainingDialog::trainsOnEachSource()
{
    QFETCH(int, source);
    QFETCH(QString, stock);
    QFETCH(QString, transform);
    const QString file = QStringLiteral("%1/%2.txt").arg(kSample, stock);
    if (source == TrainingDialog::TickerFile) {
        dialog_->setTickerFile(file);
        QVERIFY(sourceRead(*dialog_));
    } else {
        dialog_->setSource(static_cast<TrainingDialog::Source>(source));
        QVERIFY(sourceRead(*dialog_));
        auto* stocks = child<QComboBox>("stockCombo");
        stocks->setCurrentIndex(stocks->findText(stock));
        QCOMPARE(stocks->currentText(), stock);
    }
    child<QCheckBox>("poolCheck")->setChecked(false);
    child<QCheckBox>("dateRangeCheck")->setChecked(false);
    child<QCheckBox>("searchCheck")->setChecked(false);
    child<QSpinBox>("windowSpin")->setValue(5);
    child<QSlider>("cSlider")->setValue(0);
    child<QSpinBox>("holdOutSpin")->setValue(20);
    auto* transforms = child<QComboBox>("transformCombo");
    transforms->setCurrentIndex(transforms->findData(transform));
    const bool trained = trainAndWait();
    transforms->setCurrentIndex(transforms->findData(QStringLiteral("relative")));
    QVERIFY(trained);

    const LoadResult loaded = DataLoader::load(file.toStdString());
    QVERIFY(loaded.data && loaded.data->stockCount() == 1);
    TrainingOptions options;
    options.transform = *features::parseTransform(transform.toStdString());
    const auto expected = ModelTrainer::train(loaded.data->stock(0), stock + QStringLiteral(".txt"), options);
    QVERIFY2(expected.model && expected.test, qPrintable(expected.error));
    const LogisticModel& shown = *dialog_->outcome()->model;
    QCOMPARE(shown.transform(), options.transform);
    QCOMPARE(shown.weights(), expected.model->weights());
    QCOMPARE(shown.intercept(), expected.model->intercept());
    QCOMPARE(shown.trainedOn().value("stock").toString(), stock);
    QCOMPARE(shown.trainedOn().value("file").toString(), stock + QStringLiteral(".txt"));
    QCOMPARE(figure(TrainingDialog::Examples, TrainingDialog::HoldOut), static_cast<double>(expected.test->examples()));
    QCOMPARE(figure(TrainingDialog::Accuracy, TrainingDialog::HoldOut), expected.test->tally().accuracy());
    QCOMPARE(figure(TrainingDialog::LogLoss, TrainingDialog::HoldOut), expected.test->logLoss());
    QCOMPARE(child<QLineEdit>("nameEdit")->text().section(QLatin1Char('-'), 0, 1),
             QStringLiteral("%1-%2").arg(stock, transform));
}

// A pooled fit of many stocks (the loaded sample's, four times over under
// other names: 1.2 million closes) is cancelled as soon as the progress bar
// has moved: while its examples are built or the solver is at work, both of
// which look at the flag. No model comes of it, the last run's stays on
// show, and the dialog trains again.
void TestTrainingDialog::cancelsAPooledFitMidWay()
{
    std::vector<StockSeries> stocks;
    for (int copy = 0; copy < 4; ++copy)
        for (StockSeries s : window_->engine()->data()->stocks()) {
            s.name += '-';
            s.name += std::to_string(copy);
            stocks.push_back(std::move(s));
        }
    dialog_->setLoadedData(std::make_shared<const MarketData>(std::move(stocks)), QStringLiteral("many stocks"));
    QVERIFY(dialog_->outcome());
    const std::vector<double> shownWeights = dialog_->outcome()->model->weights();
    const QStringList models = QDir(models_).entryList(QDir::Files);
    child<QComboBox>("sourceCombo")->setCurrentIndex(TrainingDialog::LoadedData);
    child<QCheckBox>("poolCheck")->setChecked(true);
    child<QSpinBox>("windowSpin")->setValue(20);

    auto* progress = child<QProgressBar>("progressBar");
    int cancelledAt = -1;
    const auto cancelOnce = connect(progress, &QProgressBar::valueChanged, this, [&](int value) {
        if (value > 0 && cancelledAt < 0) {
            cancelledAt = value;
            QTest::mouseClick(child<QPushButton>("cancelButton"), Qt::LeftButton);
        }
    });
    QSignalSpy finished(dialog_, &TrainingDialog::trainingFinished);
    QTest::mouseClick(child<QPushButton>("trainButton"), Qt::LeftButton);
    QVERIFY(dialog_->isTraining());
    QVERIFY(!child<QPushButton>("trainButton")->isEnabled());
    QVERIFY(child<QPushButton>("cancelButton")->isEnabled());
    // While it fits, the last fit's figures are gone and cannot be saved or used.
    QVERIFY(!child<QPushButton>("saveButton")->isEnabled());
    QVERIFY(!child<QPushButton>("useButton")->isEnabled());
    QVERIFY(!dialog_->save());
    QVERIFY(!dialog_->useNow());
    QCOMPARE(child<QTableWidget>("metricsTable")->item(TrainingDialog::Accuracy, TrainingDialog::HoldOut)->text(),
             QStringLiteral("–"));
    QCOMPARE(child<QTableWidget>("coefficientTable")->rowCount(), 0);
    QVERIFY(child<QLabel>("verdictLabel")->text().startsWith(QStringLiteral("Training")));
    const bool ended = finished.wait(kPatienceMs);
    disconnect(cancelOnce);
    QVERIFY(ended);
    QVERIFY2(cancelledAt > 0 && cancelledAt < progress->maximum(), qPrintable(QString::number(cancelledAt)));
    QCOMPARE(finished.front().front().toBool(), false);
    QCOMPARE(progress->value(), 0);
    QVERIFY(!dialog_->isTraining());
    QVERIFY(child<QPushButton>("trainButton")->isEnabled());
    QVERIFY(!child<QPushButton>("cancelButton")->isEnabled());
    QVERIFY2(child<QLabel>("statusLabel")->text().contains(QStringLiteral("cancelled")),
             qPrintable(child<QLabel>("statusLabel")->text()));
    QVERIFY(child<QLabel>("dataMessage")->isHidden());
    QCOMPARE(dialog_->outcome()->model->weights(), shownWeights);
    // Cancelled, the last fit's figures are back, and usable.
    QVERIFY(child<QPushButton>("saveButton")->isEnabled());
    QVERIFY(child<QPushButton>("useButton")->isEnabled());
    QCOMPARE(child<QTableWidget>("coefficientTable")->rowCount(), static_cast<int>(shownWeights.size()) + 1);
    QCOMPARE(QDir(models_).entryList(QDir::Files), models);

    // Usable again at once: one stock of the same data.
    child<QCheckBox>("poolCheck")->setChecked(false);
    child<QSpinBox>("windowSpin")->setValue(5);
    QVERIFY(trainAndWait());
    QCOMPARE(progress->value(), progress->maximum());
    QCOMPARE(dialog_->outcome()->model->trainedOn().value("stock").toString(),
             child<QComboBox>("stockCombo")->currentText());
    dialog_->setLoadedData(window_->engine()->data(), QString());
}

void TestTrainingDialog::remembersTheLastChoices()
{
    child<QSpinBox>("windowSpin")->setValue(7);
    child<QSlider>("cSlider")->setValue(-20);
    dialog_->close();
    TrainingDialog again;
    QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("windowSpin"))->value(), 7);
    QCOMPARE(again.findChild<QSlider*>(QStringLiteral("cSlider"))->value(), -20);
    QCOMPARE(again.modelsFolder(), models_);
}

// STOCKSTREAM_SCREENSHOT names a PNG to draw the dialog to, as a user
// sees it after Ctrl+T and Train on ibm.us of the built-in sample, with the
// default models folder named (read, never written).
void TestTrainingDialog::screenshotOfTheResults()
{
    const QString shot = qEnvironmentVariable("STOCKSTREAM_SCREENSHOT");
    if (shot.isEmpty())
        QSKIP("STOCKSTREAM_SCREENSHOT is not set");
    QSettings().remove(QStringLiteral("training"));
    TrainingDialog dialog;
    dialog.setModelsFolder(QDir::home().filePath(QStringLiteral(".local/share/StockStream/StockStream/models")));
    dialog.setSource(TrainingDialog::BuiltInSample);
    QVERIFY(sourceRead(dialog));
    auto* stocks = dialog.findChild<QComboBox*>(QStringLiteral("stockCombo"));
    QCOMPARE(stocks->currentText(), QStringLiteral("ibm.us"));
    dialog.resize(1320, 900);
    dialog.show();
    QSignalSpy finished(&dialog, &TrainingDialog::trainingFinished);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("trainButton")), Qt::LeftButton);
    QVERIFY(finished.wait(kPatienceMs));
    QVERIFY(finished.front().front().toBool());
    QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("nameEdit"))->text(), QStringLiteral("ibm.us-relative-w5"));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("statusLabel"))->text().startsWith(QStringLiteral("Trained")));
    // Laid out again for the results' words and legends before the picture.
    const QLabel* verdict = dialog.findChild<QLabel*>(QStringLiteral("verdictLabel"));
    QTRY_VERIFY(verdict->height() >= verdict->heightForWidth(verdict->width()));
    QTest::qWait(100);
    QVERIFY(dialog.grab().save(shot));
}

void TestTrainingDialog::cleanupTestCase()
{
    window_.reset();
}

QTEST_MAIN(TestTrainingDialog)
#include "tst_trainingdialog.moc"
