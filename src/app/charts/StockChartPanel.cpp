#include "StockChartPanel.h"

#include "AccuracyLine.h"
#include "CandleDecimator.h"
#include "ChartPalette.h"
#include "ChartView.h"
#include "SeriesDecimator.h"
#include "StockEquityChart.h"

#include <QAction>
#include <QActionGroup>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTime>
#include <QGraphicsLayout>
#include <QInputDialog>
#include <QGraphicsRectItem>
#include <QGraphicsTextItem>
#include <QLineSeries>
#include <QFontMetricsF>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QScatterSeries>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ss {

namespace {

// Markers stay readable up to about one every few pixels; past that they
// would be a smear, so the chart asks for a zoom instead.
constexpr double kPixelsPerMarker = 3;
// A candle needs a body and a gap to read as one.
constexpr double kPixelsPerCandle = 5;
// A date label ("21 Aug 2017") and room around it.
constexpr double kPixelsPerDateTick = 110;
constexpr double kPixelsPerValueTick = 36;
// Following the replay shows the latest closes: a month at least, a year at most.
constexpr std::size_t kMinFollowRecords = 20;
constexpr std::size_t kMaxFollowRecords = 250;
// Smaller than a candle's body is wide at the density markers show at, and
// drawn beside candles, never on them.
constexpr double kMarkerSize = 9;
constexpr double kDayMs = 86400e3;
const QString kScaleKey = QStringLiteral("chart/scale");
const QString kAveragesKey = QStringLiteral("chart/averages");
const QString kVolumeKey = QStringLiteral("chart/volume");
const QString kTradingDaysKey = QStringLiteral("chart/tradingDays");

QImage triangle(bool up, const QColor& colour)
{
    const int size = static_cast<int>(kMarkerSize);
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    const double s = size;
    if (up) {
        path.moveTo(s / 2, 0.5);
        path.lineTo(s - 0.5, s - 0.5);
        path.lineTo(0.5, s - 0.5);
    } else {
        path.moveTo(0.5, 0.5);
        path.lineTo(s - 0.5, 0.5);
        path.lineTo(s / 2, s - 0.5);
    }
    path.closeSubpath();
    painter.fillPath(path, colour);
    painter.setPen(QPen(colour.darker(140), 1));
    painter.drawPath(path);
    return image;
}

template <class Series>
Series* addSeries(QChart* chart, const QString& name, QCategoryAxis* timeAxis, QCategoryAxis* valueAxis)
{
    auto* series = new Series;
    series->setName(name);
    chart->addSeries(series);
    series->attachAxis(timeAxis);
    series->attachAxis(valueAxis);
    return series;
}

// Keeps the axis while the data fits it well, so a live chart does not
// relabel (and re-lay out its text) on every frame.
void fitValueAxis(QCategoryAxis* axis, double lo, double hi, double floor, double ceiling)
{
    const double span = std::max(hi - lo, 1e-9);
    if (lo >= axis->min() && hi <= axis->max() && axis->max() - axis->min() < 2 * span)
        return;
    axis->setRange(std::max(lo - span * 0.1, floor), std::min(hi + span * 0.1, ceiling));
}

// Volumes run to billions: in thousands, millions or billions as they need.
std::vector<AxisTicks::Tick> volumeTicks(double hi, int count)
{
    double unit = 1;
    QString suffix;
    for (const auto& [u, s] : {std::pair{1e9, "B"}, std::pair{1e6, "M"}, std::pair{1e3, "K"}})
        if (hi >= u) {
            unit = u;
            suffix = QString::fromLatin1(s);
            break;
        }
    std::vector<AxisTicks::Tick> ticks = AxisTicks::numbers(0, hi / unit, count, suffix);
    for (AxisTicks::Tick& t : ticks)
        t.value *= unit;
    return ticks;
}

QString averageName(const MovingAverage& a)
{
    return (a.kind() == MovingAverage::Kind::Simple ? StockChartPanel::tr("SMA %1") : StockChartPanel::tr("EMA %1"))
        .arg(a.period());
}

std::vector<MovingAverage> averagesFrom(const QStringList& names)
{
    std::vector<MovingAverage> averages;
    for (const QString& name : names) {
        const QStringList parts = name.split(QLatin1Char(' '));
        bool ok = false;
        const int period = parts.size() == 2 ? parts[1].toInt(&ok) : 0;
        if (ok && period > 0 && (parts[0] == QLatin1String("SMA") || parts[0] == QLatin1String("EMA")))
            averages.emplace_back(parts[0] == QLatin1String("SMA") ? MovingAverage::Kind::Simple
                                                                   : MovingAverage::Kind::Exponential,
                                  period);
    }
    return averages;
}

} // namespace

