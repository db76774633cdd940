#include "StockChartPanel.h"

#include "AccuracyLine.h"
#include "CandleDecimator.h"
#include "ChartView.h"
#include "SeriesDecimator.h"

#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace ss {

namespace {

// Markers stay readable up to about one every few pixels; past that they
// would be a smear, so the chart asks for a zoom instead.
constexpr double kPixelsPerMarker = 3;
// A candle needs a body and a gap to read as one.
constexpr double kPixelsPerCandle = 5;
// Following the replay shows the latest closes: a month at least, a year at most.
constexpr std::size_t kMinFollowRecords = 20;
constexpr std::size_t kMaxFollowRecords = 250;
constexpr double kMarkerSize = 11;
const QColor kRight(0x2e, 0x9d, 0x4a);
const QColor kWrong(0xd6, 0x3a, 0x3a);
const QColor kModelSwitch(0x8e, 0x44, 0xad);
// Apart from the price line's, the markers' and the model switch's colours,
// and from the accuracy lines' (AccuracyLine.cpp) in the chart just below,
// so that no compared stock reads as a baseline.
const std::array<QColor, 5> kComparedColours{QColor(0xd8, 0x1b, 0x60), QColor(0x37, 0x47, 0x4f), QColor(0x82, 0x77, 0x17),
                                             QColor(0x00, 0x83, 0x8f), QColor(0xc4, 0x90, 0x00)};

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

QChart* makeChart(const QString& title, QDateTimeAxis*& timeAxis, QValueAxis*& valueAxis)
{
    auto* chart = new QChart;
    chart->setTheme(ChartView::theme());
    chart->setTitle(title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignTop);
    timeAxis = new QDateTimeAxis;
    timeAxis->setFormat(QStringLiteral("yyyy-MM-dd"));
    timeAxis->setTickCount(5);
    valueAxis = new QValueAxis;
    valueAxis->setLabelFormat(QStringLiteral("%.2f"));
    chart->addAxis(timeAxis, Qt::AlignBottom);
    chart->addAxis(valueAxis, Qt::AlignLeft);
    return chart;
}

template <class Series>
Series* addSeries(QChart* chart, const QString& name, QDateTimeAxis* timeAxis, QValueAxis* valueAxis)
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
void fitValueAxis(QValueAxis* axis, double lo, double hi, double floor, double ceiling)
{
    const double span = std::max(hi - lo, 1e-9);
    if (lo >= axis->min() && hi <= axis->max() && axis->max() - axis->min() < 2 * span)
        return;
    axis->setRange(std::max(lo - span * 0.1, floor), std::min(hi + span * 0.1, ceiling));
}

} // namespace

