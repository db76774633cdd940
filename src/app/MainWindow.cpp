#include "MainWindow.h"
#include "ui_MainWindow.h"

#include "app/charts/AccuracyLine.h"
#include "app/panels/BacktestSentence.h"
#include "app/sources/BuiltInSample.h"
#include "app/jobs/CandleLoadJob.h"
#include "app/panels/ClusterView.h"
#include "app/jobs/DataLoadJob.h"
#include "app/models/DataQualityModel.h"
#include "app/dialogs/HelpDialog.h"
#include "app/dialogs/LiveFeedDialog.h"
#include "app/panels/LiveStatusIndicator.h"
#include "app/panels/WatchlistPanel.h"
#include "app/panels/WorkspaceLayout.h"
#include "app/session/RecentFiles.h"
#include "app/session/ReplayKeys.h"
#include "app/panels/ModelComparisonView.h"
#include "app/panels/ModelDescription.h"
#include "app/dialogs/OnlineLearningDialog.h"
#include "core/backtest/BacktestStage.h"
#include "core/online/OnlineLearningStage.h"
#include "core/storage/PredictionLog.h"
#include "app/charts/OverviewChart.h"
#include "app/charts/PortfolioEquityChart.h"
#include "app/session/ReplayActions.h"
#include "app/session/ReplaySpeed.h"
#include "app/session/ReplayTimeline.h"
#include "app/dialogs/RunBrowser.h"
#include "app/models/RunsModel.h"
#include "app/panels/RunsPanel.h"
#include "app/session/ExportController.h"
#include "app/charts/StockChartPanel.h"
#include "app/charts/StockHistory.h"
#include "app/sources/TableImport.h"
#include "app/dialogs/TrainingDialog.h"
#include "app/models/WatchlistModel.h"
#include "core/live/StockRegistry.h"
#include "core/system/BuildVersion.h"
#include "core/system/InstalledData.h"

#include <array>
#include <utility>

#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QSettings>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QStyle>

