#pragma once

#include "AxisTicks.h"
#include "MovingAverage.h"
#include "PriceScale.h"
#include "StockHistory.h"
#include "core/data/CandleReader.h"
#include "core/stream/ReplaySnapshot.h"

#include <QWidget>

#include <array>
#include <optional>
#include <vector>

class QAction;
class QActionGroup;
class QCandlestickSeries;
class QCategoryAxis;
class QChart;
class QGraphicsRectItem;
class QGraphicsTextItem;
class QLineSeries;
class QMenu;
class QScatterSeries;
class QSplitter;
class QValueAxis;

namespace ss {

class ChartView;
class StockEquityChart;

// The selected stock's charts, in panes one above the other on the same
// dates, with one crosshair across them: its price with every call drawn at
// the date it predicts (▲/▼, green when right, red when wrong), its volume,
// p_up with the 0.5 line, and the rolling accuracy against the three naive
// baselines. Everything is recomputed from the market data as far as the
// replay has got, so the engine keeps no history. Lines are decimated to
// about a point per pixel of the visible range; the range never leaves the
// stock's dates. Under the price, the equity of trading the calls
// (StockEquityChart), when a trading cost is set.
class StockChartPanel : public QWidget {
    Q_OBJECT
public:
    // Calls per marker kind, in the order of markerSeries().
    enum Marker { UpRight, UpWrong, DownRight, DownWrong, MarkerCount };
    enum Rolling { Model, AlwaysUp, AlwaysDown, LastMove, RollingCount };
    // The panes the panel starts with; addPane() appends others.
    enum Pane { PricePane, VolumePane, PUpPane, RollingPane };
    static constexpr std::size_t kRollingCalls = 100;
    static constexpr std::size_t kMaxCompared = 5;

    explicit StockChartPanel(QWidget* parent = nullptr);

    void showStock(StockHistory history);
    // The shown stock's reported calls (StockHistory::fromCalls), grown by
    // newer ones: drawn on, keeping the view. Another stock is shown anew.
    void extend(StockHistory history);
    // Other stocks (data indexes) drawn beside the shown one on the price
    // chart, all in percent from their close at the left edge.
    void compareWith(std::vector<std::size_t> stocks);
    void clear();
    // The replay has processed the stock's first `records` closes.
    void advanceTo(std::size_t records);
    // The same for the shown stock and the compared ones, from a snapshot.
    void advance(const ReplaySnapshot& snapshot);
    // Back to following the replay's latest closes, as many as leave room
    // for every call's marker.
    void resetZoom();
    // Every close the replay has reached, from the stock's first, and so on
    // as the replay goes.
    void fitAll();
    // The visible range, in the date axis' units, kept within the stock's
    // dates; ignored without a stock.
    void setRange(double min, double max);
    double rangeMin() const { return rangeMin_; }
    double rangeMax() const { return rangeMax_; }
    // The first and last of the stock's dates on the date axis: the range
    // never goes past them.
    double firstX() const;
    double lastX() const;
    // Where a date goes on the date axis: milliseconds, or the count of the
    // stock's trading days before it on a trading-day axis.
    double xOf(Timestamp time) const;
    // The stock's date nearest to x on the date axis.
    Timestamp timeAt(double x) const;

    // Dollars, log or percent; the price pane is in percent whatever the
    // choice while other stocks are compared. Remembered in QSettings.
    void setScale(PriceScale::Mode mode);
    PriceScale::Mode chosenScale() const { return scale_; }
    // The scale in force at the last redraw, with its base.
    const PriceScale& priceScale() const { return shownScale_; }
    // Moving averages of the close drawn over the price. Remembered in QSettings.
    void setAverages(std::vector<MovingAverage> averages);
    const std::vector<MovingAverage>& averages() const { return averages_; }
    QLineSeries* averageSeries(std::size_t i) const { return averageSeries_[i]; }
    // Trading days side by side (no weekend or holiday gaps), or calendar dates.
    void setTradingDays(bool on);
    bool tradingDays() const { return tradingDays_; }
    void setVolumeShown(bool on);
    bool volumeShown() const { return volumeShown_; }

    // Candlesticks instead of the close line, for a stock whose days were
    // given to setCandles(); the line otherwise.
    void setCandlesticks(bool on);
    bool candlesticks() const { return candlesticks_; }
    // The panel draws days (candles or volume) and has none of the shown stock's yet.
    bool wantsCandles() const { return (candlesticks_ || volumeShown_) && history_.isValid() && !daysRead_; }
    // The shown stock's days (ignored if another stock is shown by now).
    void setCandles(const std::string& stock, std::vector<Candle> candles);
    bool showsCandles() const { return candlesticks_ && !days_.empty(); }
    QCandlestickSeries* candleSeries() const { return candles_; }
    QLineSeries* volumeSeries() const { return volume_; }
    // How many calls lie in the visible range (markers are hidden past a
    // readable density).
    std::size_t visibleCalls() const { return visibleCalls_; }

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

    // A pane under the others, on the same dates: series attach to its
    // axes, and are redrawn for the range on rangeShown(). Its index.
    int addPane(const QString& title, int stretch);
    int paneCount() const { return static_cast<int>(panes_.size()); }
    QChart* paneChart(int pane) const { return panes_[static_cast<std::size_t>(pane)].chart; }
    QCategoryAxis* paneTimeAxis(int pane) const { return panes_[static_cast<std::size_t>(pane)].time; }
    QCategoryAxis* paneValueAxis(int pane) const { return panes_[static_cast<std::size_t>(pane)].value; }
    ChartView* paneView(int pane) const { return panes_[static_cast<std::size_t>(pane)].view; }
    // The cost at which the equity pane under the price trades the shown
    // stock's calls; without one the pane is hidden.
    void setTradingCost(std::optional<double> costBps);
    StockEquityChart* equityChart() const { return equity_; }

