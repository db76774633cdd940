#pragma once

#include "app/session/LiveBoard.h"
#include "core/online/OnlineOptions.h"
#include "core/stream/ReplaySnapshot.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

class QDockWidget;
class QLabel;

namespace ss {

class CandleLoadJob;
class ClusterView;
class DataOpener;
class LiveStatusIndicator;
class ModelComparisonView;
class OverviewChart;
class PortfolioEquityChart;
class ReplayControls;
class StockChartPanel;
class StreamController;
class StreamFigures;
class WatchlistModel;
class WatchlistPanel;

// The views that follow the stream on screen: the watchlist, the selected
// stock's charts (with the stocks compared to it and its candlesticks, read
// in the background), the market's accuracy, the backtest, the online
// views and the status bar's figures. A timer refreshes them at a
// screen's pace from snapshots taken off the GUI thread, never per record,
// so the window stays responsive at any replay speed; the market-wide
// views, costlier to redraw, a few times a second.
class StreamViews : public QObject {
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 33;
    static constexpr int kOverviewRefreshMs = 250;

    struct Views {
        StockChartPanel* stock;
        OverviewChart* overview;
        QLabel* backtestSentence;
        PortfolioEquityChart* equity;
        ClusterView* clusters;
        QDockWidget* clusterDock;
        ModelComparisonView* comparison;
        QDockWidget* comparisonDock;
    };
    // What the views follow.
    struct Sources {
        StreamController* stream;
        const DataOpener* data;
        WatchlistModel* watchlist;
        WatchlistPanel* watchlistPanel;
        ReplayControls* controls;
        StreamFigures* figures;
        LiveStatusIndicator* liveIndicator;
    };

    StreamViews(const Views& views, const Sources& sources, QObject* parent);
    ~StreamViews() override;

    // A new replay of the data open now: its stocks in the watchlist, the
    // thesis' own stock charted when it is there, else the first one.
    void showReplay();
    // A live feed: the watchlist grows with the stocks it brings.
    void showLive();
    // The live feed ended: all it brought, on screen.
    void finishLive();
    void start();
    // The views' hold on the stream, when it ends or another takes over.
    void forget();
    // Updates every view from a fresh snapshot now.
    void refresh();
    void showSelectedStock();
    void showComparedStocks();
    // Reads the selected stock's days when candlesticks are asked for and
    // the chart does not have them yet.
    void loadCandles();
    void clearBacktest();
    // The views of what was switched on come to the front among the side
    // panels' tabs, clusters first, leaving the chart its room.
    void showOnlineViews(const OnlineOptions& options);

signals:
    // The selected stock's days for candlesticks were read (ok) or refused.
    void candlesLoaded(bool ok);
    void statusMessage(const QString& message, int timeoutMs);

private:
    void refreshFrame();
    void showSnapshot(const ReplaySnapshot& snapshot);
    void showStocks(const ReplaySnapshot& snapshot);
    void showWatchlist(const ReplaySnapshot& snapshot);
    // The market-wide views, at most every kOverviewRefreshMs.
    void showMarketSoon(const ReplaySnapshot& snapshot);
    void showBacktest(const ReplaySnapshot& snapshot);
    void refreshOnline(const ReplaySnapshot& snapshot);
    void showOnline(const ReplaySnapshot& snapshot);
    void refreshLive();
    void showLiveFrame();
    void showLiveStock(const LiveBoard::Frame& frame);
    void showLiveStatus();
    void clearCharts();
    // The watchlist row of a view row.
    std::size_t stockAt(const QModelIndex& index) const;

    Views views_;
    Sources sources_;
    std::unique_ptr<CandleLoadJob> candleJob_;
    QTimer refreshTimer_;
    QElapsedTimer overviewClock_;
    QElapsedTimer onlineClock_;
    std::size_t selectedStock_ = 0;
    bool hasSelection_ = false;
};

} // namespace ss