namespace ss {

namespace {

constexpr int kLoadPollMs = 100;

// Which data and model files the window opened, for checking where an
// installed program reads from: QT_LOGGING_RULES="stockstream.files.info=true".
Q_LOGGING_CATEGORY(lcFiles, "stockstream.files", QtWarningMsg)
constexpr qint64 kRateWindowMs = 500;

QString compactNumber(double v)
{
    return QLocale().toString(v, 'g', 4);
}

// The model's running accuracy beside the best naive baseline on the same
// calls: a share of correct calls means little without it.
QString accuracyText(const Tally& t)
{
    const std::array<std::pair<AccuracyLine, double>, 3> baselines{{{AccuracyLine::AlwaysUp, t.alwaysUpAccuracy()},
                                                                     {AccuracyLine::AlwaysDown, t.alwaysDownAccuracy()},
                                                                     {AccuracyLine::LastMove, t.lastMoveAccuracy()}}};
    const auto best = std::max_element(baselines.begin(), baselines.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    const auto percent = [](double share) { return QStringLiteral("%1%").arg(share * 100, 0, 'f', 2); };
    return MainWindow::tr("%1 correct of %2 resolved (best baseline: %3, %4)")
        .arg(percent(t.accuracy()), QLocale().toString(static_cast<qulonglong>(t.resolved)),
             accuracyLineName(best->first), percent(best->second));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      ui_(std::make_unique<Ui::MainWindow>()),
      watchlist_(new WatchlistModel(this)),
      dataQuality_(new DataQualityModel(this)),
      defaultModel_(InstalledData().defaultModel())
{
    ui_->setupUi(this);

    watchlistPanel_ = new WatchlistPanel(ui_->filterEdit, ui_->watchlistView, watchlist_, settings_, this);
    proxy_ = watchlistPanel_->proxy();
    ui_->stockCharts->setFocusPolicy(Qt::StrongFocus);
    watchlistPanel_->setHomeWidget(ui_->stockCharts);
    connect(ui_->watchlistView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelectedStock);
    connect(ui_->watchlistView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::showComparedStocks);

    auto* qualityProxy = new QSortFilterProxyModel(this);
    qualityProxy->setSourceModel(dataQuality_);
    ui_->dataQualityView->setModel(qualityProxy);
    ui_->dataQualityView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    // The sentence under the equity wraps rather than widening the dock.
    // Tabbed in the side column, the market's accuracy makes do with what
    // the column has, so that the window still fits a laptop's screen at 150 %.
    ui_->overviewChart->setMinimumHeight(ui_->portfolioEquityChart->minimumHeight());
    ui_->backtestSentence->setMinimumWidth(0);
    ui_->backtestSentence->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    connect(ui_->runsDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            refreshRuns();
    });

    // Clusters and Compare Models join the tabs once online learning is on
    // (or the last session left them open).
    layout_ = new WorkspaceLayout(this, ui_->watchlistDock,
                                  {ui_->accuracyDock, ui_->tradingDock, ui_->modelDock, ui_->dataQualityDock, ui_->runsDock},
                                  {ui_->clusterDock, ui_->comparisonDock}, settings_);
    layout_->setWatchlistWidth(watchlistPanel_->preferredWidth());
    recent_ = new RecentFiles(ui_->menuRecent, settings_, this);
    connect(recent_, &RecentFiles::chosen, this, &MainWindow::openData);

    stream_ = new StreamController(this);
    export_ = new ExportController(this);
    connect(stream_, &StreamController::snapshotReady, this, &MainWindow::showSnapshot);
    connect(stream_, &StreamController::stateChanged, this, &MainWindow::updateActions);
    connect(stream_, &StreamController::runsChanged, this, [this] {
        refreshRuns();
        // A run recorded (none being written now): the log keeps its newest.
        if (stream_->activeRun() == 0)
            ui_->runsPanel->applyRetention();
        updateActions();
    });
    connect(stream_, &StreamController::logFailed, this,
            [this](const QString& why) { showError(tr("Prediction log problem"), why); });
    connect(stream_, &StreamController::liveEnded, this, &MainWindow::finishLive);

    setUpActions();
    setUpTimeline();
    setUpStatusBar();
    restoreSettings();
    // The chart has the keyboard from the first launch, where the replay's
    // keys are at home; Escape in the filter brings it back there. Last:
    // laying out the docks moves the keyboard among them.
    ui_->stockCharts->setFocus(Qt::OtherFocusReason);

    // Not openModel(): the setting naming the last model must outlive this
    // start, for openInitial() to restore it.
    loadModel(defaultModel_);
    refreshTimer_.setInterval(kRefreshMs);
    connect(&refreshTimer_, &QTimer::timeout, this, &MainWindow::refreshFrame);
    loadPollTimer_.setInterval(kLoadPollMs);
    updateActions();
}

MainWindow::~MainWindow()
{
    closeStream();
}

QLabel* MainWindow::connectionIndicator() const
{
    return liveIndicator_;
}

QTableView* MainWindow::watchlistView() const
{
    return ui_->watchlistView;
}

StockChartPanel* MainWindow::stockCharts() const
{
    return ui_->stockCharts;
}

OverviewChart* MainWindow::overviewChart() const
{
    return ui_->overviewChart;
}

void MainWindow::showWatchlistColumn(int column, bool shown)
{
    watchlistPanel_->showColumn(column, shown);
}

void MainWindow::setUpActions()
{
    QStyle* s = style();
    ui_->actionOpenFolder->setIcon(s->standardIcon(QStyle::SP_DirOpenIcon));
    ui_->actionOpenFile->setIcon(s->standardIcon(QStyle::SP_FileIcon));
    ui_->actionPlayPause->setIcon(s->standardIcon(QStyle::SP_MediaPlay));
    ui_->actionStep->setIcon(s->standardIcon(QStyle::SP_MediaSkipForward));
    ui_->actionStepDay->setIcon(s->standardIcon(QStyle::SP_MediaSeekForward));
    ui_->actionStop->setIcon(s->standardIcon(QStyle::SP_MediaStop));
    ui_->actionRestart->setIcon(s->standardIcon(QStyle::SP_MediaSkipBackward));
    ui_->actionSaveChart->setIcon(s->standardIcon(QStyle::SP_DialogSaveButton));

    connect(ui_->actionOpenFile, &QAction::triggered, this, &MainWindow::chooseDataFile);
    connect(ui_->actionOpenFolder, &QAction::triggered, this, &MainWindow::chooseDataFolder);
    connect(ui_->actionOpenSample, &QAction::triggered, this, &MainWindow::openSample);
    connect(ui_->actionConnectLive, &QAction::triggered, this, &MainWindow::openLiveFeedDialog);
    connect(ui_->actionDisconnectLive, &QAction::triggered, this, &MainWindow::disconnectLive);
    connect(ui_->actionSaveChart, &QAction::triggered, this, &MainWindow::saveChart);
    connect(ui_->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui_->actionPlayPause, &QAction::triggered, this, &MainWindow::togglePlay);
    connect(ui_->actionStep, &QAction::triggered, this, [this] {
        dropPlayHint();
        engine()->step();
    });
    connect(ui_->actionStepDay, &QAction::triggered, this, [this] {
        dropPlayHint();
        engine()->stepTimestamp();
    });
    connect(ui_->actionStop, &QAction::triggered, this, [this] { engine()->stop(); });
    connect(ui_->actionRestart, &QAction::triggered, this, [this] {
        // A restart is where a changed File ▸ Log Replays takes effect.
        if (loggingChanged())
            showData(data_, dataPath_);
        else
            engine()->restart();
    });
    connect(ui_->actionSlower, &QAction::triggered, this, [this] { setSpeedNotch(speedSlider_->value() - 1); });
    connect(ui_->actionFaster, &QAction::triggered, this, [this] { setSpeedNotch(speedSlider_->value() + 1); });
    connect(ui_->actionOpenModel, &QAction::triggered, this, &MainWindow::chooseModel);
    connect(ui_->openModelButton, &QPushButton::clicked, this, &MainWindow::chooseModel);
    connect(ui_->actionDefaultModel, &QAction::triggered, this,
            [this] { openModel(defaultModel_); });
    connect(ui_->actionTrainModel, &QAction::triggered, this, &MainWindow::openTrainingDialog);
    connect(ui_->actionOnlineLearning, &QAction::triggered, this, &MainWindow::openOnlineLearningDialog);
    connect(ui_->actionTradingCost, &QAction::triggered, this, &MainWindow::openTradingCostDialog);
    connect(ui_->actionResetZoom, &QAction::triggered, ui_->stockCharts, &StockChartPanel::resetZoom);
    connect(ui_->actionCandlesticks, &QAction::toggled, this, [this](bool on) {
        settings_.setValue("chart/candlesticks", on);
        ui_->stockCharts->setCandlesticks(on);
        // The volume pane may have read the days already.
        if (ui_->stockCharts->showsCandles())
            QMetaObject::invokeMethod(this, [this] { emit candlesLoaded(true); }, Qt::QueuedConnection);
    });
    connect(ui_->stockCharts, &StockChartPanel::candlesWanted, this, &MainWindow::loadCandles);
    connect(ui_->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About StockStream"),
                           tr("<b>StockStream %1</b><p>Replays stock market history as a live stream, scores every "
                              "stock's latest window with a logistic model and judges each call when the next "
                              "close arrives, beside the naive baselines.</p>")
                               .arg(BuildVersion::text()));
    });
    connect(ui_->actionExportAll, &QAction::triggered, this, [this] { chooseExport(false); });
    connect(ui_->actionExportStock, &QAction::triggered, this, [this] { chooseExport(true); });
    connect(ui_->actionBrowseRun, &QAction::triggered, this, &MainWindow::browseRun);
    connect(export_, &ExportController::exported, this, &MainWindow::exported);
    connect(export_, &ExportController::failed, this, &MainWindow::showError);
    connect(export_, &ExportController::statusMessage, statusBar(), &QStatusBar::showMessage);
    ui_->runsPanel->view()->addAction(ui_->actionBrowseRun);
    ui_->runsPanel->view()->addAction(ui_->actionExportAll);
    connect(ui_->runsPanel, &RunsPanel::browseRequested, this, &MainWindow::browseRun);
    connect(ui_->actionLogLocation, &QAction::triggered, this, &MainWindow::chooseLogLocation);
    connect(ui_->actionLogReplays, &QAction::triggered, this, &MainWindow::applyLogging);
    connect(ui_->actionCacheData, &QAction::triggered, this, [this](bool on) { settings_.setValue("data/cache", on); });
    for (QDockWidget* dock : layout_->docks())
        ui_->menuView->addAction(dock->toggleViewAction());
    ui_->menuView->addAction(ui_->replayToolBar->toggleViewAction());
    ui_->menuView->addAction(ui_->timelineToolBar->toggleViewAction());
    connect(ui_->actionResetLayout, &QAction::triggered, this, &MainWindow::resetLayout);
    connect(ui_->actionShortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(ui_->actionUserGuide, &QAction::triggered, this, [this] { HelpDialog::userGuide(this)->show(); });

    // The replay's keys and the window's own work whatever has the keyboard,
    // but a field being typed in.
    replayKeys_ = new ReplayKeys(this);
    for (QAction* action : {ui_->actionPlayPause, ui_->actionStep, ui_->actionStepDay, ui_->actionStop,
                            ui_->actionRestart, ui_->actionSlower, ui_->actionFaster, ui_->actionShortcuts,
                            watchlistPanel_->findAction()})
        replayKeys_->add(action);
    replayActions_ = new ReplayActions(this);
    ui_->menuReplay->insertActions(ui_->actionStop, replayActions_->actions());
    for (QAction* action : replayActions_->actions())
        replayKeys_->add(action);
    connect(replayActions_, &ReplayActions::told, this,
            [this](const QString& what) { statusBar()->showMessage(what, 5000); });
    connect(ui_->stockCharts, &StockChartPanel::replayFromRequested, replayActions_, &ReplayActions::replayFrom);
}

void MainWindow::setUpTimeline()
{
    auto* bar = ui_->timelineToolBar;
    bar->addWidget(new QLabel(tr(" Speed ")));
    speedSlider_ = new QSlider(Qt::Horizontal);
    speedSlider_->setObjectName(QStringLiteral("speedSlider"));
    speedSlider_->setRange(0, ReplaySpeed::notchCount() - 1);
    speedSlider_->setPageStep(1);
    speedSlider_->setTickPosition(QSlider::TicksBelow);
    speedSlider_->setFixedWidth(110);
    speedSlider_->setToolTip(tr("Replay speed: trading days per second, or as fast as possible ([ and ])"));
    bar->addWidget(speedSlider_);
    speedLabel_ = new QLabel;
    speedLabel_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("1000 days/s ")));
    bar->addWidget(speedLabel_);
    connect(speedSlider_, &QSlider::valueChanged, this, [this](int notch) {
        speedLabel_->setText(ReplaySpeed::label(notch));
        if (engine())
            engine()->setPace(ReplaySpeed::pace(notch));
    });
    bar->addSeparator();
    dateLabel_ = new QLabel;
    dateLabel_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral(" 0000-00-00T00:00:00 ")));
    dateLabel_->setAlignment(Qt::AlignCenter);
    dateLabel_->setToolTip(tr("Date of the latest record replayed"));
    bar->addWidget(dateLabel_);
    timeline_ = new ReplayTimeline;
    timeline_->setRange(0, kTimelineSteps);
    timeline_->setPageStep(kTimelineSteps / 20);
    timeline_->setMinimumWidth(200);
    timeline_->setToolTip(tr("Click or drag to seek to a date"));
    bar->addWidget(timeline_);
    connect(timeline_, &QSlider::sliderMoved, this, [this](int position) {
        dateLabel_->setText(QString::fromStdString(timestamp::formatDate(timelineTime(position))));
    });
    connect(timeline_, &QSlider::sliderReleased, this, [this] { seekToTimeline(timeline_->value()); });
    connect(timeline_, &QSlider::actionTriggered, this, [this](int action) {
        if (action != QAbstractSlider::SliderMove)
            seekToTimeline(timeline_->sliderPosition());
    });
}