StockChartPanel::StockChartPanel(QWidget* parent)
    : QWidget(parent), splitter_(new QSplitter(Qt::Vertical))
{
    splitter_->setChildrenCollapsible(false);
    splitter_->setHandleWidth(3);

    addPane(tr("price"), 6);
    addPane(tr("volume"), 1);
    addPane(tr("p_up"), 1);
    addPane(tr("accuracy"), 2);
    equity_ = new StockEquityChart(this);
    splitter_->insertWidget(PricePane + 1, equity_);
    splitter_->setStretchFactor(PricePane + 1, 2);
    connectView(equity_);
    QChart* priceChart = paneChart(PricePane);
    // Over the price plot's top left corner, as charting tools show it: a
    // row of its own beside the chart's buttons had no room on a laptop.
    // Items of the chart's scene, so the view paints them with the rest.
    readoutBack_ = new QGraphicsRectItem;
    priceChart->scene()->addItem(readoutBack_);
    QColor behind = palette().color(QPalette::Window);
    behind.setAlpha(210);
    readoutBack_->setBrush(behind);
    readoutBack_->setPen(Qt::NoPen);
    readoutBack_->setZValue(100);
    readoutText_ = new QGraphicsTextItem(readoutBack_);
    readoutText_->setDefaultTextColor(palette().color(QPalette::WindowText));
    readoutBack_->hide();
    connect(priceChart, &QChart::plotAreaChanged, this, &StockChartPanel::placeReadout);
    priceChart->legend()->show();
    paneChart(RollingPane)->legend()->show();
    const auto axes = [this](Pane p) { return std::pair{paneTimeAxis(p), paneValueAxis(p)}; };

    price_ = addSeries<QLineSeries>(priceChart, tr("close"), axes(PricePane).first, axes(PricePane).second);
    price_->setPen(QPen(ChartPalette::color(ChartPalette::Role::Close), 1.5));
    // Candlesticks place themselves on value and date axes only: theirs
    // are hidden, and kept on the category axes' ranges.
    candleX_ = new QValueAxis;
    candleY_ = new QValueAxis;
    for (QValueAxis* axis : {candleX_, candleY_}) {
        priceChart->addAxis(axis, axis == candleX_ ? Qt::AlignBottom : Qt::AlignRight);
        axis->setVisible(false);
    }
    candles_ = new QCandlestickSeries;
    candles_->setName(tr("open, high, low, close"));
    priceChart->addSeries(candles_);
    candles_->attachAxis(candleX_);
    candles_->attachAxis(candleY_);
    candles_->setIncreasingColor(ChartPalette::color(ChartPalette::Role::CandleUp));
    candles_->setDecreasingColor(ChartPalette::color(ChartPalette::Role::CandleDown));
    candles_->setPen(QPen(ChartPalette::color(ChartPalette::Role::CandleOutline), 1));
    candles_->setBodyOutlineVisible(true);
    candles_->setVisible(false);
    const std::array<QString, MarkerCount> markerNames{tr("▲ right"), tr("▲ wrong"), tr("▼ right"), tr("▼ wrong")};
    for (int m = 0; m < MarkerCount; ++m) {
        auto* s = addSeries<QScatterSeries>(priceChart, markerNames[static_cast<std::size_t>(m)],
                                            axes(PricePane).first, axes(PricePane).second);
        const bool up = m == UpRight || m == UpWrong;
        const QColor colour = ChartPalette::color(m == UpRight || m == DownRight ? ChartPalette::Role::Right
                                                                                 : ChartPalette::Role::Wrong);
        s->setLightMarker(triangle(up, colour));
        s->setMarkerSize(kMarkerSize);
        s->setColor(colour);
        markers_[static_cast<std::size_t>(m)] = s;
    }

    volume_ = addSeries<QLineSeries>(paneChart(VolumePane), tr("volume"), axes(VolumePane).first,
                                     axes(VolumePane).second);

    pUp_ = addSeries<QLineSeries>(paneChart(PUpPane), tr("p_up"), axes(PUpPane).first, axes(PUpPane).second);
    pUp_->setPen(QPen(ChartPalette::accuracy(AccuracyLine::Model), 1.2));
    half_ = addSeries<QLineSeries>(paneChart(PUpPane), tr("0.5"), axes(PUpPane).first, axes(PUpPane).second);
    half_->setPen(QPen(ChartPalette::color(ChartPalette::Role::Guide), 1, Qt::DashLine));

    const std::array<AccuracyLine, RollingCount> rollingLines{AccuracyLine::Model, AccuracyLine::AlwaysUp,
                                                              AccuracyLine::AlwaysDown, AccuracyLine::LastMove};
    for (std::size_t r = 0; r < rolling_.size(); ++r) {
        rolling_[r] = addSeries<QLineSeries>(paneChart(RollingPane), QString(), axes(RollingPane).first,
                                             axes(RollingPane).second);
        styleAccuracyLine(rolling_[r], rollingLines[r]);
    }

    QSettings settings;
    scale_ = static_cast<PriceScale::Mode>(std::clamp(settings.value(kScaleKey, 0).toInt(), 0, 2));
    averages_ = averagesFrom(settings.value(kAveragesKey, QStringList{QStringLiteral("SMA 50")}).toStringList());
    volumeShown_ = settings.value(kVolumeKey, true).toBool();
    tradingDays_ = settings.value(kTradingDaysKey, false).toBool();
    setAverages(averages_);
    buildActions();

    auto* tools = new QToolBar;
    tools->setIconSize(QSize(16, 16));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(fitAction_);
    tools->addAction(followAction_);
    tools->addSeparator();
    tools->addActions(scaleActions_->actions());
    tools->addSeparator();
    auto* averagesButton = new QToolButton;
    averagesButton->setText(tr("Averages"));
    averagesButton->setToolTip(tr("Simple and exponential moving averages of the close"));
    averagesButton->setMenu(averagesMenu_);
    averagesButton->setPopupMode(QToolButton::InstantPopup);
    tools->addWidget(averagesButton);
    tools->addAction(volumeAction_);
    tools->addAction(tradingDaysAction_);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(tools, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(splitter_, 1);
    paneView(VolumePane)->setVisible(volumeShown_);
    clear();
}

void StockChartPanel::buildActions()
{
    fitAction_ = new QAction(tr("Fit All"), this);
    fitAction_->setToolTip(tr("The whole history replayed so far (Ctrl+0, or F on the chart)"));
    connect(fitAction_, &QAction::triggered, this, &StockChartPanel::fitAll);
    new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_0), this, this, &StockChartPanel::fitAll);
    auto* fitKey = new QShortcut(QKeySequence(Qt::Key_F), this, this, &StockChartPanel::fitAll);
    fitKey->setContext(Qt::WidgetWithChildrenShortcut);
    followAction_ = new QAction(tr("Follow"), this);
    followAction_->setToolTip(tr("Follow the replay's latest closes (double-click a chart)"));
    connect(followAction_, &QAction::triggered, this, &StockChartPanel::resetZoom);

    scaleActions_ = new QActionGroup(this);
    const std::array<std::pair<QString, QString>, 3> scales{
        std::pair{tr("$"), tr("Price in dollars")}, std::pair{tr("Log"), tr("Price on a log scale")},
        std::pair{tr("%"), tr("Percent from the first visible close (always so when comparing stocks)")}};
    for (std::size_t i = 0; i < scales.size(); ++i) {
        QAction* action = scaleActions_->addAction(scales[i].first);
        action->setToolTip(scales[i].second);
        action->setCheckable(true);
        action->setChecked(static_cast<int>(i) == static_cast<int>(scale_));
        connect(action, &QAction::triggered, this, [this, i] { setScale(static_cast<PriceScale::Mode>(i)); });
    }

    averagesMenu_ = new QMenu(tr("Moving Averages"), this);
    connect(averagesMenu_, &QMenu::aboutToShow, this, [this] {
        averagesMenu_->clear();
        for (std::size_t i = 0; i < averages_.size(); ++i) {
            QAction* shown = averagesMenu_->addAction(averageName(averages_[i]));
            shown->setCheckable(true);
            shown->setChecked(true);
            shown->setToolTip(tr("Untick to remove"));
            connect(shown, &QAction::triggered, this, [this, i] {
                std::vector<MovingAverage> kept = averages_;
                kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(i));
                setAverages(std::move(kept));
            });
        }
        if (!averages_.empty())
            averagesMenu_->addSeparator();
        for (const auto kind : {MovingAverage::Kind::Simple, MovingAverage::Kind::Exponential}) {
            const bool simple = kind == MovingAverage::Kind::Simple;
            averagesMenu_->addAction(simple ? tr("Add Simple Moving Average…") : tr("Add Exponential Moving Average…"),
                                     this, [this, kind, simple] {
                                         bool ok = false;
                                         const int period = QInputDialog::getInt(
                                             this, simple ? tr("Simple Moving Average") : tr("Exponential Moving Average"),
                                             tr("Period in trading days:"), 20, 2, 1000, 1, &ok);
                                         if (!ok)
                                             return;
                                         std::vector<MovingAverage> more = averages_;
                                         more.emplace_back(kind, period);
                                         setAverages(std::move(more));
                                     });
        }
    });

    volumeAction_ = new QAction(tr("Volume"), this);
    volumeAction_->setCheckable(true);
    volumeAction_->setChecked(volumeShown_);
    volumeAction_->setToolTip(tr("The volume pane, from the stock's file"));
    connect(volumeAction_, &QAction::toggled, this, &StockChartPanel::setVolumeShown);
    tradingDaysAction_ = new QAction(tr("Trading Days"), this);
    tradingDaysAction_->setCheckable(true);
    tradingDaysAction_->setChecked(tradingDays_);
    tradingDaysAction_->setToolTip(tr("Trading days side by side, without weekend and holiday gaps"));
    connect(tradingDaysAction_, &QAction::toggled, this, &StockChartPanel::setTradingDays);
}

