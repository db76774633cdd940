#include "ChartView.h"

#include "ChartPalette.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QGraphicsLineItem>
#include <QLegend>
#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace ss {

namespace {
constexpr double kWheelZoomPerNotch = 0.8;
// A right press that moves less than this is a click, for the menu.
constexpr double kClickSlopPixels = 4;
} // namespace

ChartView::ChartView(QChart* chart, QCategoryAxis* timeAxis, QWidget* parent)
    : QChartView(chart, parent), timeAxis_(timeAxis), crosshair_(new QGraphicsLineItem(chart))
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setMouseTracking(true);
    timeAxis_->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    crosshair_->setPen(QPen(ChartPalette::color(ChartPalette::Role::Guide), 0, Qt::DashLine));
    crosshair_->setZValue(100);
    crosshair_->hide();
    fitLegend(chart->legend());
    // A rubber band zooms the chart itself; turn that into a request.
    connect(timeAxis_, &QValueAxis::rangeChanged, this, [this](qreal min, qreal max) {
        if (!settingRange_)
            emit rangeRequested(min, max);
    });
    // The plot moves when the axes' labels change width: the line follows.
    connect(chart, &QChart::plotAreaChanged, this, [this] {
        if (crosshair_->isVisible())
            showCrosshair(crosshairX_);
    });
}

// Docked charts are narrow: a smaller legend fits more of each line's name,
// and a name it cannot fit still shows in full on hover.
void ChartView::fitLegend(QLegend* legend)
{
    QFont font = legend->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    legend->setFont(font);
    legend->setShowToolTips(true);
}

double ChartView::axisValue(Timestamp time)
{
    const QDateTime wall = QDateTime::fromSecsSinceEpoch(time, Qt::UTC);
    return static_cast<double>(QDateTime(wall.date(), wall.time()).toMSecsSinceEpoch());
}

Timestamp ChartView::timeOf(double axisValue)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::llround(axisValue)));
    return QDateTime(local.date(), local.time(), Qt::UTC).toSecsSinceEpoch();
}

QChart::ChartTheme ChartView::theme()
{
    return ChartPalette::dark() ? QChart::ChartThemeDark : QChart::ChartThemeLight;
}

double ChartView::visibleMin() const
{
    return timeAxis_->min();
}

double ChartView::visibleMax() const
{
    return timeAxis_->max();
}

void ChartView::showRange(double min, double max, const std::vector<AxisTicks::Tick>& ticks)
{
    settingRange_ = true;
    AxisTicks::apply(timeAxis_, min, max, ticks);
    settingRange_ = false;
    if (crosshair_->isVisible())
        showCrosshair(crosshairX_);
}

void ChartView::showCrosshair(double x)
{
    crosshairX_ = x;
    const QRectF plot = chart()->plotArea();
    const double span = visibleMax() - visibleMin();
    if (!(span > 0) || x < visibleMin() || x > visibleMax()) {
        crosshair_->hide();
        return;
    }
    const double px = plot.left() + (x - visibleMin()) / span * plot.width();
    crosshair_->setLine(px, plot.top(), px, plot.bottom());
    crosshair_->show();
}

void ChartView::hideCrosshair()
{
    crosshair_->hide();
}

bool ChartView::crosshairShown() const
{
    return crosshair_->isVisible();
}

double ChartView::xAt(QPointF viewPos) const
{
    const QRectF plot = chart()->plotArea();
    const QPointF p = chart()->mapFromScene(mapToScene(viewPos.toPoint()));
    const double fraction = plot.width() > 0 ? (p.x() - plot.left()) / plot.width() : 0;
    return visibleMin() + fraction * (visibleMax() - visibleMin());
}

bool ChartView::inPlot(QPointF viewPos) const
{
    return chart()->plotArea().contains(chart()->mapFromScene(mapToScene(viewPos.toPoint())));
}

void ChartView::wheelEvent(QWheelEvent* event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0) {
        event->ignore();
        return;
    }
    const double anchor = xAt(event->position());
    const double factor = std::pow(kWheelZoomPerNotch, notches);
    const double min = anchor - (anchor - visibleMin()) * factor;
    const double max = anchor + (visibleMax() - anchor) * factor;
    if (max - min >= minimumSpan_)
        emit rangeRequested(min, max);
    event->accept();
}

void ChartView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
        panning_ = true;
        panned_ = false;
        panStart_ = event->position();
        panMin_ = visibleMin();
        panMax_ = visibleMax();
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void ChartView::mouseMoveEvent(QMouseEvent* event)
{
    if (panning_) {
        const double width = chart()->plotArea().width();
        panned_ = panned_ || std::abs(panStart_.x() - event->position().x()) > kClickSlopPixels;
        if (width > 0 && panned_) {
            setCursor(Qt::ClosedHandCursor);
            const double shift = (panStart_.x() - event->position().x()) / width * (panMax_ - panMin_);
            emit rangeRequested(panMin_ + shift, panMax_ + shift);
        }
        event->accept();
        return;
    }
    if (inPlot(event->position()))
        emit hovered(xAt(event->position()), event->globalPosition().toPoint());
    else
        emit left();
    QChartView::mouseMoveEvent(event);
}

void ChartView::mouseReleaseEvent(QMouseEvent* event)
{
    if (panning_ && (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton)) {
        panning_ = false;
        unsetCursor();
        if (!panned_ && event->button() == Qt::RightButton && inPlot(event->position()))
            emit menuRequested(xAt(event->position()), event->globalPosition().toPoint());
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void ChartView::mouseDoubleClickEvent(QMouseEvent* event)
{
    emit resetRequested();
    event->accept();
}

void ChartView::leaveEvent(QEvent* event)
{
    emit left();
    QChartView::leaveEvent(event);
}

} // namespace ss