void MainWindow::setUpStatusBar()
{
    recordsLabel_ = new QLabel;
    recordsLabel_->setObjectName(QStringLiteral("recordsLabel"));
    recordsLabel_->setToolTip(tr("Calls judged so far and the share that were right, beside the best of the three "
                                 "naive baselines (always up, always down, same as last move) on the same calls."));
    rateLabel_ = new QLabel;
    liveIndicator_ = new LiveStatusIndicator;
    statusBar()->addPermanentWidget(liveIndicator_);
    statusBar()->addPermanentWidget(recordsLabel_);
    statusBar()->addPermanentWidget(rateLabel_);
}

void MainWindow::restoreSettings()
{
    layout_->restore();
    const int notch = settings_.value("replay/speed", ReplaySpeed::defaultNotch()).toInt();
    speedSlider_->setValue(notch);
    speedLabel_->setText(ReplaySpeed::label(speedSlider_->value()));
    ui_->actionLogReplays->setChecked(settings_.value("log/enabled", true).toBool());
    ui_->actionCacheData->setChecked(settings_.value("data/cache", true).toBool());
    ui_->actionCandlesticks->setChecked(settings_.value("chart/candlesticks", false).toBool());
    onlineOptions_ = OnlineLearningDialog::load(settings_);
    tradingCostBps_ = settings_.value("backtest/costBps", kDefaultTradingCostBps).toDouble();
    ui_->stockCharts->setTradingCost(tradingCostBps_);
}

void MainWindow::saveSettings()
{
    layout_->save();
    settings_.setValue("replay/speed", speedSlider_->value());
}

void MainWindow::resetLayout()
{
    layout_->reset();
    watchlistPanel_->resetColumns();
    ui_->stockCharts->setFocus(Qt::OtherFocusReason);
}