void StockChartPanel::connectView(ChartView* view)
{
    connect(view, &ChartView::rangeRequested, this, &StockChartPanel::setRange);
    connect(view, &ChartView::resetRequested, this, &StockChartPanel::resetZoom);
    connect(view, &ChartView::hovered, this, [this](double x) { pointAt(x); });
    connect(view, &ChartView::left, this, &StockChartPanel::pointAway);
    connect(view, &ChartView::menuRequested, this, [this](double x, QPoint globalPos) {
        QMenu* menu = contextMenu(x);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(globalPos);
    });
}

int StockChartPanel::addPane(const QString& title, int stretch)
{
    auto* chart = new QChart;
    chart->setTheme(ChartView::theme());
    chart->setMargins(QMargins(2, 0, 2, 0));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->legend()->hide();
    auto* time = new QCategoryAxis;
    auto* value = new QCategoryAxis;
    value->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    // Qt cuts a label to "…" when the axis' height shared among its labels
    // is less than a line, which a thin pane always is; legibleTicks() and
    // dateTicks() keep only labels that have room, so none need cutting.
    value->setTruncateLabels(false);
    time->setTruncateLabels(false);
    QFont small = value->titleFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    value->setTitleFont(small);
    value->setTitleText(title);
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(value, Qt::AlignRight);
    auto* view = new ChartView(chart, time, this);
    view->setMinimumHeight(panes_.empty() ? 120 : 40);
    splitter_->addWidget(view);
    splitter_->setStretchFactor(splitter_->indexOf(view), stretch);
    connectView(view);
    panes_.push_back({chart, time, value, view, title});
    valueTicks_.emplace_back();
    // Dates under the bottom pane alone: the panes above share them.
    for (const PaneParts& p : panes_)
        p.time->setLabelsVisible(&p == &panes_.back());
    if (!history_.isValid()) {
        value->setVisible(false);
        time->setVisible(false);
    }
    return static_cast<int>(panes_.size()) - 1;
}

QMenu* StockChartPanel::contextMenu(double x)
{
    auto* menu = new QMenu(this);
    if (history_.isValid() && !history_.isLogged() && !history_.series().times.empty()) {
        const Timestamp at = timeAt(x);
        menu->addAction(tr("Replay from %1").arg(QLocale::c().toString(QDateTime::fromSecsSinceEpoch(at, Qt::UTC).date(),
                                                                          QStringLiteral("d MMM yyyy"))),
                        this, [this, at] { emit replayFromRequested(at); });
        menu->addSeparator();
    }
    menu->addAction(fitAction_);
    menu->addAction(followAction_);
    menu->addSeparator();
    menu->addActions(scaleActions_->actions());
    menu->addMenu(averagesMenu_);
    menu->addAction(volumeAction_);
    menu->addAction(tradingDaysAction_);
    return menu;
}

void StockChartPanel::setScale(PriceScale::Mode mode)
{
    scale_ = mode;
    scaleActions_->actions()[static_cast<int>(mode)]->setChecked(true);
    QSettings().setValue(kScaleKey, static_cast<int>(mode));
    redraw();
}

void StockChartPanel::setAverages(std::vector<MovingAverage> averages)
{
    QChart* chart = paneChart(PricePane);
    for (QLineSeries* s : averageSeries_) {
        chart->removeSeries(s);
        delete s;
    }
    averageSeries_.clear();
    averages_ = std::move(averages);
    for (std::size_t i = 0; i < averages_.size(); ++i) {
        auto* series = addSeries<QLineSeries>(chart, averageName(averages_[i]), paneTimeAxis(PricePane),
                                              paneValueAxis(PricePane));
        series->setPen(QPen(ChartPalette::overlay(kMaxCompared + i), 1.5));
        averageSeries_.push_back(series);
    }
    saveAverages();
    redraw();
}

void StockChartPanel::saveAverages() const
{
    QStringList names;
    for (const MovingAverage& a : averages_)
        names << QStringLiteral("%1 %2").arg(a.kind() == MovingAverage::Kind::Simple ? "SMA" : "EMA").arg(a.period());
    QSettings().setValue(kAveragesKey, names);
}

