#include "TimeChart.h"

#include "AxisTicks.h"
#include "ChartView.h"
#include "SeriesDecimator.h"

#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <limits>

namespace ss {

// The chart goes to QChartView's constructor: QChartView(parent) would make
// a default chart that setChart() then abandons without deleting.
TimeChart::TimeChart(const QString& title, Scale scale, QWidget* parent)
    : CompactChartView(new QChart, parent),
      timeAxis_(new QDateTimeAxis),
      valueAxis_(scale == Scale::Log ? static_cast<QAbstractAxis*>(new QLogValueAxis) : new QValueAxis)
{
    QChart* chart = this->chart();
    chart->setTheme(ChartView::theme());
    chart->setTitle(title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignTop);
    timeAxis_->setFormat(QStringLiteral("yyyy-MM-dd"));
    timeAxis_->setTickCount(4);
    if (auto* linear = qobject_cast<QValueAxis*>(valueAxis_))
        linear->setTickCount(3);
    chart->addAxis(timeAxis_, Qt::AlignBottom);
    chart->addAxis(valueAxis_, Qt::AlignLeft);
    // Axes over no data would read 1970: none until fitAxes() has points.
    timeAxis_->setVisible(false);
    valueAxis_->setVisible(false);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(240, 160);
}

void TimeChart::resizeEvent(QResizeEvent* event)
{
    CompactChartView::resizeEvent(event);
    AxisTicks::fitDateTicks(timeAxis_, width());
}

void TimeChart::attach(QAbstractSeries* series)
{
    chart()->addSeries(series);
    series->attachAxis(timeAxis_);
    series->attachAxis(valueAxis_);
}

QLineSeries* TimeChart::addLine(const QString& name)
{
    auto* line = new QLineSeries;
    line->setName(name);
    attach(line);
    return line;
}

QAreaSeries* TimeChart::addBand(const QString& name, QColor fill)
{
    auto* band = new QAreaSeries(new QLineSeries, new QLineSeries);
    band->setName(name);
    band->upperSeries()->setParent(band);
    band->lowerSeries()->setParent(band);
    if (!fill.isValid()) {
        fill = palette().color(QPalette::Highlight);
        fill.setAlphaF(0.25);
    }
    band->setBrush(fill);
    band->setPen(Qt::NoPen);
    attach(band);
    return band;
}

void TimeChart::removeAll()
{
    chart()->removeAllSeries();
    timeAxis_->setVisible(false);
    valueAxis_->setVisible(false);
}

QList<QPointF> TimeChart::thinned(const std::vector<QPointF>& points) const
{
    if (points.size() < 2)
        return QList<QPointF>(points.begin(), points.end());
    // With xMax the last point's x, that point fills the last bucket alone.
    return SeriesDecimator::decimate(points, points.front().x(), points.back().x(),
                                     std::max(1, static_cast<int>(chart()->plotArea().width())));
}

void TimeChart::setLine(QLineSeries* line, const std::vector<QPointF>& points)
{
    line->replace(thinned(points));
}

void TimeChart::setBand(QAreaSeries* band, const std::vector<QPointF>& lower, const std::vector<QPointF>& upper)
{
    band->lowerSeries()->replace(thinned(lower));
    band->upperSeries()->replace(thinned(upper));
}

void TimeChart::fitAxes(double yFloor, double yCeiling, const char* labelFormat)
{
    double xMin = std::numeric_limits<double>::max(), xMax = std::numeric_limits<double>::lowest();
    double yMin = xMin, yMax = xMax;
    const auto take = [&](const QXYSeries* series) {
        for (const QPointF& p : series->points()) {
            xMin = std::min(xMin, p.x());
            xMax = std::max(xMax, p.x());
            yMin = std::min(yMin, p.y());
            yMax = std::max(yMax, p.y());
        }
    };
    for (QAbstractSeries* series : chart()->series()) {
        if (auto* band = qobject_cast<QAreaSeries*>(series)) {
            take(band->upperSeries());
            take(band->lowerSeries());
        } else if (auto* line = qobject_cast<QXYSeries*>(series)) {
            take(line);
        }
    }
    timeAxis_->setVisible(xMin <= xMax);
    valueAxis_->setVisible(xMin <= xMax);
    if (xMin > xMax)
        return;
    constexpr double kDayMs = 86400e3;
    xMax = std::max(xMax, xMin + kDayMs);
    timeAxis_->setFormat(AxisTicks::dateFormat(xMax - xMin));
    AxisTicks::fitDateTicks(timeAxis_, width());
    timeAxis_->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(xMin)),
                        QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(xMax)));
    if (auto* log = qobject_cast<QLogValueAxis*>(valueAxis_)) {
        // Padded by a ratio, as the scale reads; a log scale has no 0.
        log->setLabelFormat(QString::fromLatin1(labelFormat));
        log->setRange(std::max({yFloor, yMin / 1.05, 1e-9}), std::min(yCeiling, yMax * 1.05));
        return;
    }
    auto* linear = static_cast<QValueAxis*>(valueAxis_);
    const double pad = std::max((yMax - yMin) * 0.05, 1e-3 * std::max(1.0, std::abs(yMax)));
    linear->setLabelFormat(QString::fromLatin1(labelFormat));
    linear->setRange(std::max(yFloor, yMin - pad), std::min(yCeiling, yMax + pad));
}

} // namespace ss