HelpDialog* MainWindow::showShortcuts()
{
    auto* dialog = HelpDialog::shortcuts(this);
    dialog->show();
    return dialog;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // A live feed ends first, on its own thread: a Kafka feed's last commit
    // can wait for a broker that is away, and the window stays responsive
    // meanwhile, saying so; it closes once the feed ended.
    if (liveFeed() && !liveFeed()->hasEnded()) {
        closeOnLiveEnd_ = true;
        disconnectLive();
        event->ignore();
        return;
    }
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::openInitial(const QString& path)
{
    const QString lastModel = settings_.value("model/last").toString();
    if (!lastModel.isEmpty())
        openModel(lastModel);

    const QString lastData = settings_.value("data/last").toString();
    if (!path.isEmpty())
        openData(path);
    else if (!lastData.isEmpty() && QFileInfo::exists(lastData))
        openData(lastData);
    else
        openSample();
}

void MainWindow::openSample()
{
    QString error;
    sampleFolder_ = BuiltInSample::folder(&error);
    if (sampleFolder_.isEmpty()) {
        showError(tr("Cannot open the sample"), error);
        return;
    }
    openData(sampleFolder_);
}

void MainWindow::openData(const QString& path)
{
    TableImport::open(this, settings_, path, [this, path](const TableOptions& options) { loadData(path, options); });
}

void MainWindow::loadData(const QString& path, const TableOptions& options)
{
    loadJob_.reset();
    if (loadDialog_) {
        loadDialog_->deleteLater();
        loadDialog_ = nullptr;
    }
    std::optional<MarketDataCache> cache;
    if (ui_->actionCacheData->isChecked())
        cache.emplace(MarketDataCache::defaultDirectory());
    loadJob_ = std::make_unique<DataLoadJob>(path, options, std::move(cache));
    const quint64 generation = ++loadGeneration_;
    // Queued: finishing destroys the job, which must not happen while it emits.
    connect(
        loadJob_.get(), &DataLoadJob::finished, this,
        [this, generation, path] {
            if (generation == loadGeneration_)
                finishLoad(path);
        },
        Qt::QueuedConnection);

    loadDialog_ = progressDialog(tr("Opening data"), tr("Reading %1…").arg(QDir::toNativeSeparators(path)), 0);
    connect(loadDialog_, &QProgressDialog::canceled, loadJob_.get(), &DataLoadJob::cancel);
    loadPollTimer_.disconnect();
    connect(&loadPollTimer_, &QTimer::timeout, this, [this] {
        if (!loadJob_ || !loadDialog_)
            return;
        const LoadProgress& p = loadJob_->progress();
        const auto total = static_cast<int>(p.filesTotal.load());
        const auto done = static_cast<int>(p.filesDone.load());
        loadDialog_->setLabelText(tr("Reading %1 of %2 files, %3 MB…").arg(done).arg(total).arg(p.bytesRead.load() / 1000000));
        loadDialog_->setMaximum(std::max(total, 1));
        // Last: a modal dialog's setValue() runs the event loop, where the
        // load may finish and delete the dialog.
        loadDialog_->setValue(std::min(done, std::max(total, 1) - 1));
    });
    loadPollTimer_.start();
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    loadJob_->start();
}

QProgressDialog* MainWindow::progressDialog(const QString& title, const QString& label, int maximum)
{
    auto* dialog = new QProgressDialog(label, tr("Cancel"), 0, maximum, this);
    dialog->setWindowTitle(title);
    dialog->setWindowModality(Qt::WindowModal);
    // Quick jobs finish without a dialog flashing up.
    dialog->setMinimumDuration(300);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    return dialog;
}

void MainWindow::finishLoad(const QString& path)
{
    loadPollTimer_.stop();
    if (loadDialog_) {
        loadDialog_->deleteLater();
        loadDialog_ = nullptr;
    }
    LoadResult result = std::move(loadJob_->result());
    loadJob_.reset();

    if (result.cancelled) {
        statusBar()->showMessage(tr("Opening %1 cancelled").arg(QDir::toNativeSeparators(path)), 10000);
        emit dataLoaded(false);
        return;
    }
    if (!result.data || result.data->recordCount() == 0) {
        QString why = QString::fromStdString(result.error);
        if (why.isEmpty()) {
            why = tr("no price records in %1").arg(QDir::toNativeSeparators(path));
            if (result.report.rejected > 0 && !result.report.notable.empty()) {
                const FileReport& f = result.report.notable.front();
                why += tr(" (%1 lines rejected; first at line %2 of %3: %4)")
                           .arg(result.report.rejected)
                           .arg(f.firstBadLine)
                           .arg(QFileInfo(QString::fromStdString(f.file)).fileName(), QString::fromStdString(f.firstBadReason));
            }
        }
        showError(tr("Cannot open data"), why);
        emit dataLoaded(false);
        return;
    }
    loadReport_ = std::move(result.report);
    qCInfo(lcFiles).noquote() << "opened data" << path << "with" << result.data->stockCount() << "stocks";
    showData(std::move(result.data), path);
    emit dataLoaded(true);
}

void MainWindow::forgetStream()
{
    refreshTimer_.stop();
    liveIndicator_->hide();
    replayActions_->setSession(nullptr);
    hasSelection_ = false;
}

void MainWindow::closeStream()
{
    forgetStream();
    stream_->close();
}

void MainWindow::showData(std::shared_ptr<const MarketData> data, const QString& path)
{
    closeStream();
    data_ = std::move(data);
    dataPath_ = path;
    QString logError;
    stream_->replay(data_, loadReport_, path, scoring(), ui_->actionLogReplays->isChecked() ? logPath() : QString(),
                    &logError);
    if (!logError.isEmpty())
        showError(tr("Replays are not logged"), logError);
    engine()->setPace(ReplaySpeed::pace(speedSlider_->value()));
    replayActions_->setSession(engine());
    timeline_->setSpan(data_->firstTime(), data_->lastTime());

    candleJob_.reset();  // the days of a stock of the data before
    ui_->stockCharts->clear();
    ui_->overviewChart->clear();
    clearBacktest();
    watchlist_->setStocks(*data_);
    dataQuality_->setReport(loadReport_);
    ui_->dataQualitySummary->setText(dataQuality_->summary());
    if (!loadReport_.notable.empty())
        ui_->dataQualityDock->raise();

    // Open on the thesis' own stock when it is there, else the first one.
    const auto preferred = data_->indexOf("ibm.us").value_or(0);
    const QModelIndex row = proxy_->mapFromSource(watchlist_->index(static_cast<int>(preferred), 0));
    ui_->watchlistView->setCurrentIndex(row);
    ui_->watchlistView->scrollTo(row);

    const bool isSample = !sampleFolder_.isEmpty() && QFileInfo(path) == QFileInfo(sampleFolder_);
    sourceTitle_ = isSample ? tr("Built-in sample") : QFileInfo(path).fileName();
    updateTitle();
    if (!isSample) {
        settings_.setValue("data/last", path);
        recent_->add(path);
    } else {
        settings_.remove("data/last");
    }
    openedNote_ = tr("Opened %1 stocks, %2 records%3.")
                      .arg(data_->stockCount())
                      .arg(QLocale().toString(static_cast<qulonglong>(data_->recordCount())))
                      .arg(loadReport_.rejected > 0 ? tr(", %1 lines rejected (see Data quality)").arg(loadReport_.rejected)
                                                    : QString());
    statusBar()->showMessage(openedNote_ + ' ' + playHint(), 10000);
    rateClock_.start();
    rateProcessed_ = 0;
    rate_ = 0;
    refreshViews();
    updateActions();
    refreshTimer_.start();
}

bool MainWindow::loadModel(const QString& path)
{
    QString error;
    auto model = LogisticModel::load(path, &error);
    if (!model) {
        showError(tr("Model refused"), error);
        return false;
    }
    qCInfo(lcFiles).noquote() << "opened model" << path;
    setModel(std::make_shared<const LogisticModel>(std::move(*model)));
    return true;
}

bool MainWindow::openModel(const QString& path)
{
    if (!loadModel(path))
        return false;
    if (path == defaultModel_)
        settings_.remove("model/last");
    else
        settings_.setValue("model/last", path);
    return true;
}

void MainWindow::setModel(std::shared_ptr<const LogisticModel> model)
{
    model_ = std::move(model);
    stream_->setModel(model_);
    if (liveFeed() && !liveFeed()->hasEnded())
        statusBar()->showMessage(tr("The live feed goes on with the model it started with: connect again to score "
                                    "with this one"),
                                 15000);
    showModel();
    showSelectedStock();
}

TrainingDialog* MainWindow::openTrainingDialog()
{
    if (!trainingDialog_) {
        trainingDialog_ = new TrainingDialog(this);
        connect(trainingDialog_, &TrainingDialog::modelChosen, this, &MainWindow::useTrainedModel);
    }
    trainingDialog_->setLoadedData(data_, dataPath_);
    trainingDialog_->setTradingCost(tradingCostBps_);
    trainingDialog_->show();
    trainingDialog_->raise();
    trainingDialog_->activateWindow();
    return trainingDialog_;
}

void MainWindow::useTrainedModel(std::shared_ptr<const LogisticModel> model)
{
    const QString path = model->sourcePath();
    setModel(std::move(model));
    settings_.setValue("model/last", path);
    const QString name = QFileInfo(path).completeBaseName();
    const ReplayProgress at = engine() ? engine()->progress() : ReplayProgress{};
    if (at.state == ReplayState::Finished) {
        // No window is left to score: only a new pass shows the model at work.
        auto* ask = new QMessageBox(QMessageBox::Question, tr("Model %1").arg(name),
                                    tr("The replay has finished, so no call is left for %1 to make. Restart the "
                                       "replay with it?")
                                        .arg(name),
                                    QMessageBox::Yes | QMessageBox::No, this);
        ask->setObjectName(QStringLiteral("restartQuestion"));
        ask->button(QMessageBox::Yes)->setText(tr("&Restart"));
        ask->button(QMessageBox::No)->setText(tr("&Not now"));
        ask->setAttribute(Qt::WA_DeleteOnClose);
        connect(ask, &QMessageBox::accepted, this, [this] {
            if (!engine())
                return;
            engine()->restart();
            engine()->play();
        });
        ask->open();
        statusBar()->showMessage(tr("Switched to model %1: the replay has finished; restart it to score with it")
                                     .arg(name),
                                 15000);
        return;
    }
    statusBar()->showMessage(at.processed > 0 ? tr("Switched to model %1 after %2: the next windows are scored with it")
                                                    .arg(name, QString::fromStdString(timestamp::format(at.time)))
                                              : tr("Switched to model %1").arg(name),
                             15000);
}

void MainWindow::showModel()
{
    const LogisticModel& m = *model_;
    const bool builtIn = m.sourcePath() == defaultModel_;
    const QString name = QFileInfo(m.sourcePath()).completeBaseName() + (builtIn ? tr(" (built-in)") : QString());
    ui_->modelName->setText(name);
    ui_->modelName->setToolTip(m.sourcePath());
    ui_->modelTransform->setText(QString::fromUtf8(features::transformName(m.transform())));
    ui_->modelWindow->setText(tr("%1 closes").arg(m.window()));
    QStringList weights;
    for (double w : m.weights())
        weights << compactNumber(w);
    ui_->modelWeights->setText(tr("%1\nintercept %2").arg(weights.join(QStringLiteral(", ")), compactNumber(m.intercept())));
    ui_->modelTrainedOn->setText(ModelDescription::trainedOn(m.trainedOn()));
    ui_->modelMetrics->setText(ModelDescription::metrics(m.metrics()));
    modelName_ = name;
    updateTitle();
}

// The model in the title rather than the status bar, whose figures need the
// width on a laptop's screen at 150 %.
void MainWindow::updateTitle()
{
    setWindowTitle(sourceTitle_.isEmpty() ? tr("%1 — StockStream").arg(modelName_)
                                          : tr("%1 · model %2 — StockStream").arg(sourceTitle_, modelName_));
}

void MainWindow::showSelectedStock()
{
    const QModelIndex current = ui_->watchlistView->currentIndex();
    if (liveFeed() && current.isValid()) {
        hasSelection_ = true;
        selectedStock_ = static_cast<std::size_t>(proxy_->mapToSource(current).row());
        ui_->stockCharts->clear();
        showLiveStock(liveFeed()->frame(selectedStock_));
        return;
    }
    if (!engine() || !current.isValid()) {
        hasSelection_ = false;
        ui_->stockCharts->clear();
        return;
    }
    hasSelection_ = true;
    selectedStock_ = static_cast<std::size_t>(proxy_->mapToSource(current).row());
    const ReplaySnapshot snapshot = engine()->snapshot();
    StockHistory history(data_, selectedStock_, snapshot.models);
    history.advanceTo(snapshot.stocks[selectedStock_].records);
    ui_->stockCharts->showStock(std::move(history));
    showComparedStocks();
    loadCandles();
}

void MainWindow::loadCandles()
{
    if (!ui_->stockCharts->wantsCandles() || !hasSelection_ || !engine() || !data_ || candleJob_)
        return;
    candleJob_ = std::make_unique<CandleLoadJob>(dataPath_.toStdString(), data_->stock(selectedStock_).name);
    // Queued: finishing destroys the job, which must not happen while it emits.
    connect(
        candleJob_.get(), &CandleLoadJob::finished, this,
        [this] {
            const std::unique_ptr<CandleLoadJob> job = std::move(candleJob_);
            if (job->candles().empty())
                statusBar()->showMessage(tr("No candlesticks for %1: %2")
                                             .arg(QString::fromStdString(job->stock()), QString::fromStdString(job->error())),
                                         10000);
            ui_->stockCharts->setCandles(job->stock(), job->candles());
            // The selection may have moved on while this stock was read.
            if (hasSelection_ && selectedStock_ < data_->stockCount() && data_->stock(selectedStock_).name != job->stock())
                loadCandles();
            emit candlesLoaded(!job->candles().empty());
        },
        Qt::QueuedConnection);
    candleJob_->start();
}

void MainWindow::showComparedStocks()
{
    if (!engine() || !hasSelection_)
        return;
    std::vector<std::size_t> stocks;
    for (const QModelIndex& row : ui_->watchlistView->selectionModel()->selectedRows())
        stocks.push_back(static_cast<std::size_t>(proxy_->mapToSource(row).row()));
    std::sort(stocks.begin(), stocks.end());
    ui_->stockCharts->compareWith(std::move(stocks));
    ui_->stockCharts->advance(engine()->snapshot());
}

void MainWindow::refreshViews()
{
    if (!engine())
        return;
    const ReplaySnapshot snapshot = engine()->snapshot();
    showProgress(snapshot.progress);
    ui_->overviewChart->update(snapshot);
    showBacktest(snapshot);
    showStocks(snapshot);
    showOnline(snapshot);
}

void MainWindow::refreshFrame()
{
    if (liveFeed()) {
        refreshLive();
        return;
    }
    if (!engine())
        return;
    showProgress(engine()->progress());
    stream_->requestSnapshot();
}

void MainWindow::showSnapshot(const ReplaySnapshot& snapshot)
{
    // The overview spans the whole replay: a few updates a second show it
    // growing, at a fraction of the cost of relabelling it every frame.
    if (!overviewClock_.isValid() || overviewClock_.elapsed() >= kOverviewRefreshMs) {
        ui_->overviewChart->update(snapshot);
        showBacktest(snapshot);
        overviewClock_.start();
    }
    refreshOnline(snapshot);
    showStocks(snapshot);
}

// Thousands of points re-placed: a few times a second, and only for the
// eyes that can see them.
void MainWindow::refreshOnline(const ReplaySnapshot& snapshot)
{
    if ((ui_->clusterDock->isVisible() || ui_->comparisonDock->isVisible())
        && (!onlineClock_.isValid() || onlineClock_.elapsed() >= kOverviewRefreshMs)) {
        showOnline(snapshot);
        onlineClock_.start();
    }
}

void MainWindow::showOnline(const ReplaySnapshot& snapshot)
{
    const auto online = onlineOf(snapshot);
    ui_->clusterView->update(online);
    ui_->comparisonView->update(online);
}

void MainWindow::openTradingCostDialog()
{
    bool ok = false;
    const double cost = QInputDialog::getDouble(
        this, tr("Trading Cost"), tr("Cost of each change of a stock's position, in basis points:"), tradingCostBps_,
        0, 10000, 1, &ok);
    if (ok)
        setTradingCost(cost);
}

void MainWindow::setTradingCost(double costBps)
{
    tradingCostBps_ = costBps;
    settings_.setValue("backtest/costBps", costBps);
    ui_->stockCharts->setTradingCost(costBps);
    if (trainingDialog_)
        trainingDialog_->setTradingCost(costBps);
    stream_->plugStage(backtest(costBps));
    clearBacktest();
}

PortfolioEquityChart* MainWindow::portfolioEquityChart() const
{
    return ui_->portfolioEquityChart;
}

QString MainWindow::backtestSentence() const
{
    return ui_->backtestSentence->text();
}

void MainWindow::showBacktest(const ReplaySnapshot& snapshot)
{
    const auto figures = backtestOf(snapshot);
    ui_->backtestSentence->setText(figures ? BacktestSentence::of(figures->portfolio, figures->costBps) : QString());
    ui_->portfolioEquityChart->update(snapshot);
}

void MainWindow::clearBacktest()
{
    ui_->backtestSentence->clear();
    ui_->portfolioEquityChart->clear();
}

OnlineLearningDialog* MainWindow::openOnlineLearningDialog()
{
    auto* dialog = new OnlineLearningDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOptions(onlineOptions_);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { setOnlineOptions(dialog->options()); });
    dialog->open();
    return dialog;
}