void StockChartPanel::setTradingDays(bool on)
{
    if (on == tradingDays_)
        return;
    const Timestamp from = history_.isValid() && !pricePoints_.empty() ? timeAt(rangeMin_) : 0;
    const Timestamp to = history_.isValid() && !pricePoints_.empty() ? timeAt(rangeMax_) : 0;
    tradingDays_ = on;
    tradingDaysAction_->setChecked(on);
    QSettings().setValue(kTradingDaysKey, on);
    for (const PaneParts& p : panes_)
        p.view->setMinimumSpan(on ? 3 : 3 * kDayMs);
    rebuildPoints();
    for (Compared& c : compared_)
        c.points.clear();
    if (view_ == View::Fixed && to > from) {
        rangeMin_ = xOf(from);
        rangeMax_ = xOf(to);
    } else {
        rangeMin_ = rangeMax_ = 0;
    }
    redraw();
}

void StockChartPanel::setVolumeShown(bool on)
{
    volumeShown_ = on;
    volumeAction_->setChecked(on);
    QSettings().setValue(kVolumeKey, on);
    paneView(VolumePane)->setVisible(on);
    if (wantsCandles())
        emit candlesWanted();
    redraw();
}

void StockChartPanel::setTradingCost(std::optional<double> costBps)
{
    equity_->setCostBps(costBps);
    redraw();
}

void StockChartPanel::setCandlesticks(bool on)
{
    candlesticks_ = on;
    if (wantsCandles())
        emit candlesWanted();
    redraw();
}

void StockChartPanel::setCandles(const std::string& stock, std::vector<Candle> candles)
{
    if (!history_.isValid() || history_.series().name != stock)
        return;
    days_ = std::move(candles);
    daysRead_ = true;
    redraw();
}

void StockChartPanel::showStock(StockHistory history)
{
    compareWith({});
    const bool sameStock =
        history_.isValid() && history.isValid() && history.series().name == history_.series().name;
    if (!sameStock) {
        days_.clear();
        daysRead_ = false;
    }
    history_ = std::move(history);
    view_ = View::Follow;
    rangeMin_ = rangeMax_ = 0;
    rebuildPoints();
    redraw();
    if (wantsCandles())
        emit candlesWanted();
}

void StockChartPanel::extend(StockHistory history)
{
    if (!history_.isValid() || !history.isValid() || history.series().name != history_.series().name
        || history.records() < history_.records()) {
        showStock(std::move(history));
        return;
    }
    // The calls shown are the first of the new ones: only the rest is added.
    history_ = std::move(history);
    appendNewPoints();
    redraw();
}

void StockChartPanel::compareWith(std::vector<std::size_t> stocks)
{
    for (Compared& c : compared_) {
        paneChart(PricePane)->removeSeries(c.series);
        delete c.series;
    }
    compared_.clear();
    if (!history_.isValid())
        return;
    stocks.resize(std::min(stocks.size(), kMaxCompared));
    for (std::size_t stock : stocks) {
        if (stock == history_.stockIndex())
            continue;
        auto* series = addSeries<QLineSeries>(paneChart(PricePane),
                                              QString::fromStdString(history_.data().stock(stock).name),
                                              paneTimeAxis(PricePane), paneValueAxis(PricePane));
        series->setPen(QPen(ChartPalette::overlay(compared_.size()), 1.5, Qt::DashLine));
        compared_.push_back({stock, {}, series});
    }
    redraw();
}

void StockChartPanel::advance(const ReplaySnapshot& snapshot)
{
    bool grown = false;
    for (Compared& c : compared_) {
        const StockSeries& s = history_.data().stock(c.stock);
        const std::size_t records = std::min(snapshot.stocks[c.stock].records, s.size());
        if (records < c.points.size()) {
            c.points.clear();
            grown = true;
        }
        for (std::size_t i = c.points.size(); i < records; ++i, grown = true)
            c.points.emplace_back(xOf(s.times[i]), s.closes[i]);
    }
    const std::size_t records = history_.isValid() ? snapshot.stocks[history_.stockIndex()].records : 0;
    const std::size_t switches = history_.models().size();
    if (history_.isValid() && history_.setModels(snapshot.models)) {
        // Another pass of the stream, with other models: draw it anew.
        history_.advanceTo(records);
        rebuildPoints();
        redraw();
    } else if (history_.isValid() && records != history_.records()) {
        advanceTo(records);
    } else if (grown || history_.models().size() != switches) {
        redraw();
    }
}

void StockChartPanel::clear()
{
    compareWith({});
    history_ = {};
    days_.clear();
    daysRead_ = false;
    rebuildPoints();
    redraw();
}

void StockChartPanel::advanceTo(std::size_t records)
{
    if (!history_.isValid() || records == history_.records())
        return;
    if (records < history_.records()) {
        history_.advanceTo(records);
        rebuildPoints();
    } else {
        history_.advanceTo(records);
        appendNewPoints();
    }
    redraw();
}

void StockChartPanel::rebuildPoints()
{
    pricePoints_.clear();
    pUpPoints_.clear();
    for (auto& points : markerPoints_)
        points.clear();
    for (auto& points : rollingPoints_)
        points.clear();
    recordsShown_ = callsShown_ = resolvedShown_ = 0;
    equity_->clear();
    appendNewPoints();
}

void StockChartPanel::appendNewPoints()
{
    if (!history_.isValid())
        return;
    const StockSeries& s = history_.series();
    for (; recordsShown_ < history_.records(); ++recordsShown_)
        pricePoints_.emplace_back(xOf(s.times[recordsShown_]), s.closes[recordsShown_]);

    const std::vector<StockCall>& calls = history_.calls();
    for (; callsShown_ < calls.size(); ++callsShown_)
        pUpPoints_.emplace_back(pricePoints_[calls[callsShown_].record].x(), calls[callsShown_].pUp);
    for (; resolvedShown_ < calls.size() && calls[resolvedShown_].resolved; ++resolvedShown_) {
        const StockCall& c = calls[resolvedShown_];
        const QPointF at = pricePoints_[c.record + 1];
        markerPoints_[c.up ? (c.correct ? UpRight : UpWrong) : (c.correct ? DownRight : DownWrong)].push_back(at);

        const StockCall* from = resolvedShown_ >= kRollingCalls ? &calls[resolvedShown_ - kRollingCalls] : nullptr;
        const double n = c.resolvedSoFar - (from ? from->resolvedSoFar : 0);
        const double up = (c.actualUpSoFar - (from ? from->actualUpSoFar : 0)) / n;
        rollingPoints_[Model].emplace_back(at.x(), (c.correctSoFar - (from ? from->correctSoFar : 0)) / n);
        rollingPoints_[AlwaysUp].emplace_back(at.x(), up);
        rollingPoints_[AlwaysDown].emplace_back(at.x(), 1 - up);
        rollingPoints_[LastMove].emplace_back(at.x(),
                                              (c.lastMoveCorrectSoFar - (from ? from->lastMoveCorrectSoFar : 0)) / n);
    }
}