StockChartPanel::StockChartPanel(QWidget* parent) : QWidget(parent)
{
    priceChart_ = makeChart(tr("Price"), timeAxes_[0], priceAxis_);
    pUpChart_ = makeChart(tr("p_up of each call"), timeAxes_[1], pUpAxis_);
    QValueAxis* pUpAxis = pUpAxis_;
    rollingChart_ = makeChart(tr("Rolling accuracy, last %1 calls").arg(kRollingCalls), timeAxes_[2], rollingAxis_);
    pUpAxis->setRange(0, 1);
    pUpAxis->setTickCount(3);
    rollingAxis_->setTickCount(3);

    price_ = addSeries<QLineSeries>(priceChart_, tr("close"), timeAxes_[0], priceAxis_);
    candles_ = addSeries<QCandlestickSeries>(priceChart_, tr("open, high, low, close"), timeAxes_[0], priceAxis_);
    // Hollow and filled, not green and red: those mean right and wrong calls here.
    candles_->setIncreasingColor(QColor(0xf4, 0xf6, 0xf8));
    candles_->setDecreasingColor(QColor(0x4a, 0x55, 0x63));
    candles_->setPen(QPen(QColor(0x2c, 0x33, 0x3a), 1));
    candles_->setBodyOutlineVisible(true);
    candles_->setVisible(false);
    const std::array<QString, MarkerCount> markerNames{tr("▲ right"), tr("▲ wrong"), tr("▼ right"), tr("▼ wrong")};
    for (int m = 0; m < MarkerCount; ++m) {
        auto* s = addSeries<QScatterSeries>(priceChart_, markerNames[static_cast<std::size_t>(m)], timeAxes_[0], priceAxis_);
        const bool up = m == UpRight || m == UpWrong;
        const bool right = m == UpRight || m == DownRight;
        s->setLightMarker(triangle(up, right ? kRight : kWrong));
        s->setMarkerSize(kMarkerSize);
        s->setColor(right ? kRight : kWrong);
        markers_[static_cast<std::size_t>(m)] = s;
    }

    pUp_ = addSeries<QLineSeries>(pUpChart_, tr("p_up"), timeAxes_[1], pUpAxis);
    half_ = addSeries<QLineSeries>(pUpChart_, tr("0.5"), timeAxes_[1], pUpAxis);
    half_->setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    pUpChart_->legend()->hide();

    const std::array<AccuracyLine, RollingCount> rollingLines{AccuracyLine::Model, AccuracyLine::AlwaysUp,
                                                              AccuracyLine::AlwaysDown, AccuracyLine::LastMove};
    for (std::size_t r = 0; r < rolling_.size(); ++r) {
        rolling_[r] = addSeries<QLineSeries>(rollingChart_, QString(), timeAxes_[2], rollingAxis_);
        styleAccuracyLine(rolling_[r], rollingLines[r]);
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    const std::array<QChart*, 3> charts{priceChart_, pUpChart_, rollingChart_};
    const std::array<int, 3> stretch{5, 2, 3};
    for (std::size_t i = 0; i < charts.size(); ++i) {
        auto* view = new ChartView(charts[i], timeAxes_[i], this);
        view->setMinimumHeight(90);
        layout->addWidget(view, stretch[i]);
        connect(view, &ChartView::rangeRequested, this, &StockChartPanel::setRange);
        connect(view, &ChartView::resetRequested, this, &StockChartPanel::resetZoom);
        connect(view, &ChartView::hovered, this, &StockChartPanel::showTooltip);
        connect(view, &ChartView::menuRequested, this, &StockChartPanel::showMenu);
        views_[i] = view;
    }
    clear();
}

void StockChartPanel::showMenu(double x, QPoint globalPos)
{
    if (!history_.isValid())
        return;
    const QDate date = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(x)).date();
    QMenu menu(this);
    menu.addAction(tr("Replay from Here (%1)").arg(date.toString(Qt::ISODate)), this, [this, date] {
        emit replayFromRequested(timestamp::fromCivil(date.year(), date.month(), date.day()));
    });
    menu.exec(globalPos);
}

void StockChartPanel::setCandlesticks(bool on)
{
    candlesticks_ = on;
    redraw();
}

void StockChartPanel::setCandles(const std::string& stock, std::vector<Candle> candles)
{
    if (!history_.isValid() || history_.series().name != stock)
        return;
    days_ = std::move(candles);
    redraw();
}