void MainWindow::setOnlineOptions(const OnlineOptions& options)
{
    onlineOptions_ = options;
    OnlineLearningDialog::save(settings_, options);
    stream_->plugStage(onlineLearning(options));
    // The view of what was switched on comes to the front among the side
    // panels' tabs, clusters first, leaving the chart its room.
    for (QDockWidget* dock : {options.scorer.enabled ? ui_->comparisonDock : nullptr,
                              options.clusteringEnabled() ? ui_->clusterDock : nullptr}) {
        if (!dock)
            continue;
        dock->show();
        dock->raise();
    }
    refreshViews();
}

ClusterView* MainWindow::clusterView() const
{
    return ui_->clusterView;
}

ModelComparisonView* MainWindow::comparisonView() const
{
    return ui_->comparisonView;
}

void MainWindow::showWatchlist(const ReplaySnapshot& snapshot)
{
    watchlist_->update(snapshot);
    watchlistPanel_->resortSoon();
}

void MainWindow::showStocks(const ReplaySnapshot& snapshot)
{
    showWatchlist(snapshot);
    if (hasSelection_)
        ui_->stockCharts->advance(snapshot);
    const QLocale locale;
    recordsLabel_->setText(tr("%1 / %2 records, %3")
                               .arg(locale.toString(static_cast<qulonglong>(snapshot.progress.processed)),
                                    locale.toString(static_cast<qulonglong>(snapshot.progress.total)),
                                    accuracyText(snapshot.overall)));
}