double StockChartPanel::xOf(Timestamp time) const
{
    if (!tradingDays_ || !history_.isValid())
        return ChartView::axisValue(time);
    const std::vector<Timestamp>& times = history_.series().times;
    return static_cast<double>(std::lower_bound(times.begin(), times.end(), time) - times.begin());
}

Timestamp StockChartPanel::timeAt(double x) const
{
    const std::vector<Timestamp>& times = history_.series().times;
    if (times.empty())
        return 0;
    std::size_t i = 0;
    if (tradingDays_) {
        i = static_cast<std::size_t>(std::clamp(std::llround(x), 0LL, static_cast<long long>(times.size() - 1)));
    } else {
        const auto it = std::lower_bound(times.begin(), times.end(), x,
                                         [](Timestamp t, double v) { return ChartView::axisValue(t) < v; });
        i = static_cast<std::size_t>(it - times.begin());
        if (i == times.size() || (i > 0 && x - ChartView::axisValue(times[i - 1]) < ChartView::axisValue(times[i]) - x))
            --i;
    }
    return times[i];
}

double StockChartPanel::firstX() const
{
    return history_.isValid() && !history_.series().times.empty() ? xOf(history_.series().times.front()) : 0;
}

double StockChartPanel::lastX() const
{
    return history_.isValid() && !history_.series().times.empty() ? xOf(history_.series().times.back()) : 0;
}

void StockChartPanel::resetZoom()
{
    view_ = View::Follow;
    rangeMin_ = rangeMax_ = 0;
    redraw();
}

void StockChartPanel::fitAll()
{
    view_ = View::Fit;
    redraw();
}

void StockChartPanel::setRange(double min, double max)
{
    if (!history_.isValid() || !(max > min))
        return;
    view_ = View::Fixed;
    rangeMin_ = min;
    rangeMax_ = max;
    redraw();
}

void StockChartPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    redraw();
}

void StockChartPanel::showPlaceholder(const QString& title)
{
    price_->clear();
    candles_->clear();
    volume_->clear();
    pUp_->clear();
    half_->clear();
    for (auto* s : markers_)
        s->clear();
    for (auto* s : rolling_)
        s->clear();
    for (auto* s : modelSwitches_)
        s->clear();
    for (auto* s : averageSeries_)
        s->clear();
    for (Compared& c : compared_)
        c.series->clear();
    visibleCalls_ = 0;
    // Axes over no data would read 1970: none until there is something to show.
    // Labels laid out while hidden stay elided: they are made anew when shown.
    for (const PaneParts& p : panes_) {
        for (QCategoryAxis* axis : {p.time, p.value}) {
            axis->setVisible(false);
            for (const QString& label : axis->categoriesLabels())
                axis->remove(label);
        }
        p.view->hideCrosshair();
    }
    equity_->clear();
    equity_->hideCrosshair();
    QChart* chart = paneChart(PricePane);
    if (chart->title() != title)
        chart->setTitle(title);
    readoutText_->setHtml({});
    readoutBack_->hide();
}

void StockChartPanel::placeRange(double plotWidth)
{
    const double newest = pricePoints_.back().x();
    const double minSpan = tradingDays_ ? 5 : 7 * kDayMs;
    switch (view_) {
    case View::Follow:
        if (newest >= rangeMax_ || newest < rangeMin_) {
            // Turns a page rather than scrolling every frame: the newest close
            // gets a quarter of the plot ahead of it, and the dates stay put
            // until it reaches the edge.
            const auto follow = std::clamp<std::size_t>(static_cast<std::size_t>(plotWidth / (2 * kPixelsPerMarker)),
                                                        kMinFollowRecords, kMaxFollowRecords);
            const std::size_t first = pricePoints_.size() > follow ? pricePoints_.size() - follow : 0;
            const double span = std::max(newest - pricePoints_[first].x(), minSpan);
            rangeMin_ = newest - span;
            rangeMax_ = newest + span / 3;
        }
        break;
    case View::Fit:
        rangeMin_ = pricePoints_.front().x();
        rangeMax_ = std::max(newest, rangeMin_ + minSpan);
        break;
    case View::Fixed:
        break;
    }
    // Never past the stock's first or last date: a range wider than its
    // history shows all of it, a narrower one slides back inside.
    const double lo = firstX();
    const double hi = std::max(lastX(), lo + minSpan);
    const double span = rangeMax_ - rangeMin_;
    if (span >= hi - lo) {
        rangeMin_ = lo;
        rangeMax_ = hi;
    } else if (rangeMin_ < lo) {
        rangeMin_ = lo;
        rangeMax_ = lo + span;
    } else if (rangeMax_ > hi) {
        rangeMax_ = hi;
        rangeMin_ = hi - span;
    }
}

void StockChartPanel::setValueTicks(int pane, double lo, double hi, std::vector<AxisTicks::Tick> ticks)
{
    valueTicks_[static_cast<std::size_t>(pane)] = {lo, hi, std::move(ticks)};
}

// Each pane lays its plot out beside its own value labels: the panes' dates
// line up when every label takes the same width, padded with figure spaces
// (as wide as a digit) to the longest.
void StockChartPanel::alignPlots()
{
    qsizetype longest = 0;
    for (const ValueTicks& v : valueTicks_)
        for (const AxisTicks::Tick& t : v.ticks)
            longest = std::max(longest, t.label.size());
    for (std::size_t i = 0; i < panes_.size(); ++i) {
        ValueTicks& v = valueTicks_[i];
        for (AxisTicks::Tick& t : v.ticks)
            t.label.prepend(QString(longest - t.label.size(), QChar(0x2007)));
        if (v.hi > v.lo)
            AxisTicks::apply(panes_[i].value, v.lo, v.hi, legibleTicks(i, v));
        v = {};
        // A title longer than its pane is tall would read "accu…": a blank
        // one keeps the room it takes, so the plots still line up.
        const PaneParts& p = panes_[i];
        // Qt's text box around it takes a few pixels more than the text.
        constexpr double kTextBox = 8;
        const bool fits = QFontMetricsF(p.value->titleFont()).horizontalAdvance(p.title) + kTextBox
                          <= p.chart->plotArea().height();
        const QString shown = fits ? p.title : QString(QChar(0x2007));
        if (p.value->titleText() != shown)
            p.value->setTitleText(shown);
        p.view->setToolTip(fits ? QString() : p.title);
    }
    alignRightEdges();
}

