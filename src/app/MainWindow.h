#pragma once

#include "app/dialogs/ExportDialog.h"
#include "app/panels/LiveStatusIndicator.h"
#include "app/panels/WatchlistPanel.h"
#include "app/session/AppSettings.h"
#include "app/session/LiveConnection.h"
#include "app/session/LiveFeed.h"
#include "app/session/LogController.h"
#include "app/session/ModelController.h"
#include "app/session/RecentFiles.h"
#include "app/session/ReplayControls.h"
#include "app/session/ScoringOptions.h"
#include "app/session/StreamController.h"
#include "app/session/StreamViews.h"
#include "app/sources/DataOpener.h"
#include "core/data/LoadReport.h"
#include "core/online/OnlineOptions.h"
#include "core/stream/ReplayEngine.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace Ui {
class MainWindow;
}

namespace ss {

class ClusterView;
class DataQualityModel;
class HelpDialog;
class ModelComparisonView;
class OnlineLearningDialog;
class OverviewChart;
class PortfolioEquityChart;
class ReplayActions;
class ReplayKeys;
class RunBrowser;
class RunsModel;
class StockChartPanel;
class StreamFigures;
class TrainingDialog;
class WatchlistModel;
class WorkspaceLayout;

// The application's window: lays out the form (ui/MainWindow.ui) and wires
// its menus, toolbars and docks to the parts that do the work. The data
// opened (DataOpener) is streamed by the StreamController, whose engine
// runs on its own thread, with the model (ModelController) and options
// (ScoringOptions) in force; ReplayControls drive it, StreamViews show it,
// and LogController keeps its log.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr int kRefreshMs = StreamViews::kRefreshMs;
    static constexpr int kOverviewRefreshMs = StreamViews::kOverviewRefreshMs;
    // Entries of File ▸ Open Recent.
    static constexpr int kMaxRecent = RecentFiles::kMax;
    static constexpr int kTimelineSteps = ReplayControls::kTimelineSteps;
    static constexpr double kDefaultTradingCostBps = AppSettings::kDefaultTradingCostBps;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens what the command line named, else the last data, else the
    // built-in sample; and the last model, else the default one.
    void openInitial(const QString& path);
    // Reads a folder or file in the background, with progress and Cancel;
    // dataLoaded() tells when it is done.
    void openData(const QString& path) { opener_->open(path); }
    void openSample() { opener_->openSample(); }
    // Shows why a model is refused and keeps the current one.
    bool openModel(const QString& path) { return models_->open(path); }