void MainWindow::showProgress(const ReplayProgress& p)
{
    if (!timeline_->isSliderDown()) {
        dateLabel_->setText(p.processed > 0 ? QString::fromStdString(timestamp::format(p.time)) : tr("not started"));
        const Timestamp first = data_->firstTime();
        const Timestamp span = std::max<Timestamp>(data_->lastTime() - first, 1);
        const auto position = p.processed > 0 ? static_cast<int>((p.time - first) * kTimelineSteps / span) : 0;
        QSignalBlocker block(timeline_);
        timeline_->setValue(position);
    }
    updateRate(p);
}

void MainWindow::updateRate(const ReplayProgress& progress)
{
    if (progress.processed < rateProcessed_) {
        rateProcessed_ = progress.processed;
        rateClock_.restart();
    }
    const qint64 elapsed = rateClock_.elapsed();
    if (elapsed >= kRateWindowMs) {
        rate_ = static_cast<double>(progress.processed - rateProcessed_) * 1000.0 / static_cast<double>(elapsed);
        rateProcessed_ = progress.processed;
        rateClock_.restart();
        rateLabel_->setText(tr("%1 records/s").arg(QLocale().toString(rate_, 'f', 0)));
    }
}

void MainWindow::updateActions()
{
    const bool loaded = engine() != nullptr;
    const ReplayState state = loaded ? engine()->state() : ReplayState::Ready;
    const bool playing = state == ReplayState::Playing;
    ui_->actionPlayPause->setEnabled(loaded);
    ui_->actionPlayPause->setText(playing ? tr("&Pause") : tr("&Play"));
    ui_->actionPlayPause->setIconText(playing ? tr("Pause") : tr("Play"));
    ui_->actionPlayPause->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    ui_->actionPlayPause->setToolTip(playing ? tr("Pause the replay (Space)") : tr("Play the replay (Space)"));
    ui_->actionStep->setEnabled(loaded);
    ui_->actionStepDay->setEnabled(loaded);
    ui_->actionStop->setEnabled(loaded && (playing || state == ReplayState::Paused));
    ui_->actionRestart->setEnabled(loaded);
    runs()->setPaused(state == ReplayState::Paused ? stream_->activeRun() : 0);
    timeline_->setEnabled(loaded);
    ui_->actionSaveChart->setEnabled(loaded || liveFeed());
    ui_->actionDisconnectLive->setEnabled(liveFeed() && !liveFeed()->hasEnded());
    if (loaded && (state == ReplayState::Finished || state == ReplayState::Stopped)) {
        refreshViews();
        statusBar()->showMessage(state == ReplayState::Finished ? tr("Replay finished. Play starts it over.")
                                                                : tr("Replay stopped. Play starts it over."),
                                 10000);
    }
}