// The labels are padded alike, yet "2M" and "0.64" are not as wide as
// "110": each plot's right edge is moved in by a margin to the nearest one,
// so a date falls at the same x in every pane and the crosshair is one line.
void StockChartPanel::alignRightEdges()
{
    std::vector<QChart*> charts;
    for (const PaneParts& p : panes_)
        charts.push_back(p.chart);
    if (equity_->isVisible())
        charts.push_back(equity_->chart());
    constexpr int kMargin = 2;
    double target = std::numeric_limits<double>::max();
    for (const QChart* c : charts)
        target = std::min(target, c->plotArea().right() + c->margins().right() - kMargin);
    for (QChart* c : charts) {
        const double natural = c->plotArea().right() + c->margins().right() - kMargin;
        QMargins m = c->margins();
        m.setRight(kMargin + static_cast<int>(std::lround(natural - target)));
        if (m != c->margins())
            c->setMargins(m);
    }
}

// A value label is cut to "…" when it has less than its height between
// its neighbours or the pane's edge: a thin pane keeps only the ticks
// that have room.
std::vector<AxisTicks::Tick> StockChartPanel::legibleTicks(std::size_t pane, const ValueTicks& v) const
{
    const double height = panes_[pane].chart->plotArea().height();
    const double room = QFontMetricsF(panes_[pane].value->labelsFont()).height();
    std::vector<AxisTicks::Tick> kept;
    double last = -room;
    for (const AxisTicks::Tick& t : v.ticks) {
        const double y = (t.value - v.lo) / (v.hi - v.lo) * height;
        if (y >= room / 2 && height - y >= room / 2 && y - last >= room) {
            kept.push_back(t);
            last = y;
        }
    }
    return kept;
}

std::vector<AxisTicks::Tick> StockChartPanel::dateTicks(double plotWidth) const
{
    const int count = std::max(2, static_cast<int>(plotWidth / kPixelsPerDateTick));
    if (!tradingDays_)
        return AxisTicks::dates(rangeMin_, rangeMax_, count);
    // Round dates on the calendar, placed on the trading day they fall on
    // (or the next one).
    const std::vector<Timestamp>& times = history_.series().times;
    const std::vector<AxisTicks::Tick> calendar =
        AxisTicks::dates(ChartView::axisValue(timeAt(rangeMin_)), ChartView::axisValue(timeAt(rangeMax_)), count);
    std::vector<AxisTicks::Tick> ticks;
    for (const AxisTicks::Tick& t : calendar) {
        const auto it = std::lower_bound(times.begin(), times.end(), t.value,
                                         [](Timestamp time, double v) { return ChartView::axisValue(time) < v; });
        const auto x = static_cast<double>(it - times.begin());
        if (x >= rangeMin_ && x <= rangeMax_ && (ticks.empty() || x > ticks.back().value))
            ticks.push_back({x, t.label});
    }
    return ticks;
}

void StockChartPanel::redraw()
{
    if (!history_.isValid()) {
        showPlaceholder(tr("Select a stock in the watchlist"));
        return;
    }
    if (pricePoints_.empty()) {
        showPlaceholder(tr("%1: no close replayed yet (Space plays)")
                            .arg(QString::fromStdString(history_.series().name)));
        return;
    }
    for (const PaneParts& p : panes_) {
        p.time->setVisible(true);
        p.value->setVisible(true);
    }
    const QChart* priceChart = paneChart(PricePane);
    const double plotWidth = priceChart->plotArea().width();
    placeRange(plotWidth);
    const std::vector<AxisTicks::Tick> ticks = dateTicks(plotWidth);
    for (const PaneParts& p : panes_)
        p.view->showRange(rangeMin_, rangeMax_, ticks);

    const int buckets = std::max(1, static_cast<int>(plotWidth / 2));
    // The scale's base is the first visible close, for percent.
    const auto byX = [](const QPointF& p, double x) { return p.x() < x; };
    const auto left = std::lower_bound(pricePoints_.begin(), pricePoints_.end(), rangeMin_, byX);
    shownScale_ = PriceScale(compared_.empty() ? scale_ : PriceScale::Mode::Percent,
                             left != pricePoints_.end() ? left->y() : pricePoints_.back().y());
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    drawPrice(plotWidth, lo, hi);
    drawCompared(lo, hi);
    drawAverages(buckets, lo, hi);
    QCategoryAxis* priceAxis = paneValueAxis(PricePane);
    if (hi >= lo) {
        const bool linear = shownScale_.mode() == PriceScale::Mode::Linear;
        fitValueAxis(priceAxis, lo, hi, linear ? 0 : std::numeric_limits<double>::lowest(),
                     std::numeric_limits<double>::max());
        const double plotHeight = priceChart->plotArea().height();
        const int count = std::max(2, static_cast<int>(plotHeight / kPixelsPerValueTick));
        setValueTicks(PricePane, priceAxis->min(), priceAxis->max(),
                         shownScale_.ticks(priceAxis->min(), priceAxis->max(), count));
    }
    candleX_->setRange(rangeMin_, rangeMax_);
    candleY_->setRange(priceAxis->min(), priceAxis->max());
    drawMarkers(plotWidth, priceAxis->min(), priceAxis->max());
    drawVolume(plotWidth);

    // Padded, so 0 and 1 have room for their labels.
    setValueTicks(PUpPane, -0.15, 1.15, AxisTicks::numbers(0, 1, 2));
    pUp_->replace(SeriesDecimator::decimate(pUpPoints_, rangeMin_, rangeMax_, buckets));
    half_->replace(QList<QPointF>{{rangeMin_, 0.5}, {rangeMax_, 0.5}});
    drawModelSwitches();

    double rollLo = 1;
    double rollHi = 0;
    for (std::size_t r = 0; r < RollingCount; ++r) {
        const QList<QPointF> line = SeriesDecimator::decimate(rollingPoints_[r], rangeMin_, rangeMax_, buckets);
        rolling_[r]->replace(line);
        double a = 0;
        double b = 0;
        if (SeriesDecimator::yRange(line, rangeMin_, rangeMax_, a, b)) {
            rollLo = std::min(rollLo, a);
            rollHi = std::max(rollHi, b);
        }
    }
    QCategoryAxis* rollingAxis = paneValueAxis(RollingPane);
    if (rollHi >= rollLo)
        fitValueAxis(rollingAxis, rollLo, rollHi, 0, 1);
    setValueTicks(RollingPane, rollingAxis->min(), rollingAxis->max(),
                     AxisTicks::numbers(rollingAxis->min(), rollingAxis->max(), 3));
    equity_->draw(history_, rangeMin_, rangeMax_, ticks, [this](Timestamp time) { return xOf(time); });
    alignPlots();
    if (pointing_)
        pointAt(pricePoints_[std::min(pointedRecord_, pricePoints_.size() - 1)].x());
    else
        pointAway();
    emit rangeShown(rangeMin_, rangeMax_, buckets);
}