    // The vertical line at x in every pane, and the figures of its date
    // above them, as the pointer does.
    void pointAt(double x);
    void pointAway();
    // The figures of the date under the pointer (or of the latest close).
    QString readout() const;
    // What the price pane shows of it now, as plain text ("" when hidden).
    QString shownReadout() const;
    // The menu a right click on a pane opens, for the date at x.
    QMenu* contextMenu(double x);

signals:
    // "Replay from here" in a pane's menu: the stock's date there.
    void replayFromRequested(Timestamp time);
    // Candles or volume were asked for (see wantsCandles()).
    void candlesWanted();
    // The panes were drawn for the range [min, max] with about `buckets`
    // points across.
    void rangeShown(double min, double max, int buckets);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // A pane's view asks the panel for ranges, the crosshair and the menu.
    void connectView(ChartView* view);
    struct PaneParts {
        QChart* chart;
        QCategoryAxis* time;
        QCategoryAxis* value;
        ChartView* view;
        QString title;  // the value axis', shown where the pane is tall enough
    };
    struct Compared {
        std::size_t stock;
        std::vector<QPointF> points;
        QLineSeries* series;
    };
    enum class View { Follow, Fit, Fixed };

    void buildActions();
    void appendNewPoints();
    void rebuildPoints();
    void redraw();
    void showReadout();
    void placeReadout();
    void placeRange(double plotWidth);
    // Labels a pane's value axis at the end of a redraw, with the others.
    void setValueTicks(int pane, double lo, double hi, std::vector<AxisTicks::Tick> ticks);
    void alignPlots();
    void alignRightEdges();
    // Draws the price as candles or as a line; its lowest and highest value.
    bool drawPrice(double plotWidth, double& lo, double& hi);
    void drawCompared(double& lo, double& hi);
    // A line on the price pane in the given scale, decimated for the range,
    // widening [lo, hi] to what it shows.
    void drawScaled(QLineSeries* series, const std::vector<QPointF>& points, const PriceScale& scale, int buckets,
                    double& lo, double& hi) const;
    void drawAverages(int buckets, double& lo, double& hi);
    void drawMarkers(double plotWidth, double priceLo, double priceHi);
    void drawVolume(double plotWidth);
    void drawModelSwitches();
    void showPlaceholder(const QString& title);
    std::vector<AxisTicks::Tick> dateTicks(double plotWidth) const;
    std::size_t recordAt(double x) const;
    void saveAverages() const;

    StockHistory history_;
    std::size_t callsShown_ = 0;     // calls already turned into p_up points
    std::size_t resolvedShown_ = 0;  // resolved calls already turned into markers
    std::size_t recordsShown_ = 0;
    View view_ = View::Follow;
    double rangeMin_ = 0;
    double rangeMax_ = 0;
    std::size_t visibleCalls_ = 0;
    bool pointing_ = false;
    std::size_t pointedRecord_ = 0;

    std::vector<double> seriesX_;  // every date of the stock, on the calendar axis
    std::vector<Compared> compared_;
    std::vector<QPointF> pricePoints_;
    std::vector<Candle> days_;  // of the shown stock, for candlesticks and volume
    bool daysRead_ = false;     // days_ holds what the stock's file has, maybe nothing
    bool candlesticks_ = false;
    bool volumeShown_ = true;
    bool tradingDays_ = false;
    PriceScale::Mode scale_ = PriceScale::Mode::Linear;
    PriceScale shownScale_;
    std::vector<MovingAverage> averages_;
    std::vector<QLineSeries*> averageSeries_;
    std::array<std::vector<QPointF>, MarkerCount> markerPoints_;
    std::vector<QPointF> pUpPoints_;
    std::array<std::vector<QPointF>, RollingCount> rollingPoints_;

    std::vector<PaneParts> panes_;
    struct ValueTicks {
        double lo = 0;
        double hi = 0;
        std::vector<AxisTicks::Tick> ticks;
    };
    std::vector<AxisTicks::Tick> legibleTicks(std::size_t pane, const ValueTicks& v) const;
    std::vector<ValueTicks> valueTicks_;  // one a pane, for the redraw under way
    QSplitter* splitter_;
    QGraphicsRectItem* readoutBack_ = nullptr;
    QGraphicsTextItem* readoutText_ = nullptr;
    StockEquityChart* equity_;
    QActionGroup* scaleActions_;
    QAction* volumeAction_;
    QAction* tradingDaysAction_;
    QAction* fitAction_;
    QAction* followAction_;
    QMenu* averagesMenu_;
    QLineSeries* price_;
    QCandlestickSeries* candles_;
    QValueAxis* candleX_;
    QValueAxis* candleY_;
    QLineSeries* volume_;
    std::array<QScatterSeries*, MarkerCount> markers_{};
    QLineSeries* pUp_;
    QLineSeries* half_;
    std::vector<QLineSeries*> modelSwitches_;  // one vertical line each
    std::array<QLineSeries*, RollingCount> rolling_{};
};

} // namespace ss
