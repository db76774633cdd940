#pragma once

#include "app/dialogs/ExportDialog.h"
#include "app/session/LiveFeed.h"
#include "app/session/RecentFiles.h"
#include "app/session/StreamController.h"
#include "core/data/LoadReport.h"
#include "core/data/TableOptions.h"
#include "core/model/LogisticModel.h"
#include "core/online/OnlineOptions.h"
#include "core/stream/ReplayEngine.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QSettings>
#include <QTimer>

#include <memory>

class QLabel;
class QProgressDialog;
class QSlider;
class QSortFilterProxyModel;
class QTableView;

namespace Ui {
class MainWindow;
}

namespace ss {

class CandleLoadJob;
class ClusterView;
class ModelComparisonView;
class OnlineLearningDialog;
class DataLoadJob;
class DataQualityModel;
class HelpDialog;
class LiveStatusIndicator;
class ReplayKeys;
class WatchlistPanel;
class WorkspaceLayout;
class ExportController;
class RunsModel;
class OverviewChart;
class PortfolioEquityChart;
class ReplayActions;
class ReplayTimeline;
class StockChartPanel;
class RunBrowser;
class TrainingDialog;
class WatchlistModel;

// The application's window: opens price data and a model, drives the replay
// engine (which runs on its own thread) from the toolbar, menus and keys,
// and shows the stream in the watchlist and charts. Views are refreshed
// from the engine's snapshots by a timer at a screen's pace, never per
// record, so the window stays responsive at any replay speed.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 33;
    static constexpr int kOverviewRefreshMs = 250;
    // Entries of File ▸ Open Recent.
    static constexpr int kMaxRecent = RecentFiles::kMax;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens what the command line named, else the last data, else the
    // built-in sample; and the last model, else the default one.
    void openInitial(const QString& path);
    // Reads a folder or file in the background, with progress and Cancel;
    // dataLoaded() tells when it is done.
    void openData(const QString& path);
    void openSample();
    // Shows why a model is refused and keeps the current one.
    bool openModel(const QString& path);

    // The model scored with unless another is chosen: the installed
    // default model, else the one built into the program.
    const QString& defaultModel() const { return defaultModel_; }
    ReplayEngine* engine() const { return stream_->engine(); }
    const LoadReport& loadReport() const { return loadReport_; }
    bool isLoading() const { return loadJob_ != nullptr; }
    // Where File ▸ Open and Open Folder start: beside the user's own data,
    // or at home while the built-in sample (in a hidden cache folder) is open.
    QString browseFolder() const;
    WatchlistModel* watchlist() const { return watchlist_; }
    QSortFilterProxyModel* watchlistProxy() const { return proxy_; }
    QTableView* watchlistView() const;
    StockChartPanel* stockCharts() const;
    OverviewChart* overviewChart() const;
    DataQualityModel* dataQuality() const { return dataQuality_; }
    void setSpeedNotch(int notch);
    // Whether replays of data opened from now on are logged.
    void setLogging(bool enabled);
    // File ▸ Log Replays: remembered, and applied to the open data at once
    // while nothing of it is replayed, else from its next restart; the
    // status bar says which.
    void applyLogging(bool on);
    QString logPath() const;
    RunsModel* runs() const;
    // Writes the logged calls the request asks for, in the background with
    // progress; exported() tells when it is done.
    void exportPredictions(const ExportDialog::Request& request);
    // Seeks to the date at a point of the timeline slider (0..kTimelineSteps).
    void seekToTimeline(int position);
    static constexpr int kTimelineSteps = 10000;
    static constexpr double kDefaultTradingCostBps = 5;
    // Model ▸ Train model…: opens (once created, raises) the training dialog
    // on the data open now.
    TrainingDialog* openTrainingDialog();
    // File ▸ Browse run…: opens a window on the calls of the run selected
    // in the Runs panel (else the latest), or nullptr (with a message)
    // when the log holds none.
    RunBrowser* browseRun();
    // Replay ▸ Online Learning…: opens the dialog on the options in force;
    // OK applies them with setOnlineOptions().
    OnlineLearningDialog* openOnlineLearningDialog();
    // Clusters and the online scorer for the data open now and data opened
    // later, remembered for the next session. The models learn from the
    // record the replay is at: a restart gives them a whole pass.
    void setOnlineOptions(const OnlineOptions& options);
    const OnlineOptions& onlineOptions() const { return onlineOptions_; }
    // Replay ▸ Trading Cost…: asks for the cost and applies it with setTradingCost().
    void openTradingCostDialog();
    // The cost in basis points of each change of position when the calls
    // are traded, for the data open now (its backtest starts over from the
    // record the replay is at) and data opened later; remembered.
    void setTradingCost(double costBps);
    double tradingCost() const { return tradingCostBps_; }
    // The sentence under the market view on what trading the calls returned.
    QString backtestSentence() const;
    PortfolioEquityChart* portfolioEquityChart() const;
    // Shows or hides a watchlist column (right-click its header), remembered.
    void showWatchlistColumn(int column, bool shown);
    ClusterView* clusterView() const;
    ModelComparisonView* comparisonView() const;
    // File ▸ Connect to Live Feed…: the dialog on the last settings; OK
    // remembers them and connects.
    void openLiveFeedDialog();
    // Scores a live feed instead of replaying the data open now, with the
    // watchlist and charts following it (replay controls are off while it
    // runs). False, with a message, when it cannot start; a feed that
    // starts and then fails (a refused connection) says why when it ends.
    bool connectLive(const LiveFeedSettings& settings);
    // File ▸ Disconnect.
    void disconnectLive();
    LiveFeed* liveFeed() const { return stream_->live(); }
    // Connecting, connected, reconnecting or disconnected, with messages/s
    // and the time since the last message.
    QLabel* connectionIndicator() const;
    // View ▸ Reset Layout: the docks and the watchlist's columns as on the
    // first launch.
    void resetLayout();
    // Help ▸ Keyboard Shortcuts.
    HelpDialog* showShortcuts();
    ReplayKeys* replayKeys() const { return replayKeys_; }
    // Updates every view from a fresh snapshot now. The refresh timer does
    // the same at its frame rate, with snapshots taken off the GUI thread.
    void refreshViews();

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
    void setUpActions();
    void setUpTimeline();
    void setUpStatusBar();
    void restoreSettings();
    void saveSettings();
    QProgressDialog* progressDialog(const QString& title, const QString& label, int maximum);
    // openData() once the file's reading is settled (see TableImport).
    void loadData(const QString& path, const TableOptions& options);
    void finishLoad(const QString& path);
    void showData(std::shared_ptr<const MarketData> data, const QString& path);
    void setModel(std::shared_ptr<const LogisticModel> model);
    // Reads the selected stock's days when candlesticks are asked for and
    // the chart does not have them yet.
    void loadCandles();
    // openModel() without remembering the file as the last model.
    bool loadModel(const QString& path);
    void useTrainedModel(std::shared_ptr<const LogisticModel> model);
    void showModel();
    void updateTitle();
    void showSelectedStock();
    void showComparedStocks();
    void updateActions();
    void refreshFrame();
    void showProgress(const ReplayProgress& progress);
    void showSnapshot(const ReplaySnapshot& snapshot);
    void showStocks(const ReplaySnapshot& snapshot);
    void showWatchlist(const ReplaySnapshot& snapshot);
    // Ends the replay (or live feed) on screen, before another source.
    void closeStream();
    // The views' hold on the stream, when it ends or another takes over.
    void forgetStream();
    StreamController::Scoring scoring() const;
    // The log the stream writes to, else the one the next replay would.
    QString activeLogPath() const;
    void refreshLive();
    void showLiveFrame();
    void showLiveStock(const LiveBoard::Frame& frame);
    void showLiveStatus(const LiveFeed::Status& status);
    void finishLive();
    void showOnline(const ReplaySnapshot& snapshot);
    void showBacktest(const ReplaySnapshot& snapshot);
    void clearBacktest();
    void refreshOnline(const ReplaySnapshot& snapshot);
    void updateRate(const ReplayProgress& progress);
    void togglePlay();
    static QString playHint();
    void dropPlayHint();
    void chooseDataFile();
    void chooseDataFolder();
    void chooseModel();
    void saveChart();
    void chooseExport(bool selectedStockOnly);
    // The stock of the watchlist's current row, or empty.
    QString currentStockName() const;
    // Refreshes the Runs panel; without runs, says so under `what`.
    bool haveRuns(const QString& what);
    void chooseLogLocation();
    void refreshRuns();
    // File ▸ Log Replays no longer matches whether the open data is logged.
    bool loggingChanged() const;
    void showError(const QString& title, const QString& message);
    Timestamp timelineTime(int position) const;