bool StockChartPanel::drawPrice(double plotWidth, double& lo, double& hi)
{
    const bool candles = showsCandles();
    price_->setVisible(!candles);
    candles_->setVisible(candles);
    if (!candles) {
        candles_->clear();
        QList<QPointF> price =
            SeriesDecimator::decimate(pricePoints_, rangeMin_, rangeMax_, std::max(1, static_cast<int>(plotWidth / 2)));
        for (QPointF& p : price)
            p.setY(shownScale_.value(p.y()));
        price_->replace(price);
        return SeriesDecimator::yRange(price, rangeMin_, rangeMax_, lo, hi);
    }
    price_->clear();
    // The days the replay has reached, in the visible range.
    const Timestamp reached = history_.series().times[recordsShown_ - 1];
    const std::vector<Candle> shown =
        CandleDecimator::decimate(days_, timeAt(rangeMin_), std::min(timeAt(rangeMax_), reached),
                                  std::max(1, static_cast<int>(plotWidth / kPixelsPerCandle)));
    QList<QCandlestickSet*> sets;
    sets.reserve(static_cast<qsizetype>(shown.size()));
    for (const Candle& c : shown) {
        const double low = shownScale_.value(c.low);
        const double high = shownScale_.value(c.high);
        sets.append(new QCandlestickSet(shownScale_.value(c.open), high, low, shownScale_.value(c.close), xOf(c.time)));
        lo = std::min(lo, low);
        hi = std::max(hi, high);
    }
    candles_->clear();
    candles_->append(sets);
    return !shown.empty();
}

void StockChartPanel::drawCompared(double& lo, double& hi)
{
    const auto byX = [](const QPointF& p, double x) { return p.x() < x; };
    const int buckets = std::max(1, static_cast<int>(paneChart(PricePane)->plotArea().width() / 2));
    for (Compared& c : compared_) {
        const auto from = std::lower_bound(c.points.begin(), c.points.end(), rangeMin_, byX);
        if (from == c.points.end() || from->y() <= 0) {
            c.series->clear();
            continue;
        }
        // Each compared stock from its own first visible close.
        drawScaled(c.series, c.points, PriceScale(PriceScale::Mode::Percent, from->y()), buckets, lo, hi);
    }
}

void StockChartPanel::drawScaled(QLineSeries* series, const std::vector<QPointF>& points, const PriceScale& scale,
                                 int buckets, double& lo, double& hi) const
{
    QList<QPointF> line = SeriesDecimator::decimate(points, rangeMin_, rangeMax_, buckets);
    for (QPointF& p : line)
        p.setY(scale.value(p.y()));
    double a = 0;
    double b = 0;
    if (SeriesDecimator::yRange(line, rangeMin_, rangeMax_, a, b)) {
        lo = std::min(lo, a);
        hi = std::max(hi, b);
    }
    series->replace(line);
}

void StockChartPanel::drawAverages(int buckets, double& lo, double& hi)
{
    for (std::size_t i = 0; i < averages_.size(); ++i)
        drawScaled(averageSeries_[i], averages_[i].of(pricePoints_), shownScale_, buckets, lo, hi);
}

void StockChartPanel::drawMarkers(double plotWidth, double priceLo, double priceHi)
{
    const auto byX = [](const QPointF& p, double x) { return p.x() < x; };
    const bool candles = showsCandles();
    // Beside a candle, not on it: ▲ under its low, ▼ over its high.
    const double plotHeight = paneChart(PricePane)->plotArea().height();
    const double gap = plotHeight > 0 ? (kMarkerSize / 2 + 2) * (priceHi - priceLo) / plotHeight : 0;
    const auto byTime = [](const Candle& c, Timestamp t) { return c.time < t; };
    visibleCalls_ = 0;
    std::array<QList<QPointF>, MarkerCount> visible;
    for (std::size_t m = 0; m < MarkerCount; ++m) {
        const auto& points = markerPoints_[m];
        const auto first = std::lower_bound(points.begin(), points.end(), rangeMin_, byX);
        const auto last = std::lower_bound(first, points.end(), rangeMax_, byX);
        visible[m] = QList<QPointF>(first, last);
        visibleCalls_ += visible[m].size();
        const bool up = m == UpRight || m == UpWrong;
        for (QPointF& p : visible[m]) {
            double y = p.y();
            if (candles) {
                const Timestamp t = timeAt(p.x());
                const auto day = std::lower_bound(days_.begin(), days_.end(), t, byTime);
                if (day != days_.end() && day->time == t)
                    y = up ? day->low : day->high;
            }
            p.setY(shownScale_.value(y) + (candles ? (up ? -gap : gap) : 0));
        }
    }
    const bool readable = static_cast<double>(visibleCalls_) * kPixelsPerMarker <= plotWidth;
    for (std::size_t m = 0; m < MarkerCount; ++m)
        markers_[m]->replace(readable ? visible[m] : QList<QPointF>{});
    const QString name = QString::fromStdString(history_.series().name);
    QString title = readable ? name : tr("%1 (zoom in to see its calls)").arg(name);
    if (shownScale_.mode() == PriceScale::Mode::Percent)
        title += tr(", %Δ from %1").arg(QLocale::c().toString(
            QDateTime::fromSecsSinceEpoch(timeAt(rangeMin_), Qt::UTC).date(), QStringLiteral("d MMM yyyy")));
    // A new title lays the chart out again: only when it says something new.
    QChart* chart = paneChart(PricePane);
    if (chart->title() != title)
        chart->setTitle(title);
}

