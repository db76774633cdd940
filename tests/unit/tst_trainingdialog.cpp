// Model ▸ Train model… driven as a user would, in the main window on the
// built-in sample: train on ibm.us.txt, check every figure shown against
// ModelTrainer run here on the same file, save, use now, and see the
// engine score with the new weights; bad input; Cancel of a pooled fit.
#include "Patience.h"
#include "app/ChartView.h"
#include "app/MainWindow.h"
#include "app/ModelLibraryModel.h"
#include "app/RegularizationChart.h"
#include "app/RocChart.h"
#include "app/TrainingDialog.h"
#include "app/TrainingPreviewChart.h"
#include "core/data/DataLoader.h"
#include "core/model/ModelTrainer.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ss;

namespace {

const QString kIbm = QStringLiteral(STOCKSTREAM_SAMPLE_DIR "/ibm.us.txt");

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
    void trainsOnIbmAndShowsTheTrainersFigures();
    void savesAndUsesTheModelNow();
    void searchesCOnTheTrainingPart();
    void switchesToALibraryModel();
    void trainsOnADateRange();
    void badInput_data();
    void badInput();
    void unwritableFolderIsNamed();
    void cancelsAPooledFit();
    void remembersTheLastChoices();
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
    QTest::mouseClick(child<QPushButton>("trainButton"), Qt::LeftButton);
    if (finished.isEmpty() && !finished.wait(120000))
        return false;
    return finished.front().front().toBool();
}

void TestTrainingDialog::trainsOnIbmAndShowsTheTrainersFigures()
{
    QVERIFY(dialog_->setTickerFile(kIbm));
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

    // The preview marks the first close a held-out example is judged on:
    // of the n = closes - 5 examples the last floor(n / 5) are held out.
    const std::size_t examples = ibm_->stock(0).size() - 5;
    const std::size_t judged = examples - examples / 5 + 5;
    const QLineSeries* split = dialog_->findChild<TrainingPreviewChart*>()->split();
    QCOMPARE(split->count(), 2);
    QCOMPARE(split->at(0).x(), ChartView::axisValue(ibm_->stock(0).times[judged]));
    QVERIFY(dialog_->findChild<TrainingPreviewChart*>()->price()->count() > 100);

    // The plain words follow the hold-out accuracy against the best baseline.
    const Tally& t = test.tally();
    const double best = std::max({t.alwaysUpAccuracy(), t.alwaysDownAccuracy(), t.lastMoveAccuracy()});
    const QString verdict = child<QLabel>("verdictLabel")->text();
    if (t.accuracy() <= best)
        QVERIFY2(verdict.contains(QStringLiteral("Not better than a naive baseline")), qPrintable(verdict));
    else if (test.accuracyLow() <= best)
        QVERIFY2(verdict.contains(QStringLiteral("Not clearly better")), qPrintable(verdict));
    else
        QVERIFY2(verdict.contains(QStringLiteral("Better than all three")), qPrintable(verdict));
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

// The search runs on the training part only; the model is then fitted with
// the C it chose. STOCKSTREAM_SCREENSHOT names a PNG to draw the dialog to.
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

    if (const QString shot = qEnvironmentVariable("STOCKSTREAM_SCREENSHOT"); !shot.isEmpty()) {
        dialog_->resize(1320, 900);
        QVERIFY(dialog_->grab().save(shot));
        auto* tabs = child<QTabWidget>("resultsTabs");
        for (int i = 1; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QVERIFY(dialog_->grab().save(QString(shot).replace(QStringLiteral(".png"), QStringLiteral("-%1.png").arg(i))));
        }
        tabs->setCurrentIndex(0);
    }
}

// Back on the built-in model, the saved one is chosen again from the list.
void TestTrainingDialog::switchesToALibraryModel()
{
    window_->findChild<QAction*>(QStringLiteral("actionDefaultModel"))->trigger();
    ReplayEngine* engine = window_->engine();
    QTRY_COMPARE_WITH_TIMEOUT(engine->snapshot().model->sourcePath(), QString::fromLatin1(MainWindow::kBuiltInModel), kPatienceMs);
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
    QTest::addColumn<QVector<double>>("closes");
    QTest::addColumn<int>("window");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("why");
    QVector<double> zigzag;
    for (int i = 0; i < 200; ++i)
        zigzag.push_back(10 + (i * 7 % 5));
    QTest::newRow("W = 1") << zigzag << 1 << "windowMessage" << "window must be from 2 to 60";
    QTest::newRow("W = 61") << zigzag << 61 << "windowMessage" << "window must be from 2 to 60";
    QTest::newRow("too few rows") << QVector<double>{1, 2, 3, 4} << 5 << "dataMessage" << "needs at least 6";
    QTest::newRow("empty file") << QVector<double>{} << 5 << "dataMessage" << "no closes";
    QTest::newRow("single-class labels") << QVector<double>(100, 42.0) << 5 << "dataMessage" << "labelled down";
}

