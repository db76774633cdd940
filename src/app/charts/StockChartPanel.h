#pragma once

#include "StockHistory.h"
#include "core/data/CandleReader.h"
#include "core/stream/ReplaySnapshot.h"

#include <QWidget>

#include <array>
#include <vector>

class QCandlestickSeries;
class QChart;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace ss {

class ChartView;

// The selected stock's charts, one above the other on the same dates: its
// price with every call drawn at the date it predicts (▲/▼, green when
// right, red when wrong), p_up with the 0.5 line, and the rolling accuracy
// against the three naive baselines. Everything is recomputed from the
// market data as far as the replay has got, so the engine keeps no history.
// Lines are decimated to about a point per pixel of the visible range.
class StockChartPanel : public QWidget {
    Q_OBJECT
public:
    // Calls per marker kind, in the order of markerSeries().
    enum Marker { UpRight, UpWrong, DownRight, DownWrong, MarkerCount };
    enum Rolling { Model, AlwaysUp, AlwaysDown, LastMove, RollingCount };
    static constexpr std::size_t kRollingCalls = 100;

    explicit StockChartPanel(QWidget* parent = nullptr);

    static constexpr std::size_t kMaxCompared = 5;

    void showStock(StockHistory history);
    // The shown stock's reported calls (StockHistory::fromCalls), grown by
    // newer ones: drawn on, keeping the view. Another stock is shown anew.
    void extend(StockHistory history);
    // Other stocks (data indexes) drawn beside the shown one on the price
    // chart, rebased to its price at the left edge so their moves compare.
    void compareWith(std::vector<std::size_t> stocks);
    void clear();
    // The replay has processed the stock's first `records` closes.
    void advanceTo(std::size_t records);
    // The same for the shown stock and the compared ones, from a snapshot.
    void advance(const ReplaySnapshot& snapshot);
    // Back to following the replay's latest closes, as many as leave room
    // for every call's marker.
    void resetZoom();
    // The visible date range, in date-axis units; ignored without a stock.
    void setRange(double min, double max);

    const StockHistory& history() const { return history_; }
    QLineSeries* priceSeries() const { return price_; }
    QScatterSeries* markerSeries(Marker marker) const { return markers_[marker]; }
    QLineSeries* pUpSeries() const { return pUp_; }
    QLineSeries* rollingSeries(Rolling line) const { return rolling_[line]; }
    std::size_t comparedCount() const { return compared_.size(); }
    QLineSeries* comparedSeries(std::size_t i) const { return compared_[i].series; }
    // The dashed lines where another model took over; lines beyond the
    // switches shown are empty.
    const std::vector<QLineSeries*>& modelSwitchLines() const { return modelSwitches_; }

    // Candlesticks instead of the close line, for a stock whose days were
    // given to setCandles(); the line otherwise.
    void setCandlesticks(bool on);
    bool candlesticks() const { return candlesticks_; }
    // The shown stock's days (ignored if another stock is shown by now).
    void setCandles(const std::string& stock, std::vector<Candle> candles);
    bool showsCandles() const { return candlesticks_ && !days_.empty(); }
    QCandlestickSeries* candleSeries() const { return candles_; }
    // How many calls lie in the visible range (markers are hidden past a
    // readable density).
    std::size_t visibleCalls() const { return visibleCalls_; }

protected:
    void resizeEvent(QResizeEvent* event) override;

signals:
    // "Replay from here" in a pane's menu: the date there.
    void replayFromRequested(ss::Timestamp time);

private:
    void appendNewPoints();
    void rebuildPoints();
    void redraw();
    // Draws the price as candles or as a line; its lowest and highest price.
    bool drawPrice(double plotWidth, double& lo, double& hi);
    void drawModelSwitches();
    void showTooltip(double x, QPoint globalPos);

    StockHistory history_;
    std::size_t callsShown_ = 0;     // calls already turned into p_up points
    std::size_t resolvedShown_ = 0;  // resolved calls already turned into markers
    std::size_t recordsShown_ = 0;
    bool follow_ = true;
    double rangeMin_ = 0;
    double rangeMax_ = 0;
    std::size_t visibleCalls_ = 0;

    struct Compared {
        std::size_t stock;
        std::vector<QPointF> points;
        QLineSeries* series;
    };
    void drawCompared(double& lo, double& hi);
    void showMenu(double x, QPoint globalPos);

    std::vector<Compared> compared_;
    std::vector<QPointF> pricePoints_;
    std::vector<Candle> days_;  // of the shown stock, for candlesticks
    bool candlesticks_ = false;
    std::array<std::vector<QPointF>, MarkerCount> markerPoints_;
    std::vector<QPointF> pUpPoints_;
    std::array<std::vector<QPointF>, RollingCount> rollingPoints_;

    QChart* priceChart_;
    QChart* pUpChart_;
    QChart* rollingChart_;
    std::array<QDateTimeAxis*, 3> timeAxes_{};
    QValueAxis* priceAxis_;
    QValueAxis* rollingAxis_;
    QValueAxis* pUpAxis_ = nullptr;
    std::array<ChartView*, 3> views_{};
    QLineSeries* price_;
    QCandlestickSeries* candles_;
    std::array<QScatterSeries*, MarkerCount> markers_{};
    QLineSeries* pUp_;
    QLineSeries* half_;
    std::vector<QLineSeries*> modelSwitches_;  // one vertical line each
    std::array<QLineSeries*, RollingCount> rolling_{};
};

} // namespace ss