void StockChartPanel::drawVolume(double plotWidth)
{
    if (!volumeShown_)
        return;
    const Timestamp reached = history_.series().times[recordsShown_ - 1];
    const std::vector<Candle> shown =
        CandleDecimator::decimate(days_, timeAt(rangeMin_), std::min(timeAt(rangeMax_), reached),
                                  std::max(1, static_cast<int>(plotWidth / 3)));
    // A bar a day as a vertical stroke, all in one series, replaced at once.
    QList<QPointF> bars;
    bars.reserve(static_cast<qsizetype>(3 * shown.size()));
    double top = 0;
    for (const Candle& c : shown) {
        const double x = xOf(c.time);
        bars.append({x, 0});
        bars.append({x, c.volume});
        bars.append({x, 0});
        top = std::max(top, c.volume);
    }
    const double width = shown.empty() ? 1 : std::clamp(0.6 * plotWidth / static_cast<double>(shown.size()), 1.0, 8.0);
    volume_->setPen(QPen(ChartPalette::color(ChartPalette::Role::Volume), width, Qt::SolidLine, Qt::FlatCap));
    volume_->replace(bars);
    QCategoryAxis* axis = paneValueAxis(VolumePane);
    axis->setTitleText(!daysRead_ ? tr("volume (loading)") : top > 0 ? tr("volume") : tr("no volume"));
    top = top > 0 ? top * 1.05 : 1;
    setValueTicks(VolumePane, 0, top, volumeTicks(top, 2));
}

// A vertical line on the p_up chart where another model took over: the
// calls to its left are the earlier model's, those to its right the new one's.
void StockChartPanel::drawModelSwitches()
{
    std::vector<double> at;
    for (const ModelSwitch& m : history_.models())
        if (!m.fromStart)
            at.push_back(xOf(m.afterTime));
    while (modelSwitches_.size() < at.size()) {
        auto* line = addSeries<QLineSeries>(paneChart(PUpPane), tr("model switch"), paneTimeAxis(PUpPane),
                                            paneValueAxis(PUpPane));
        line->setPen(QPen(ChartPalette::color(ChartPalette::Role::ModelSwitch), 2, Qt::DashDotLine));
        modelSwitches_.push_back(line);
    }
    for (std::size_t i = 0; i < modelSwitches_.size(); ++i)
        modelSwitches_[i]->replace(i < at.size() ? QList<QPointF>{{at[i], 0.0}, {at[i], 1.0}} : QList<QPointF>{});
}

std::size_t StockChartPanel::recordAt(double x) const
{
    auto it = std::lower_bound(pricePoints_.begin(), pricePoints_.end(), x,
                               [](const QPointF& p, double v) { return p.x() < v; });
    if (it == pricePoints_.end() || (it != pricePoints_.begin() && x - (it - 1)->x() < it->x() - x))
        --it;
    return static_cast<std::size_t>(it - pricePoints_.begin());
}

void StockChartPanel::pointAt(double x)
{
    if (pricePoints_.empty())
        return;
    pointing_ = true;
    pointedRecord_ = recordAt(x);
    const double at = pricePoints_[pointedRecord_].x();
    for (const PaneParts& p : panes_)
        p.view->showCrosshair(at);
    equity_->showCrosshair(at);
    showReadout();
}

void StockChartPanel::pointAway()
{
    pointing_ = false;
    for (const PaneParts& p : panes_)
        p.view->hideCrosshair();
    equity_->hideCrosshair();
    showReadout();
}

void StockChartPanel::showReadout()
{
    const QString text = readout();
    readoutText_->setHtml(text);
    readoutBack_->setVisible(!text.isEmpty());
    placeReadout();
}

// On one line where the plot is wide enough, wrapped to its width where not.
void StockChartPanel::placeReadout()
{
    if (!readoutBack_->isVisible())
        return;
    const QRectF plot = paneChart(PricePane)->plotArea();
    readoutText_->setTextWidth(-1);
    const double room = std::max(40.0, plot.width() - 8);
    if (readoutText_->boundingRect().width() > room)
        readoutText_->setTextWidth(room);
    readoutBack_->setRect(readoutText_->boundingRect());
    readoutBack_->setPos(plot.topLeft() + QPointF(4, 2));
}

QString StockChartPanel::shownReadout() const
{
    return readoutBack_->isVisible() ? readoutText_->toPlainText() : QString();
}

QString StockChartPanel::readout() const
{
    if (pricePoints_.empty())
        return {};
    const std::size_t record = pointing_ ? std::min(pointedRecord_, pricePoints_.size() - 1) : pricePoints_.size() - 1;
    const StockSeries& s = history_.series();
    const Timestamp time = s.times[record];
    QString text = QStringLiteral("<b>%1</b> %2")
                       .arg(QString::fromStdString(s.name),
                            QLocale::c().toString(QDateTime::fromSecsSinceEpoch(time, Qt::UTC).date(),
                                                  QStringLiteral("ddd d MMM yyyy")));
    const auto day = std::lower_bound(days_.begin(), days_.end(), time,
                                      [](const Candle& c, Timestamp t) { return c.time < t; });
    if (day != days_.end() && day->time == time) {
        text += tr("  O %1  H %2  L %3").arg(day->open, 0, 'g', 6).arg(day->high, 0, 'g', 6).arg(day->low, 0, 'g', 6);
        if (day->volume > 0)
            text += tr("  V %1").arg(QLocale().toString(day->volume, 'f', 0));
    }
    text += tr("  C <b>%1</b>").arg(s.closes[record], 0, 'g', 6);
    if (const StockCall* c = history_.callPredicting(record))
        text += tr("  ·  called %1 %2: <b>%3</b>")
                    .arg(c->up ? QStringLiteral("▲") : QStringLiteral("▼"))
                    .arg(c->pUp, 0, 'f', 3)
                    .arg(c->correct ? tr("right") : tr("wrong"));
    if (const StockCall* c = history_.callAt(record))
        text += tr("  ·  next %1 %2%3")
                    .arg(c->up ? QStringLiteral("▲") : QStringLiteral("▼"))
                    .arg(c->pUp, 0, 'f', 3)
                    .arg(c->resolved ? QString() : tr(", pending"));
    return text;
}

} // namespace ss