// A clear sentence next to the field, no model, and the dialog still usable.
void TestTrainingDialog::badInput()
{
    QFETCH(QVector<double>, closes);
    QFETCH(int, window);
    QFETCH(QString, field);
    QFETCH(QString, why);
    const QString path = scratch_.filePath(QStringLiteral("bad.us.txt"));
    QFile::remove(path);
    if (closes.isEmpty())
        QFile(path).open(QIODevice::WriteOnly);
    else
        writeTicker(path, {closes.begin(), closes.end()});
    child<QSpinBox>("windowSpin")->setValue(window);
    dialog_->setTickerFile(path);
    auto* train = child<QPushButton>("trainButton");
    if (field == QLatin1String("windowMessage") || closes.isEmpty())
        QVERIFY(!train->isEnabled());
    else
        QVERIFY(!trainAndWait());
    auto* message = child<QLabel>(field.toLatin1().constData());
    QVERIFY(!message->isHidden());
    QVERIFY2(message->text().contains(why), qPrintable(message->text()));
    child<QSpinBox>("windowSpin")->setValue(5);
    QVERIFY(dialog_->setTickerFile(kIbm));
    QVERIFY(child<QLabel>("windowMessage")->isHidden());
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

// A pooled fit of many stocks (the loaded sample's, four times over under
// other names: 1.4 million closes) is cancelled once its examples are built
// and the solver is at work; the dialog stays usable and keeps what it showed.
void TestTrainingDialog::cancelsAPooledFit()
{
    std::vector<StockSeries> stocks;
    for (int copy = 0; copy < 4; ++copy)
        for (StockSeries s : window_->engine()->data()->stocks()) {
            s.name += '-';
            s.name += std::to_string(copy);
            stocks.push_back(std::move(s));
        }
    dialog_->setLoadedData(std::make_shared<const MarketData>(std::move(stocks)), QStringLiteral("many stocks"));
    const ModelTrainer::Outcome* shown = dialog_->outcome();
    const std::vector<double> shownWeights = shown ? shown->model->weights() : std::vector<double>{};
    child<QComboBox>("sourceCombo")->setCurrentIndex(TrainingDialog::LoadedData);
    child<QCheckBox>("poolCheck")->setChecked(true);
    child<QSpinBox>("windowSpin")->setValue(20);
    QSignalSpy finished(dialog_, &TrainingDialog::trainingFinished);
    QTest::mouseClick(child<QPushButton>("trainButton"), Qt::LeftButton);
    QVERIFY(dialog_->isTraining());
    QVERIFY(!child<QPushButton>("trainButton")->isEnabled());
    // Cancel at once, while the examples are still being built: the fit
    // looks at the flag before every Newton step, the first included, so
    // the outcome does not depend on how fast this machine is (waiting for
    // some progress first let a quick machine finish the fit in between).
    QTest::mouseClick(child<QPushButton>("cancelButton"), Qt::LeftButton);
    QVERIFY(finished.wait(kPatienceMs));
    QCOMPARE(finished.front().front().toBool(), false);
    QVERIFY(!dialog_->isTraining());
    QVERIFY(child<QPushButton>("trainButton")->isEnabled());
    QVERIFY2(child<QLabel>("statusLabel")->text().contains(QStringLiteral("cancelled")),
             qPrintable(child<QLabel>("statusLabel")->text()));
    // The last finished run stays on show.
    QCOMPARE(dialog_->outcome() != nullptr, shown != nullptr);
    if (shown)
        QCOMPARE(dialog_->outcome()->model->weights(), shownWeights);
    child<QCheckBox>("poolCheck")->setChecked(false);
    child<QSpinBox>("windowSpin")->setValue(5);
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

void TestTrainingDialog::cleanupTestCase()
{
    window_.reset();
}

QTEST_MAIN(TestTrainingDialog)
#include "tst_trainingdialog.moc"
