#include "TrainingPreviewChart.h"

#include "AxisTicks.h"
#include "ChartView.h"
#include "SeriesDecimator.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

namespace ss {

TrainingPreviewChart::TrainingPreviewChart(QWidget* parent)
    : CompactChartView(new QChart, parent), timeAxis_(new QDateTimeAxis), priceAxis_(new QValueAxis), price_(new QLineSeries),
      split_(new QLineSeries)
{
    QChart* chart = this->chart();  // given to QChartView: no default chart to leak
    chart->setTheme(ChartView::theme());
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignTop);
    timeAxis_->setTickCount(5);
    priceAxis_->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(timeAxis_, Qt::AlignBottom);
    chart->addAxis(priceAxis_, Qt::AlignLeft);
    price_->setName(tr("close"));
    split_->setName(tr("hold-out starts"));
    split_->setPen(QPen(QColor(0xd0, 0x40, 0x30), 2, Qt::DashLine));
    for (QLineSeries* series : {price_, split_}) {
        chart->addSeries(series);
        series->attachAxis(timeAxis_);
        series->attachAxis(priceAxis_);
    }
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(150);
}

void TrainingPreviewChart::show(const StockSeries& series, std::optional<Timestamp> splitTime)
{
    points_.clear();
    points_.reserve(series.size());
    for (std::size_t i = 0; i < series.size(); ++i)
        points_.emplace_back(ChartView::axisValue(series.times[i]), series.closes[i]);
    splitX_ = splitTime ? std::optional(ChartView::axisValue(*splitTime)) : std::nullopt;
    redraw();
}

void TrainingPreviewChart::clear()
{
    points_.clear();
    splitX_.reset();
    redraw();
}

void TrainingPreviewChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    redraw();
}

void TrainingPreviewChart::redraw()
{
    if (points_.empty()) {
        price_->clear();
        split_->clear();
        return;
    }
    const double from = points_.front().x();
    const double to = std::max(points_.back().x(), from + 86400e3);
    const QList<QPointF> shown = SeriesDecimator::decimate(points_, from, to, std::max(width(), 100));
    price_->replace(shown);
    double lo = 0;
    double hi = 0;
    SeriesDecimator::yRange(shown, from, to, lo, hi);
    priceAxis_->setRange(lo, std::max(hi, lo + 1e-9));
    // Round ticks keep the labels short enough to show whole.
    priceAxis_->applyNiceNumbers();
    const double bottom = priceAxis_->min();
    const double top = priceAxis_->max();
    timeAxis_->setFormat(AxisTicks::dateFormat(to - from));
    timeAxis_->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(from)),
                        QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(to)));
    if (splitX_)
        split_->replace({QPointF(*splitX_, bottom), QPointF(*splitX_, top)});
    else
        split_->clear();
}

} // namespace ss