    // The model scored with unless another is chosen: the installed
    // default model, else the one built into the program.
    const QString& defaultModel() const { return models_->defaultModel(); }
    ReplayEngine* engine() const { return stream_->engine(); }
    const LoadReport& loadReport() const { return opener_->report(); }
    bool isLoading() const { return opener_->isLoading(); }
    // Where File ▸ Open and Open Folder start: beside the user's own data,
    // or at home while the built-in sample (in a hidden cache folder) is open.
    QString browseFolder() const { return opener_->browseFolder(); }
    WatchlistModel* watchlist() const { return watchlist_; }
    QSortFilterProxyModel* watchlistProxy() const { return watchlistPanel_->proxy(); }
    QTableView* watchlistView() const;
    StockChartPanel* stockCharts() const;
    OverviewChart* overviewChart() const;
    DataQualityModel* dataQuality() const { return dataQuality_; }
    void setSpeedNotch(int notch) { controls_->setSpeedNotch(notch); }
    // Whether replays of data opened from now on are logged.
    void setLogging(bool enabled);
    // File ▸ Log Replays: remembered, and applied to the open data at once
    // while nothing of it is replayed, else from its next restart; the
    // status bar says which.
    void applyLogging(bool on) { logs_->applyLogging(on); }
    QString logPath() const { return logs_->logPath(); }
    RunsModel* runs() const { return logs_->runs(); }
    // Writes the logged calls the request asks for, in the background with
    // progress; exported() tells when it is done.
    void exportPredictions(const ExportDialog::Request& request) { logs_->exportPredictions(request); }
    // Seeks to the date at a point of the timeline slider (0..kTimelineSteps).
    void seekToTimeline(int position) { controls_->seekTo(position); }
    // Model ▸ Train model…: opens (once created, raises) the training dialog
    // on the data open now.
    TrainingDialog* openTrainingDialog();
    // File ▸ Browse run…: opens a window on the calls of the run selected
    // in the Runs panel (else the latest), or nullptr (with a message)
    // when the log holds none.
    RunBrowser* browseRun() { return logs_->browseRun(watchlistPanel_->currentStock()); }
    // Replay ▸ Online Learning…: opens the dialog on the options in force;
    // OK applies them with setOnlineOptions().
    OnlineLearningDialog* openOnlineLearningDialog() { return scoring_->openOnlineLearningDialog(); }
    // Clusters and the online scorer for the data open now and data opened
    // later, remembered for the next session. The models learn from the
    // record the replay is at: a restart gives them a whole pass.
    void setOnlineOptions(const OnlineOptions& options) { scoring_->setOnlineOptions(options); }
    const OnlineOptions& onlineOptions() const { return scoring_->onlineOptions(); }
    // Replay ▸ Trading Cost…: asks for the cost and applies it with setTradingCost().
    void openTradingCostDialog() { scoring_->openTradingCostDialog(); }
    // The cost in basis points of each change of position when the calls
    // are traded, for the data open now (its backtest starts over from the
    // record the replay is at) and data opened later; remembered.
    void setTradingCost(double costBps) { scoring_->setTradingCost(costBps); }
    double tradingCost() const { return scoring_->tradingCost(); }
    // The sentence under the market view on what trading the calls returned.
    QString backtestSentence() const;
    PortfolioEquityChart* portfolioEquityChart() const;
    // Shows or hides a watchlist column (right-click its header), remembered.
    void showWatchlistColumn(int column, bool shown) { watchlistPanel_->showColumn(column, shown); }
    ClusterView* clusterView() const;
    ModelComparisonView* comparisonView() const;
    // File ▸ Connect to Live Feed…: the dialog on the last settings; OK
    // remembers them and connects.
    void openLiveFeedDialog() { live_->openDialog(); }
    // Scores a live feed instead of replaying the data open now, with the
    // watchlist and charts following it (replay controls are off while it
    // runs). False, with a message, when it cannot start; a feed that
    // starts and then fails (a refused connection) says why when it ends.
    bool connectLive(const LiveFeedSettings& settings);
    // File ▸ Disconnect.
    void disconnectLive() { live_->stop(); }
    LiveFeed* liveFeed() const { return stream_->live(); }
    // Connecting, connected, reconnecting or disconnected, with messages/s
    // and the time since the last message.
    QLabel* connectionIndicator() const { return liveIndicator_; }
    // View ▸ Reset Layout: the docks and the watchlist's columns as on the
    // first launch.
    void resetLayout();
    // Help ▸ Keyboard Shortcuts.
    HelpDialog* showShortcuts();
    ReplayKeys* replayKeys() const { return replayKeys_; }
    // Updates every view from a fresh snapshot now. The refresh timer does
    // the same at its frame rate, with snapshots taken off the GUI thread.
    void refreshViews() { views_->refresh(); }

signals:
    // A load finished: ok when its data is now on screen.
    void dataLoaded(bool ok);
    // The live feed ended (disconnected, or given up), and the window
    // shows all it brought.
    void liveEnded();
    // An export finished: the number of records written, -1 on failure.
    void exported(qint64 records);
    // The selected stock's days for candlesticks were read (ok) or refused.
    void candlesLoaded(bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void setUpDocks();
    void setUpParts();
    void setUpActions();
    void setUpKeys();
    void restoreSettings();
    // The data open now, replayed from its start.
    void showData();
    void updateTitle();
    void updateActions();
    // Ends the replay (or live feed) on screen, before another source.
    void closeStream();
    void forgetStream();
    // The live feed on screen, started or ended.
    void showLive();
    void finishLive();
    void saveChart();
    void showError(const QString& title, const QString& message);

    std::unique_ptr<Ui::MainWindow> ui_;
    AppSettings settings_;
    WatchlistModel* watchlist_;
    DataQualityModel* dataQuality_;
    WatchlistPanel* watchlistPanel_ = nullptr;
    WorkspaceLayout* layout_ = nullptr;
    RecentFiles* recent_ = nullptr;
    LiveStatusIndicator* liveIndicator_ = nullptr;
    StreamFigures* figures_ = nullptr;
    StreamController* stream_ = nullptr;
    DataOpener* opener_ = nullptr;
    ModelController* models_ = nullptr;
    ScoringOptions* scoring_ = nullptr;
    LogController* logs_ = nullptr;
    LiveConnection* live_ = nullptr;
    ReplayControls* controls_ = nullptr;
    StreamViews* views_ = nullptr;
    ReplayActions* replayActions_ = nullptr;
    ReplayKeys* replayKeys_ = nullptr;
    QString sourceTitle_;  // the data or live feed on screen, for the title
    bool closeOnLiveEnd_ = false;  // the window was closed while the feed ran
};

} // namespace ss