    std::unique_ptr<Ui::MainWindow> ui_;
    // One for the window's lifetime: Qt writes it back in the background
    // rather than on every change.
    QSettings settings_;
    WatchlistModel* watchlist_;
    QSortFilterProxyModel* proxy_;
    DataQualityModel* dataQuality_;
    QSlider* speedSlider_;
    QLabel* speedLabel_;
    QLabel* dateLabel_;
    ReplayTimeline* timeline_;
    ReplayActions* replayActions_;
    QLabel* recordsLabel_;
    QLabel* rateLabel_;
    LiveStatusIndicator* liveIndicator_;
    WatchlistPanel* watchlistPanel_;
    WorkspaceLayout* layout_;
    ReplayKeys* replayKeys_;
    RecentFiles* recent_;

    std::shared_ptr<const LogisticModel> model_;
    OnlineOptions onlineOptions_;
    double tradingCostBps_ = kDefaultTradingCostBps;
    std::shared_ptr<const MarketData> data_;
    LoadReport loadReport_;
    QString dataPath_;
    QString sampleFolder_;  // once the sample was opened
    QString openedNote_;    // what the last open gave, said in the status bar
    QString sourceTitle_;   // the data or live feed on screen, for the title
    QString modelName_;
    StreamController* stream_;
    bool closeOnLiveEnd_ = false;     // the window was closed while the feed ran
    std::unique_ptr<DataLoadJob> loadJob_;
    QProgressDialog* loadDialog_ = nullptr;
    const QString defaultModel_;
    ExportController* export_ = nullptr;
    std::unique_ptr<CandleLoadJob> candleJob_;
    TrainingDialog* trainingDialog_ = nullptr;
    quint64 loadGeneration_ = 0;
    QTimer refreshTimer_;
    QTimer loadPollTimer_;
    std::size_t selectedStock_ = 0;
    bool hasSelection_ = false;

    // Records per second over the last half second or so.
    QElapsedTimer rateClock_;
    QElapsedTimer overviewClock_;
    QElapsedTimer onlineClock_;
    std::size_t rateProcessed_ = 0;
    double rate_ = 0;
};

} // namespace ss