QString MainWindow::playHint()
{
    return tr("Press Space to play.");
}

// Once the replay moves, the hint has done its work; what was opened stays said.
void MainWindow::dropPlayHint()
{
    if (statusBar()->currentMessage() == openedNote_ + ' ' + playHint())
        statusBar()->showMessage(openedNote_, 10000);
}

void MainWindow::togglePlay()
{
    dropPlayHint();
    if (engine()->state() == ReplayState::Playing)
        engine()->pause();
    else
        engine()->play();
}

void MainWindow::setSpeedNotch(int notch)
{
    speedSlider_->setValue(notch);
}

Timestamp MainWindow::timelineTime(int position) const
{
    if (!data_)
        return 0;
    const Timestamp first = data_->firstTime();
    return first + (data_->lastTime() - first) * position / kTimelineSteps;
}

void MainWindow::seekToTimeline(int position)
{
    if (!engine())
        return;
    const Timestamp time = timelineTime(position);
    engine()->seek(time);
    statusBar()->showMessage(tr("Seeking to %1…").arg(QString::fromStdString(timestamp::formatDate(time))), 3000);
}

QString MainWindow::browseFolder() const
{
    const QFileInfo data(dataPath_);
    if (dataPath_.isEmpty() || (!sampleFolder_.isEmpty() && data == QFileInfo(sampleFolder_)))
        return QDir::homePath();
    return data.isDir() ? data.filePath() : data.path();
}

void MainWindow::chooseDataFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open price data"), browseFolder(),
                                                      tr("Price data (*.txt *.csv *.tsv *.jsonl *.json);;All files (*)"));
    if (!path.isEmpty())
        openData(path);
}

void MainWindow::chooseDataFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open a folder of ticker files"), browseFolder());
    if (!path.isEmpty())
        openData(path);
}