void StockChartPanel::showStock(StockHistory history)
{
    compareWith({});
    if (!history_.isValid() || !history.isValid() || history.series().name != history_.series().name)
        days_.clear();
    history_ = std::move(history);
    follow_ = true;
    rangeMin_ = rangeMax_ = 0;
    priceChart_->setTitle(QString::fromStdString(history_.series().name));
    rebuildPoints();
    redraw();
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
        priceChart_->removeSeries(c.series);
        delete c.series;
    }
    compared_.clear();
    if (!history_.isValid())
        return;
    stocks.resize(std::min(stocks.size(), kMaxCompared));
    for (std::size_t stock : stocks) {
        if (stock == history_.stockIndex())
            continue;
        auto* series = addSeries<QLineSeries>(priceChart_, QString::fromStdString(history_.data().stock(stock).name),
                                              timeAxes_[0], priceAxis_);
        series->setPen(QPen(kComparedColours[compared_.size() % kComparedColours.size()], 1.2, Qt::DashLine));
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
            c.points.emplace_back(ChartView::axisValue(s.times[i]), s.closes[i]);
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

void StockChartPanel::drawCompared(double& lo, double& hi)
{
    const auto byX = [](const QPointF& p, double x) { return p.x() < x; };
    const auto left = std::lower_bound(pricePoints_.begin(), pricePoints_.end(), rangeMin_, byX);
    const int buckets = std::max(1, static_cast<int>(views_[0]->chart()->plotArea().width() / 2));
    for (Compared& c : compared_) {
        const auto from = std::lower_bound(c.points.begin(), c.points.end(), rangeMin_, byX);
        if (left == pricePoints_.end() || from == c.points.end() || from->y() <= 0) {
            c.series->clear();
            continue;
        }
        const double scale = left->y() / from->y();
        QList<QPointF> line = SeriesDecimator::decimate(c.points, rangeMin_, rangeMax_, buckets);
        for (QPointF& p : line)
            p.setY(p.y() * scale);
        double a = 0;
        double b = 0;
        if (SeriesDecimator::yRange(line, rangeMin_, rangeMax_, a, b)) {
            lo = std::min(lo, a);
            hi = std::max(hi, b);
        }
        c.series->replace(line);
    }
}

void StockChartPanel::clear()
{
    compareWith({});
    history_ = {};
    days_.clear();
    priceChart_->setTitle(tr("Select a stock in the watchlist"));
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
    appendNewPoints();
}

void StockChartPanel::appendNewPoints()
{
    if (!history_.isValid())
        return;
    const StockSeries& s = history_.series();
    for (; recordsShown_ < history_.records(); ++recordsShown_)
        pricePoints_.emplace_back(ChartView::axisValue(s.times[recordsShown_]), s.closes[recordsShown_]);

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

void StockChartPanel::resetZoom()
{
    follow_ = true;
    rangeMin_ = rangeMax_ = 0;
    redraw();
}

void StockChartPanel::setRange(double min, double max)
{
    if (!history_.isValid() || !(max > min))
        return;
    follow_ = false;
    rangeMin_ = min;
    rangeMax_ = max;
    redraw();
}

void StockChartPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    redraw();
}

void StockChartPanel::redraw()
{
    if (pricePoints_.empty()) {
        price_->clear();
        candles_->clear();
        pUp_->clear();
        half_->clear();
        for (auto* s : markers_)
            s->clear();
        for (auto* s : rolling_)
            s->clear();
        for (auto* s : modelSwitches_)
            s->clear();
        visibleCalls_ = 0;
        return;
    }
    const double plotWidth = views_[0]->chart()->plotArea().width();
    const double newest = pricePoints_.back().x();
    if (follow_ && (newest >= rangeMax_ || newest < rangeMin_)) {
        // Turns a page rather than scrolling every frame: the newest close
        // gets a quarter of the plot ahead of it, and the dates stay put
        // until it reaches the edge.
        const auto follow = std::clamp<std::size_t>(static_cast<std::size_t>(plotWidth / (2 * kPixelsPerMarker)),
                                                    kMinFollowRecords, kMaxFollowRecords);
        const std::size_t first = pricePoints_.size() > follow ? pricePoints_.size() - follow : 0;
        const double span = std::max(newest - pricePoints_[first].x(), 7 * 86400e3);
        rangeMin_ = newest - span;
        rangeMax_ = newest + span / 3;
    }
    for (ChartView* view : views_)
        view->showRange(rangeMin_, rangeMax_);

    const int buckets = std::max(1, static_cast<int>(plotWidth / 2));
    double lo = 0;
    double hi = 1;
    if (drawPrice(plotWidth, lo, hi)) {
        drawCompared(lo, hi);
        fitValueAxis(priceAxis_, lo, hi, 0, std::numeric_limits<double>::max());
    }

    const auto byX = [](const QPointF& p, double x) { return p.x() < x; };
    visibleCalls_ = 0;
    std::array<QList<QPointF>, MarkerCount> visible;
    for (std::size_t m = 0; m < MarkerCount; ++m) {
        const auto& points = markerPoints_[m];
        const auto first = std::lower_bound(points.begin(), points.end(), rangeMin_, byX);
        const auto last = std::lower_bound(first, points.end(), rangeMax_, byX);
        visible[m] = QList<QPointF>(first, last);
        visibleCalls_ += visible[m].size();
    }
    const bool readable = static_cast<double>(visibleCalls_) * kPixelsPerMarker <= plotWidth;
    for (std::size_t m = 0; m < MarkerCount; ++m)
        markers_[m]->replace(readable ? visible[m] : QList<QPointF>{});
    const QString name = QString::fromStdString(history_.series().name);
    const QString title = readable ? name : tr("%1 (zoom in to see its calls)").arg(name);
    // A new title lays the chart out again: only when it says something new.
    if (priceChart_->title() != title)
        priceChart_->setTitle(title);

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
    if (rollHi >= rollLo)
        fitValueAxis(rollingAxis_, rollLo, rollHi, 0, 1);
}

bool StockChartPanel::drawPrice(double plotWidth, double& lo, double& hi)
{
    const bool candles = showsCandles();
    price_->setVisible(!candles);
    candles_->setVisible(candles);
    if (!candles) {
        candles_->clear();
        const QList<QPointF> price =
            SeriesDecimator::decimate(pricePoints_, rangeMin_, rangeMax_, std::max(1, static_cast<int>(plotWidth / 2)));
        price_->replace(price);
        return SeriesDecimator::yRange(price, rangeMin_, rangeMax_, lo, hi);
    }
    price_->clear();
    // The days the replay has reached, in the visible range.
    const auto msToTime = [](double ms) { return static_cast<Timestamp>(ms / 1000); };
    const Timestamp reached = history_.series().times[recordsShown_ - 1];
    const std::vector<Candle> shown = CandleDecimator::decimate(
        days_, msToTime(rangeMin_), std::min(msToTime(rangeMax_), reached),
        std::max(1, static_cast<int>(plotWidth / kPixelsPerCandle)));
    QList<QCandlestickSet*> sets;
    sets.reserve(static_cast<qsizetype>(shown.size()));
    lo = std::numeric_limits<double>::max();
    hi = std::numeric_limits<double>::lowest();
    for (const Candle& c : shown) {
        sets.append(new QCandlestickSet(c.open, c.high, c.low, c.close, ChartView::axisValue(c.time)));
        lo = std::min(lo, c.low);
        hi = std::max(hi, c.high);
    }
    candles_->clear();
    candles_->append(sets);
    return !shown.empty();
}

// A vertical line on the p_up chart where another model took over: the
// calls to its left are the earlier model's, those to its right the new one's.
void StockChartPanel::drawModelSwitches()
{
    std::vector<double> at;
    for (const ModelSwitch& m : history_.models())
        if (!m.fromStart)
            at.push_back(ChartView::axisValue(m.afterTime));
    while (modelSwitches_.size() < at.size()) {
        auto* line = addSeries<QLineSeries>(pUpChart_, tr("model switch"), timeAxes_[1], pUpAxis_);
        line->setPen(QPen(kModelSwitch, 2, Qt::DashDotLine));
        modelSwitches_.push_back(line);
    }
    for (std::size_t i = 0; i < modelSwitches_.size(); ++i)
        modelSwitches_[i]->replace(i < at.size() ? QList<QPointF>{{at[i], 0.0}, {at[i], 1.0}} : QList<QPointF>{});
}

void StockChartPanel::showTooltip(double x, QPoint globalPos)
{
    if (pricePoints_.empty())
        return;
    auto it = std::lower_bound(pricePoints_.begin(), pricePoints_.end(), x,
                               [](const QPointF& p, double v) { return p.x() < v; });
    if (it == pricePoints_.end() || (it != pricePoints_.begin() && x - (it - 1)->x() < it->x() - x))
        --it;
    const auto record = static_cast<std::size_t>(it - pricePoints_.begin());
    const StockSeries& s = history_.series();
    QString text = QStringLiteral("<b>%1</b> %2<br>close %3")
                       .arg(QString::fromStdString(s.name), QString::fromStdString(timestamp::format(s.times[record])))
                       .arg(s.closes[record], 0, 'g', 8);
    if (const StockCall* c = history_.callPredicting(record))
        text += tr("<br>called %1 (p_up %2): <b>%3</b>")
                    .arg(c->up ? QStringLiteral("▲") : QStringLiteral("▼"))
                    .arg(c->pUp, 0, 'f', 3)
                    .arg(c->correct ? tr("right") : tr("wrong"));
    if (const StockCall* c = history_.callAt(record))
        text += tr("<br>next close: %1 (p_up %2)%3")
                    .arg(c->up ? QStringLiteral("▲") : QStringLiteral("▼"))
                    .arg(c->pUp, 0, 'f', 3)
                    .arg(c->resolved ? QString() : tr(", pending"));
    QToolTip::showText(globalPos, text, this);
}

} // namespace ss
