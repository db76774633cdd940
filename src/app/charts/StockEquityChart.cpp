#include "StockEquityChart.h"

#include "SeriesDecimator.h"
#include "StockHistory.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QGraphicsLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>

#include <algorithm>
#include <cmath>

namespace ss {

namespace {

// The lowest equity a log scale draws: a long/short account can lose
// almost everything, and an equity at or below 0 has no logarithm.
constexpr double kFloor = 1e-4;
// Neither green nor red (right and wrong calls on the price chart above).
const std::array<QColor, kStrategies> kColours{QColor(0x15, 0x65, 0xc0), QColor(0xef, 0x6c, 0x00),
                                               QColor(0x54, 0x6e, 0x7a)};

double floored(double equity)
{
    return std::max(kFloor, equity);
}

} // namespace

struct StockEquityChart::Parts {
    QChart* chart;
    QCategoryAxis* timeAxis;
    QLogValueAxis* equityAxis;
};

StockEquityChart::Parts StockEquityChart::makeParts()
{
    Parts parts{new QChart, new QCategoryAxis, new QLogValueAxis};
    parts.chart->setTheme(ChartView::theme());
    // Framed as the panes beside it, so it reads as one of them.
    parts.chart->setMargins(QMargins(2, 0, 2, 0));
    parts.chart->layout()->setContentsMargins(0, 0, 0, 0);
    parts.chart->setBackgroundRoundness(0);
    parts.chart->legend()->setAlignment(Qt::AlignTop);
    // The dates are read under the bottom pane, as for the panes above.
    parts.timeAxis->setLabelsVisible(false);
    parts.equityAxis->setBase(10);
    parts.equityAxis->setLabelFormat(QStringLiteral("%.3g"));
    // Qt cuts every label of a pane this thin to "…" (see StockChartPanel).
    parts.equityAxis->setTruncateLabels(false);
    parts.chart->addAxis(parts.timeAxis, Qt::AlignBottom);
    // On the right as the panes' values are, so the dates line up with theirs.
    parts.chart->addAxis(parts.equityAxis, Qt::AlignRight);
    return parts;
}

StockEquityChart::StockEquityChart(QWidget* parent) : StockEquityChart(makeParts(), parent) {}

StockEquityChart::StockEquityChart(Parts parts, QWidget* parent)
    : ChartView(parts.chart, parts.timeAxis, parent), equityAxis_(parts.equityAxis)
{
    const std::array<QString, kStrategies> names{tr("long/flat"), tr("long/short"), tr("buy-and-hold")};
    const auto attach = [&parts](QAbstractSeries* series) {
        parts.chart->addSeries(series);
        series->attachAxis(parts.timeAxis);
        series->attachAxis(parts.equityAxis);
    };
    // The shading first, so that every line is drawn over it.
    for (std::size_t s = 0; s < kStrategies; ++s) {
        auto* band = new QAreaSeries(new QLineSeries, new QLineSeries);
        band->upperSeries()->setParent(band);
        band->lowerSeries()->setParent(band);
        QColor fill = kColours[s];
        fill.setAlphaF(0.16);
        band->setBrush(fill);
        band->setPen(Qt::NoPen);
        band->setName(tr("%1 drawdown").arg(names[s]));
        attach(band);
        drawdowns_[s] = band;
    }
    for (std::size_t s = 0; s < kStrategies; ++s) {
        auto* line = new QLineSeries;
        line->setName(names[s]);
        line->setPen(QPen(kColours[s], s == index(Strategy::BuyAndHold) ? 1.2 : 1.6));
        attach(line);
        lines_[s] = line;
    }
    // The shading reads by its colour; the legend names the lines.
    for (QAreaSeries* band : drawdowns_)
        for (QLegendMarker* marker : parts.chart->legend()->markers(band))
            marker->setVisible(false);
    equityAxis_->setRange(0.5, 2);
    // Shorter than the panes above it may get: the window must still fit a small screen.
    setToolTip(tr("Equity of trading the calls after costs, on a log scale; each drawdown shaded below its high"));
    setMinimumHeight(40);
    setVisible(false);
}

void StockEquityChart::setCostBps(std::optional<double> costBps)
{
    if (costBps == costBps_)
        return;
    costBps_ = costBps;
    clear();
    setVisible(costBps_.has_value());
}

void StockEquityChart::clear()
{
    traded_ = 0;
    positions_ = {};
    returns_ = {};
    for (std::size_t s = 0; s < kStrategies; ++s) {
        equity_[s].clear();
        peaks_[s].clear();
        lines_[s]->clear();
        drawdowns_[s]->upperSeries()->clear();
        drawdowns_[s]->lowerSeries()->clear();
    }
}

void StockEquityChart::trade(const StockHistory& history, const DateToX& xOf)
{
    if (!costBps_ || !history.isValid())
        return;
    const double cost = *costBps_ / 10000;
    const StockSeries& series = history.series();
    const std::vector<StockCall>& calls = history.calls();
    for (; traded_ < calls.size() && calls[traded_].resolved; ++traded_) {
        const StockCall& call = calls[traded_];
        const bool first = traded_ == 0;
        // r = n / n1 − 1, as the replay's backtest works it out.
        const double move = series.closes[call.record + 1] / series.closes[call.record] - 1;
        const double x = xOf(call.predictedTime);
        for (std::size_t s = 0; s < kStrategies; ++s) {
            const Strategy strategy = kAllStrategies[s];
            if (first) {
                // Every line starts at 1 where the first call was made.
                equity_[s].emplace_back(xOf(call.time), 1.0);
                peaks_[s].push_back(equity_[s].back());
            }
            const int p = position(strategy, call.up);
            returns_[s].add(netReturn(p, positions_[s], move, cost), first);
            positions_[s] = p;
            equity_[s].emplace_back(x, floored(returns_[s].equity));
            peaks_[s].emplace_back(x, floored(returns_[s].peak));
        }
    }
}

void StockEquityChart::draw(const StockHistory& history, double min, double max,
                            const std::vector<AxisTicks::Tick>& ticks, const DateToX& xOf)
{
    if (!costBps_)
        return;
    trade(history, xOf);
    showRange(min, max, ticks);
    const int buckets = std::max(1, static_cast<int>(chart()->plotArea().width() / 2));
    double lo = 0;
    double hi = 0;
    bool any = false;
    for (std::size_t s = 0; s < kStrategies; ++s) {
        const QList<QPointF> line = SeriesDecimator::decimate(equity_[s], min, max, buckets);
        double a = 0;
        double b = 0;
        if (SeriesDecimator::yRange(line, min, max, a, b)) {
            lo = any ? std::min(lo, a) : a;
            hi = any ? std::max(hi, b) : b;
            any = true;
        }
        lines_[s]->replace(line);
        drawdowns_[s]->lowerSeries()->replace(line);
        drawdowns_[s]->upperSeries()->replace(SeriesDecimator::decimate(peaks_[s], min, max, buckets));
    }
    if (any)
        fitEquityAxis(lo, hi);
}

// Keeps the axis while the lines fit it well, so a live chart does not
// relabel on every frame; a log axis shows growth by factors, so "well" is
// in factors too. Its ticks are the powers of its base, 1 (the starting
// equity) among them: the coarsest base of a few that puts more than one
// tick on the axis, so that a stock that barely moved still reads.
void StockEquityChart::fitEquityAxis(double lo, double hi)
{
    const double min = equityAxis_->min();
    const double max = equityAxis_->max();
    const double span = std::max(hi / lo, 1.01);
    if (lo >= min && hi <= max && max / min < span * span * 1.2)
        return;
    const double pad = std::max(std::pow(span, 0.1), 1.05);
    const double from = std::max(kFloor, lo / pad);
    const double to = hi * pad;
    double base = 1.01;
    for (const double b : {10.0, 2.0, 1.25, 1.1, 1.05, 1.02})
        if (std::log(to / from) / std::log(b) >= 2) {
            base = b;
            break;
        }
    equityAxis_->setBase(base);
    equityAxis_->setRange(from, to);
}

} // namespace ss
