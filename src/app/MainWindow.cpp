#include "MainWindow.h"
#include "ui_MainWindow.h"

#include "app/charts/OverviewChart.h"
#include "app/charts/PortfolioEquityChart.h"
#include "app/charts/StockChartPanel.h"
#include "app/dialogs/HelpDialog.h"
#include "app/models/DataQualityModel.h"
#include "app/models/RunsModel.h"
#include "app/models/WatchlistModel.h"
#include "app/panels/ClusterView.h"
#include "app/panels/LiveStatusIndicator.h"
#include "app/panels/ModelComparisonView.h"
#include "app/panels/RunsPanel.h"
#include "app/panels/StreamFigures.h"
#include "app/panels/WatchlistPanel.h"
#include "app/panels/WorkspaceLayout.h"
#include "app/session/LiveConnection.h"
#include "app/session/LogController.h"
#include "app/session/ModelController.h"
#include "app/session/ReplayActions.h"
#include "app/session/ReplayKeys.h"
#include "app/session/ReplaySpeed.h"
#include "app/session/ScoringOptions.h"
#include "app/sources/DataOpener.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QMimeData>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QStyle>

#include <utility>

namespace ss {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      ui_(std::make_unique<Ui::MainWindow>()),
      watchlist_(new WatchlistModel(this)),
      dataQuality_(new DataQualityModel(this))
{
    ui_->setupUi(this);
    setUpDocks();
    setUpParts();
    setUpActions();
    setUpKeys();
    restoreSettings();
    // The chart has the keyboard from the first launch, where the replay's
    // keys are at home; Escape in the filter brings it back there. Last:
    // laying out the docks moves the keyboard among them.
    ui_->stockCharts->setFocus(Qt::OtherFocusReason);

    // Not openModel(): the setting naming the last model must outlive this
    // start, for openInitial() to restore it.
    models_->load(models_->defaultModel());
    updateActions();
}

MainWindow::~MainWindow()
{
    closeStream();
}

void MainWindow::setUpDocks()
{
    watchlistPanel_ = new WatchlistPanel(ui_->filterEdit, ui_->watchlistView, watchlist_, settings_.store(), this);
    ui_->stockCharts->setFocusPolicy(Qt::StrongFocus);
    watchlistPanel_->setHomeWidget(ui_->stockCharts);

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

    // Clusters and Compare Models join the tabs once online learning is on
    // (or the last session left them open).
    layout_ = new WorkspaceLayout(this, ui_->watchlistDock,
                                  {ui_->accuracyDock, ui_->tradingDock, ui_->modelDock, ui_->dataQualityDock, ui_->runsDock},
                                  {ui_->clusterDock, ui_->comparisonDock}, settings_.store());
    layout_->setWatchlistWidth(watchlistPanel_->preferredWidth());
    recent_ = new RecentFiles(ui_->menuRecent, settings_.store(), this);
    for (QDockWidget* dock : layout_->docks())
        ui_->menuView->addAction(dock->toggleViewAction());
    ui_->menuView->addAction(ui_->replayToolBar->toggleViewAction());
    ui_->menuView->addAction(ui_->timelineToolBar->toggleViewAction());

    liveIndicator_ = new LiveStatusIndicator;
    statusBar()->addPermanentWidget(liveIndicator_);
    figures_ = new StreamFigures(statusBar());
}

void MainWindow::setUpParts()
{
    stream_ = new StreamController(this);
    opener_ = new DataOpener(this, settings_);
    models_ = new ModelController(this,
                                  {ui_->modelName, ui_->modelTransform, ui_->modelWindow, ui_->modelWeights,
                                   ui_->modelTrainedOn, ui_->modelMetrics},
                                  settings_, stream_);
    scoring_ = new ScoringOptions(this, settings_, stream_);
    logs_ = new LogController(this, settings_, stream_, ui_->runsPanel, ui_->actionLogReplays);
    live_ = new LiveConnection(this, settings_, stream_, models_, scoring_, logs_);
    controls_ = new ReplayControls(this, ui_->timelineToolBar,
                                   {ui_->actionPlayPause, ui_->actionStep, ui_->actionStepDay, ui_->actionStop,
                                    ui_->actionSlower, ui_->actionFaster, ui_->actionRestart},
                                   stream_);
    views_ = new StreamViews({ui_->stockCharts, ui_->overviewChart, ui_->backtestSentence, ui_->portfolioEquityChart,
                              ui_->clusterView, ui_->clusterDock, ui_->comparisonView, ui_->comparisonDock},
                             {stream_, opener_, watchlist_, watchlistPanel_, controls_, figures_, liveIndicator_},
                             this);

    connect(stream_, &StreamController::stateChanged, this, &MainWindow::updateActions);
    connect(stream_, &StreamController::runsChanged, this, &MainWindow::updateActions);
    connect(stream_, &StreamController::logFailed, this,
            [this](const QString& why) { showError(tr("Prediction log problem"), why); });
    connect(stream_, &StreamController::liveEnded, this, &MainWindow::finishLive);
    connect(live_, &LiveConnection::started, this, &MainWindow::showLive);
    connect(live_, &LiveConnection::failed, this, &MainWindow::showError);
    connect(live_, &LiveConnection::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(opener_, &DataOpener::opened, this, &MainWindow::showData);
    connect(opener_, &DataOpener::finished, this, &MainWindow::dataLoaded);
    connect(opener_, &DataOpener::failed, this, &MainWindow::showError);
    connect(opener_, &DataOpener::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(recent_, &RecentFiles::chosen, opener_, &DataOpener::open);
    connect(models_, &ModelController::modelChanged, this, [this] {
        updateTitle();
        views_->showSelectedStock();
    });
    connect(models_, &ModelController::failed, this, &MainWindow::showError);
    connect(models_, &ModelController::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(scoring_, &ScoringOptions::onlineOptionsChanged, views_, &StreamViews::showOnlineViews);
    connect(scoring_, &ScoringOptions::tradingCostChanged, this, [this](double costBps) {
        ui_->stockCharts->setTradingCost(costBps);
        models_->setTradingCost(costBps);
        views_->clearBacktest();
    });
    connect(logs_, &LogController::replayAgain, this, &MainWindow::showData);
    connect(logs_, &LogController::exported, this, &MainWindow::exported);
    connect(logs_, &LogController::failed, this, &MainWindow::showError);
    connect(logs_, &LogController::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(ui_->runsDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            logs_->refreshRuns();
    });
    connect(views_, &StreamViews::candlesLoaded, this, &MainWindow::candlesLoaded);
    connect(views_, &StreamViews::statusMessage, statusBar(), &QStatusBar::showMessage);
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

    connect(ui_->actionOpenFile, &QAction::triggered, opener_, &DataOpener::chooseFile);
    connect(ui_->actionOpenFolder, &QAction::triggered, opener_, &DataOpener::chooseFolder);
    connect(ui_->actionOpenSample, &QAction::triggered, this, &MainWindow::openSample);
    connect(ui_->actionConnectLive, &QAction::triggered, live_, &LiveConnection::openDialog);
    connect(ui_->actionDisconnectLive, &QAction::triggered, live_, &LiveConnection::stop);
    connect(ui_->actionSaveChart, &QAction::triggered, this, &MainWindow::saveChart);
    connect(ui_->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui_->actionRestart, &QAction::triggered, this, [this] {
        // A restart is where a changed File ▸ Log Replays takes effect.
        if (logs_->loggingChanged())
            showData();
        else
            engine()->restart();
    });
    connect(ui_->actionOpenModel, &QAction::triggered, models_, &ModelController::choose);
    connect(ui_->openModelButton, &QPushButton::clicked, models_, &ModelController::choose);
    connect(ui_->actionDefaultModel, &QAction::triggered, this, [this] { openModel(models_->defaultModel()); });
    connect(ui_->actionTrainModel, &QAction::triggered, this, &MainWindow::openTrainingDialog);
    connect(ui_->actionOnlineLearning, &QAction::triggered, this, &MainWindow::openOnlineLearningDialog);
    connect(ui_->actionTradingCost, &QAction::triggered, this, &MainWindow::openTradingCostDialog);
    connect(ui_->actionResetZoom, &QAction::triggered, ui_->stockCharts, &StockChartPanel::resetZoom);
    connect(ui_->actionCandlesticks, &QAction::toggled, this, [this](bool on) {
        settings_.setCandlesticks(on);
        ui_->stockCharts->setCandlesticks(on);
        // The volume pane may have read the days already.
        if (ui_->stockCharts->showsCandles())
            QMetaObject::invokeMethod(this, [this] { emit candlesLoaded(true); }, Qt::QueuedConnection);
    });
    connect(ui_->actionAbout, &QAction::triggered, this, [this] { HelpDialog::about(this); });
    connect(ui_->actionExportAll, &QAction::triggered, this, [this] { logs_->chooseExport(QString()); });
    connect(ui_->actionExportStock, &QAction::triggered, this,
            [this] { logs_->chooseStockExport(watchlistPanel_->currentStock()); });
    connect(ui_->actionBrowseRun, &QAction::triggered, this, &MainWindow::browseRun);
    ui_->runsPanel->view()->addAction(ui_->actionBrowseRun);
    ui_->runsPanel->view()->addAction(ui_->actionExportAll);
    connect(ui_->runsPanel, &RunsPanel::browseRequested, this, &MainWindow::browseRun);
    connect(ui_->actionLogLocation, &QAction::triggered, logs_, &LogController::chooseLocation);
    connect(ui_->actionLogReplays, &QAction::triggered, this, &MainWindow::applyLogging);
    connect(ui_->actionCacheData, &QAction::toggled, this, [this](bool on) { settings_.setCacheData(on); });
    connect(ui_->actionResetLayout, &QAction::triggered, this, &MainWindow::resetLayout);
    connect(ui_->actionShortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(ui_->actionUserGuide, &QAction::triggered, this, [this] { HelpDialog::userGuide(this)->show(); });
}

void MainWindow::setUpKeys()
{
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

void MainWindow::restoreSettings()
{
    layout_->restore();
    controls_->setSpeedNotch(settings_.replaySpeed(ReplaySpeed::defaultNotch()));
    ui_->actionLogReplays->setChecked(settings_.logReplays());
    ui_->actionCacheData->setChecked(settings_.cacheData());
    ui_->actionCandlesticks->setChecked(settings_.candlesticks());
    ui_->stockCharts->setTradingCost(scoring_->tradingCost());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // A live feed ends first, on its own thread: a Kafka feed's last commit
    // can wait for a broker that is away, and the window stays responsive
    // meanwhile, saying so; it closes once the feed ended.
    if (live_->isRunning()) {
        closeOnLiveEnd_ = true;
        live_->stop();
        event->ignore();
        return;
    }
    layout_->save();
    settings_.setReplaySpeed(controls_->speedNotch());
    QMainWindow::closeEvent(event);
}

void MainWindow::openInitial(const QString& path)
{
    models_->openLast();
    opener_->openInitial(path);
}

void MainWindow::forgetStream()
{
    views_->forget();
    replayActions_->setSession(nullptr);
}

void MainWindow::closeStream()
{
    forgetStream();
    stream_->close();
}

void MainWindow::showData()
{
    closeStream();
    const auto& data = opener_->data();
    const QString& path = opener_->path();
    QString logError;
    stream_->replay(data, opener_->report(), path, scoring_->scoring(models_->model()), logs_->streamLogPath(),
                    &logError);
    if (!logError.isEmpty())
        showError(tr("Replays are not logged"), logError);
    controls_->applySpeed();
    replayActions_->setSession(engine());
    controls_->setSpan(data->firstTime(), data->lastTime());
    views_->showReplay();
    dataQuality_->setReport(opener_->report());
    ui_->dataQualitySummary->setText(dataQuality_->summary());
    if (!opener_->report().notable.empty())
        ui_->dataQualityDock->raise();

    const bool isSample = opener_->isSample(path);
    sourceTitle_ = isSample ? tr("Built-in sample") : QFileInfo(path).fileName();
    updateTitle();
    if (!isSample)
        recent_->add(path);
    const QString notice = logs_->takeNotice();
    controls_->announce(notice.isEmpty() ? opener_->openedNote() : notice + ' ' + opener_->openedNote());
    views_->refresh();
    updateActions();
    views_->start();
}

// The model in the title rather than the status bar, whose figures need the
// width on a laptop's screen at 150 %.
void MainWindow::updateTitle()
{
    setWindowTitle(sourceTitle_.isEmpty() ? tr("%1 — StockStream").arg(models_->name())
                                          : tr("%1 · model %2 — StockStream").arg(sourceTitle_, models_->name()));
}

void MainWindow::updateActions()
{
    controls_->updateState();
    const ReplayState state = engine() ? engine()->state() : ReplayState::Ready;
    runs()->setPaused(state == ReplayState::Paused ? stream_->activeRun() : 0);
    ui_->actionSaveChart->setEnabled(engine() || liveFeed());
    ui_->actionDisconnectLive->setEnabled(live_->isRunning());
    if (engine() && (state == ReplayState::Finished || state == ReplayState::Stopped)) {
        views_->refresh();
        statusBar()->showMessage(state == ReplayState::Finished ? tr("Replay finished. Play starts it over.")
                                                                : tr("Replay stopped. Play starts it over."),
                                 10000);
    }
}

void MainWindow::saveChart()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save chart as PNG"), QDir(settings_.chartFolder()).filePath(QStringLiteral("stockstream-chart.png")),
        tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    settings_.setChartFolder(QFileInfo(path).absolutePath());
    if (!ui_->stockCharts->grab().save(path, "PNG"))
        showError(tr("Cannot save the chart"), tr("could not write %1").arg(QDir::toNativeSeparators(path)));
    else
        statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message, 15000);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool MainWindow::connectLive(const LiveFeedSettings& settings)
{
    return live_->connectTo(settings);
}

void MainWindow::showLive()
{
    forgetStream();
    sourceTitle_ = liveFeed()->describe();
    updateTitle();
    views_->showLive();
    updateActions();
    views_->start();
}

void MainWindow::finishLive()
{
    views_->finishLive();
    logs_->refreshRuns();
    updateActions();
    live_->tellEnd();
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

void MainWindow::setLogging(bool enabled)
{
    ui_->actionLogReplays->setChecked(enabled);
}

QString MainWindow::backtestSentence() const
{
    return ui_->backtestSentence->text();
}

PortfolioEquityChart* MainWindow::portfolioEquityChart() const
{
    return ui_->portfolioEquityChart;
}

ClusterView* MainWindow::clusterView() const
{
    return ui_->clusterView;
}

ModelComparisonView* MainWindow::comparisonView() const
{
    return ui_->comparisonView;
}

TrainingDialog* MainWindow::openTrainingDialog()
{
    return models_->openTrainingDialog(opener_->data(), opener_->path(), scoring_->tradingCost());
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

} // namespace ss