void MainWindow::chooseModel()
{
    // Beside the last model the user chose, else at home: never wherever
    // the program happened to be started.
    const QFileInfo last(settings_.value("model/last").toString());
    const QString path = QFileDialog::getOpenFileName(this, tr("Open model"), last.exists() ? last.path() : QDir::homePath(),
                                                      tr("Model (*.json);;All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::saveChart()
{
    const QString folder = settings_.value("chart/folder", QDir::homePath()).toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Save chart as PNG"),
                                                      QDir(folder).filePath(QStringLiteral("stockstream-chart.png")),
                                                      tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    settings_.setValue("chart/folder", QFileInfo(path).absolutePath());
    if (!ui_->stockCharts->grab().save(path, "PNG"))
        showError(tr("Cannot save the chart"), tr("could not write %1").arg(QDir::toNativeSeparators(path)));
    else
        statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::setLogging(bool enabled)
{
    ui_->actionLogReplays->setChecked(enabled);
}

StreamController::Scoring MainWindow::scoring() const
{
    return {model_, onlineOptions_, tradingCostBps_};
}

QString MainWindow::activeLogPath() const
{
    const QString writing = stream_->loggingTo();
    return writing.isEmpty() ? logPath() : writing;
}

QString MainWindow::logPath() const
{
    return settings_.value("log/path", PredictionLog::defaultPath()).toString();
}

void MainWindow::chooseLogLocation()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Prediction log location"), logPath(),
                                                      tr("Prediction log (*.sqlite);;All files (*)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    settings_.setValue("log/path", path);
    statusBar()->showMessage(tr("Replays of the data opened next are logged to %1").arg(path), 8000);
    refreshRuns();
}

RunsModel* MainWindow::runs() const
{
    return ui_->runsPanel->model();
}

void MainWindow::refreshRuns()
{
    ui_->runsPanel->setActiveRun(stream_->activeRun());
    ui_->runsPanel->setLogPath(activeLogPath());
}

bool MainWindow::loggingChanged() const
{
    return engine() && !stream_->live() && stream_->loggingTo().isEmpty() == ui_->actionLogReplays->isChecked();
}

void MainWindow::applyLogging(bool on)
{
    settings_.setValue("log/enabled", on);
    QString when = tr("from the data opened next");
    // The log's runs are whole passes: the open data's session changes over
    // at a pass's start, at once when nothing of it is replayed yet.
    if (loggingChanged()) {
        if (engine()->progress().processed == 0) {
            showData(data_, dataPath_);
            when = tr("from now on");
        } else {
            when = tr("from the next restart of this replay (Replay ▸ Restart)");
        }
    }
    const QString message = on ? tr("Replays are logged to %1 %2").arg(QDir::toNativeSeparators(logPath()), when)
                               : tr("Replays are not logged %1").arg(when);
    statusBar()->showMessage(message, 15000);
}

QString MainWindow::currentStockName() const
{
    return watchlistPanel_->currentStock();
}

bool MainWindow::haveRuns(const QString& what)
{
    refreshRuns();
    if (runs()->rowCount() > 0)
        return true;
    showError(what, tr("The prediction log %1 holds no run yet: play a replay first.").arg(logPath()));
    return false;
}

void MainWindow::chooseExport(bool selectedStockOnly)
{
    const QString stock = selectedStockOnly ? currentStockName() : QString();
    if (selectedStockOnly && stock.isEmpty()) {
        showError(tr("Nothing to export"), tr("Select a stock in the watchlist first."));
        return;
    }
    if (!haveRuns(tr("Nothing to export")))
        return;
    std::vector<RunInfo> runs;
    for (int r = 0; r < this->runs()->rowCount(); ++r)
        runs.push_back(*this->runs()->run(r));
    const RunInfo* selected = ui_->runsPanel->selectedRun();
    export_->choose(activeLogPath(), std::move(runs), selected ? selected->id : 0, stock);
}

RunBrowser* MainWindow::browseRun()
{
    if (!haveRuns(tr("Nothing to browse")))
        return nullptr;
    const RunInfo* run = ui_->runsPanel->selectedRun();
    auto* browser = new RunBrowser(activeLogPath(), run ? *run : *runs()->run(0),
                                   currentStockName(), this);
    browser->setAttribute(Qt::WA_DeleteOnClose);
    browser->show();
    return browser;
}

void MainWindow::exportPredictions(const ExportDialog::Request& request)
{
    export_->exportPredictions(activeLogPath(), request);
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message, 15000);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::openLiveFeedDialog()
{
    auto* dialog = new LiveFeedDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSettings(LiveFeedSettings::load(settings_));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const LiveFeedSettings chosen = dialog->settings();
        chosen.save(settings_);
        connectLive(chosen);
    });
    dialog->open();
}

bool MainWindow::connectLive(const LiveFeedSettings& settings)
{
    QString error;
    if (!stream_->connectLive(settings, scoring(), ui_->actionLogReplays->isChecked() ? logPath() : QString(),
                              &error)) {
        showError(tr("Cannot connect to the live feed"), error);
        return false;
    }
    forgetStream();
    candleJob_.reset();
    ui_->stockCharts->clear();
    ui_->overviewChart->clear();
    clearBacktest();
    watchlist_->setStocks(QStringList{});
    sourceTitle_ = liveFeed()->describe();
    updateTitle();
    recordsLabel_->clear();
    rateLabel_->clear();
    liveIndicator_->show();
    statusBar()->showMessage(tr("Scoring the live feed %1 with model %2")
                                 .arg(liveFeed()->describe(), QFileInfo(model_->sourcePath()).completeBaseName()),
                             10000);
    if (stream_->activeRun())
        refreshRuns();
    refreshLive();
    updateActions();
    refreshTimer_.start();
    return true;
}

void MainWindow::disconnectLive()
{
    if (liveFeed())
        liveFeed()->stop();
}

void MainWindow::refreshLive()
{
    // poll() may find the feed ended and finishLive() run inside it.
    showLiveStatus(liveFeed()->poll());
    showLiveFrame();
}

void MainWindow::showLiveFrame()
{
    const LiveBoard::Frame frame = liveFeed()->frame(hasSelection_ ? std::optional(selectedStock_) : std::nullopt);
    // The board learns stocks at their first call; the watchlist grows with it.
    const auto known = static_cast<std::size_t>(watchlist_->rowCount());
    if (frame.snapshot.stocks.size() > known) {
        const auto stocks = liveFeed()->stocks();
        QStringList names;
        for (std::size_t i = known; i < frame.snapshot.stocks.size(); ++i)
            names.append(QString::fromStdString(stocks->name(i)));
        watchlist_->addStocks(names);
        proxy_->sort(proxy_->sortColumn(), proxy_->sortOrder());
    }
    showWatchlist(frame.snapshot);
    if (!ui_->watchlistView->currentIndex().isValid() && proxy_->rowCount() > 0)
        ui_->watchlistView->setCurrentIndex(proxy_->index(0, 0));
    else if (hasSelection_)
        showLiveStock(frame);
    if (!overviewClock_.isValid() || overviewClock_.elapsed() >= kOverviewRefreshMs) {
        ui_->overviewChart->update(frame.snapshot);
        showBacktest(frame.snapshot);
        overviewClock_.start();
    }
    refreshOnline(frame.snapshot);
    recordsLabel_->setText(tr("%1 ticks, %2")
                               .arg(QLocale().toString(static_cast<qulonglong>(frame.snapshot.progress.processed)),
                                    accuracyText(frame.snapshot.overall)));
    if (frame.snapshot.progress.time > 0)
        dateLabel_->setText(QString::fromStdString(timestamp::format(frame.snapshot.progress.time)));
}

void MainWindow::showLiveStock(const LiveBoard::Frame& frame)
{
    // A stock's calls only grow, and each outcome comes with the next call.
    const StockHistory& shown = ui_->stockCharts->history();
    if (frame.calls.empty() || (shown.isValid() && shown.calls().size() == frame.calls.size()))
        return;
    ui_->stockCharts->extend(StockHistory::fromCalls(liveFeed()->stocks()->name(selectedStock_), frame.calls));
}

void MainWindow::showLiveStatus(const LiveFeed::Status& status)
{
    liveIndicator_->showStatus(status, liveFeed()->describe(), 1000 / kRefreshMs);
}

void MainWindow::finishLive()
{
    refreshTimer_.stop();
    showLiveStatus(liveFeed()->poll());
    showLiveFrame();
    refreshRuns();
    updateActions();
    if (liveFeed()->failed())
        showError(tr("Live feed ended"), tr("%1: %2").arg(liveFeed()->describe(), liveFeed()->endReason()));
    else
        statusBar()->showMessage(tr("Live feed %1 ended: %2").arg(liveFeed()->describe(), liveFeed()->endReason()), 15000);
    emit liveEnded();
    if (std::exchange(closeOnLiveEnd_, false))
        close();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile())
        return;
    event->acceptProposedAction();
    openData(urls.front().toLocalFile());
}

} // namespace ss
