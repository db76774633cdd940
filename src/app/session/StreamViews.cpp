#include "StreamViews.h"

#include "app/charts/OverviewChart.h"
#include "app/charts/PortfolioEquityChart.h"
#include "app/charts/StockChartPanel.h"
#include "app/charts/StockHistory.h"
#include "app/jobs/CandleLoadJob.h"
#include "app/models/WatchlistModel.h"
#include "app/panels/BacktestSentence.h"
#include "app/panels/ClusterView.h"
#include "app/panels/LiveStatusIndicator.h"
#include "app/panels/ModelComparisonView.h"
#include "app/panels/StreamFigures.h"
#include "app/panels/WatchlistPanel.h"
#include "app/session/ReplayControls.h"
#include "app/session/StreamController.h"
#include "app/sources/DataOpener.h"
#include "core/backtest/BacktestStage.h"
#include "core/live/StockRegistry.h"
#include "core/online/OnlineLearningStage.h"

#include <QDockWidget>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <algorithm>

namespace ss {

StreamViews::StreamViews(const Views& views, const Sources& sources, QObject* parent)
    : QObject(parent), views_(views), sources_(sources)
{
    refreshTimer_.setInterval(kRefreshMs);
    connect(&refreshTimer_, &QTimer::timeout, this, &StreamViews::refreshFrame);
    connect(sources.stream, &StreamController::snapshotReady, this, &StreamViews::showSnapshot);
    QItemSelectionModel* selection = sources.watchlistPanel->view()->selectionModel();
    connect(selection, &QItemSelectionModel::currentRowChanged, this, &StreamViews::showSelectedStock);
    connect(selection, &QItemSelectionModel::selectionChanged, this, &StreamViews::showComparedStocks);
    connect(views.stock, &StockChartPanel::candlesWanted, this, &StreamViews::loadCandles);
}

StreamViews::~StreamViews() = default;

void StreamViews::clearCharts()
{
    candleJob_.reset();  // the days of a stock of the stream before
    views_.stock->clear();
    views_.overview->clear();
    clearBacktest();
}

void StreamViews::showReplay()
{
    clearCharts();
    const MarketData& data = *sources_.data->data();
    sources_.watchlist->setStocks(data);
    // Open on the thesis' own stock when it is there, else the first one.
    const auto preferred = data.indexOf("ibm.us").value_or(0);
    QTableView* view = sources_.watchlistPanel->view();
    const QModelIndex row =
        sources_.watchlistPanel->proxy()->mapFromSource(sources_.watchlist->index(static_cast<int>(preferred), 0));
    view->setCurrentIndex(row);
    view->scrollTo(row);
    sources_.figures->restart();
}

void StreamViews::showLive()
{
    clearCharts();
    sources_.watchlist->setStocks(QStringList{});
    sources_.figures->clear();
    sources_.liveIndicator->show();
    refreshLive();
}

void StreamViews::start()
{
    refreshTimer_.start();
}

void StreamViews::forget()
{
    refreshTimer_.stop();
    sources_.liveIndicator->hide();
    hasSelection_ = false;
}

std::size_t StreamViews::stockAt(const QModelIndex& index) const
{
    return static_cast<std::size_t>(sources_.watchlistPanel->proxy()->mapToSource(index).row());
}

void StreamViews::showSelectedStock()
{
    const QModelIndex current = sources_.watchlistPanel->view()->currentIndex();
    LiveFeed* live = sources_.stream->live();
    ReplayEngine* engine = sources_.stream->engine();
    if (live && current.isValid()) {
        hasSelection_ = true;
        selectedStock_ = stockAt(current);
        views_.stock->clear();
        showLiveStock(live->frame(selectedStock_));
        return;
    }
    if (!engine || !current.isValid()) {
        hasSelection_ = false;
        views_.stock->clear();
        return;
    }
    hasSelection_ = true;
    selectedStock_ = stockAt(current);
    const ReplaySnapshot snapshot = engine->snapshot();
    StockHistory history(sources_.data->data(), selectedStock_, snapshot.models);
    history.advanceTo(snapshot.stocks[selectedStock_].records);
    views_.stock->showStock(std::move(history));
    showComparedStocks();
    loadCandles();
}

void StreamViews::showComparedStocks()
{
    ReplayEngine* engine = sources_.stream->engine();
    if (!engine || !hasSelection_)
        return;
    std::vector<std::size_t> stocks;
    for (const QModelIndex& row : sources_.watchlistPanel->view()->selectionModel()->selectedRows())
        stocks.push_back(stockAt(row));
    std::sort(stocks.begin(), stocks.end());
    views_.stock->compareWith(std::move(stocks));
    views_.stock->advance(engine->snapshot());
}

void StreamViews::loadCandles()
{
    const auto& data = sources_.data->data();
    if (!views_.stock->wantsCandles() || !hasSelection_ || !sources_.stream->engine() || !data || candleJob_)
        return;
    candleJob_ = std::make_unique<CandleLoadJob>(sources_.data->path().toStdString(), data->stock(selectedStock_).name);
    // Queued: finishing destroys the job, which must not happen while it emits.
    connect(
        candleJob_.get(), &CandleLoadJob::finished, this,
        [this] {
            const std::unique_ptr<CandleLoadJob> job = std::move(candleJob_);
            if (job->candles().empty())
                emit statusMessage(tr("No candlesticks for %1: %2")
                                       .arg(QString::fromStdString(job->stock()), QString::fromStdString(job->error())),
                                   10000);
            views_.stock->setCandles(job->stock(), job->candles());
            // The selection may have moved on while this stock was read.
            const auto& data = sources_.data->data();
            if (hasSelection_ && selectedStock_ < data->stockCount() && data->stock(selectedStock_).name != job->stock())
                loadCandles();
            emit candlesLoaded(!job->candles().empty());
        },
        Qt::QueuedConnection);
    candleJob_->start();
}

void StreamViews::refresh()
{
    ReplayEngine* engine = sources_.stream->engine();
    if (!engine)
        return;
    const ReplaySnapshot snapshot = engine->snapshot();
    sources_.controls->showProgress(snapshot.progress);
    sources_.figures->updateRate(snapshot.progress);
    views_.overview->update(snapshot);
    showBacktest(snapshot);
    showStocks(snapshot);
    showOnline(snapshot);
}

void StreamViews::refreshFrame()
{
    if (sources_.stream->live()) {
        refreshLive();
        return;
    }
    ReplayEngine* engine = sources_.stream->engine();
    if (!engine)
        return;
    const ReplayProgress progress = engine->progress();
    sources_.controls->showProgress(progress);
    sources_.figures->updateRate(progress);
    sources_.stream->requestSnapshot();
}

void StreamViews::showSnapshot(const ReplaySnapshot& snapshot)
{
    showMarketSoon(snapshot);
    refreshOnline(snapshot);
    showStocks(snapshot);
}

// The overview spans the whole stream: a few updates a second show it
// growing, at a fraction of the cost of relabelling it every frame.
void StreamViews::showMarketSoon(const ReplaySnapshot& snapshot)
{
    if (!overviewClock_.isValid() || overviewClock_.elapsed() >= kOverviewRefreshMs) {
        views_.overview->update(snapshot);
        showBacktest(snapshot);
        overviewClock_.start();
    }
}

void StreamViews::showWatchlist(const ReplaySnapshot& snapshot)
{
    sources_.watchlist->update(snapshot);
    sources_.watchlistPanel->resortSoon();
}

void StreamViews::showStocks(const ReplaySnapshot& snapshot)
{
    showWatchlist(snapshot);
    if (hasSelection_)
        views_.stock->advance(snapshot);
    sources_.figures->showReplay(snapshot);
}

void StreamViews::showBacktest(const ReplaySnapshot& snapshot)
{
    const auto figures = backtestOf(snapshot);
    views_.backtestSentence->setText(figures ? BacktestSentence::of(figures->portfolio, figures->costBps) : QString());
    views_.equity->update(snapshot);
}

void StreamViews::clearBacktest()
{
    views_.backtestSentence->clear();
    views_.equity->clear();
}

// Thousands of points re-placed: a few times a second, and only for the
// eyes that can see them.
void StreamViews::refreshOnline(const ReplaySnapshot& snapshot)
{
    if ((views_.clusterDock->isVisible() || views_.comparisonDock->isVisible())
        && (!onlineClock_.isValid() || onlineClock_.elapsed() >= kOverviewRefreshMs)) {
        showOnline(snapshot);
        onlineClock_.start();
    }
}

void StreamViews::showOnline(const ReplaySnapshot& snapshot)
{
    const auto online = onlineOf(snapshot);
    views_.clusters->update(online);
    views_.comparison->update(online);
}

void StreamViews::showOnlineViews(const OnlineOptions& options)
{
    for (QDockWidget* dock : {options.scorer.enabled ? views_.comparisonDock : nullptr,
                              options.clusteringEnabled() ? views_.clusterDock : nullptr}) {
        if (!dock)
            continue;
        dock->show();
        dock->raise();
    }
    refresh();
}

void StreamViews::refreshLive()
{
    // poll() may find the feed ended and finishLive() run inside it.
    showLiveStatus();
    showLiveFrame();
}

void StreamViews::finishLive()
{
    refreshTimer_.stop();
    refreshLive();
}

void StreamViews::showLiveStatus()
{
    LiveFeed* live = sources_.stream->live();
    sources_.liveIndicator->showStatus(live->poll(), live->describe(), 1000 / kRefreshMs);
}

void StreamViews::showLiveFrame()
{
    LiveFeed* live = sources_.stream->live();
    const LiveBoard::Frame frame = live->frame(hasSelection_ ? std::optional(selectedStock_) : std::nullopt);
    // The board learns stocks at their first call; the watchlist grows with it.
    WatchlistModel* watchlist = sources_.watchlist;
    QSortFilterProxyModel* proxy = sources_.watchlistPanel->proxy();
    const auto known = static_cast<std::size_t>(watchlist->rowCount());
    if (frame.snapshot.stocks.size() > known) {
        const auto stocks = live->stocks();
        QStringList names;
        for (std::size_t i = known; i < frame.snapshot.stocks.size(); ++i)
            names.append(QString::fromStdString(stocks->name(i)));
        watchlist->addStocks(names);
        proxy->sort(proxy->sortColumn(), proxy->sortOrder());
    }
    showWatchlist(frame.snapshot);
    QTableView* view = sources_.watchlistPanel->view();
    if (!view->currentIndex().isValid() && proxy->rowCount() > 0)
        view->setCurrentIndex(proxy->index(0, 0));
    else if (hasSelection_)
        showLiveStock(frame);
    showMarketSoon(frame.snapshot);
    refreshOnline(frame.snapshot);
    sources_.figures->showLive(frame.snapshot);
    if (frame.snapshot.progress.time > 0)
        sources_.controls->showDate(frame.snapshot.progress.time);
}

void StreamViews::showLiveStock(const LiveBoard::Frame& frame)
{
    // A stock's calls only grow, and each outcome comes with the next call.
    const StockHistory& shown = views_.stock->history();
    if (frame.calls.empty() || (shown.isValid() && shown.calls().size() == frame.calls.size()))
        return;
    views_.stock->extend(StockHistory::fromCalls(sources_.stream->live()->stocks()->name(selectedStock_), frame.calls));
}

} // namespace ss
