#include "ChartView.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLineItem>
#include <QLegend>
#include <QGuiApplication>
#include <QMouseEvent>
#include <QStyleHints>
#include <QWheelEvent>

#include <cmath>

namespace ss {

namespace {
constexpr double kWheelZoomPerNotch = 0.8;
constexpr double kMinimumSpanMs = 3 * 86400e3;
} // namespace

ChartView::ChartView(QChart* chart, QDateTimeAxis* timeAxis, QWidget* parent)
    : QChartView(chart, parent), timeAxis_(timeAxis), crosshair_(new QGraphicsLineItem(chart))
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setMouseTracking(true);
    crosshair_->setPen(QPen(palette().color(QPalette::Mid), 0, Qt::DashLine));
    crosshair_->setZValue(100);
    crosshair_->hide();
    fitLegend(chart->legend());
    // A rubber band zooms the chart itself; turn that into a request.
    connect(timeAxis_, &QDateTimeAxis::rangeChanged, this, [this](const QDateTime& min, const QDateTime& max) {
        if (!settingRange_)
            emit rangeRequested(static_cast<double>(min.toMSecsSinceEpoch()), static_cast<double>(max.toMSecsSinceEpoch()));
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

QString ChartView::dateFormat(double spanMs)
{
    constexpr double kDayMs = 86400e3;
    if (spanMs > 4 * 365 * kDayMs)
        return QStringLiteral("yyyy");
    if (spanMs > 90 * kDayMs)
        return QStringLiteral("MMM yyyy");
    return QStringLiteral("d MMM yy");
}

QChart::ChartTheme ChartView::theme()
{
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                               : QChart::ChartThemeLight;
}

double ChartView::visibleMin() const
{
    return static_cast<double>(timeAxis_->min().toMSecsSinceEpoch());
}

double ChartView::visibleMax() const
{
    return static_cast<double>(timeAxis_->max().toMSecsSinceEpoch());
}

void ChartView::showRange(double min, double max)
{
    settingRange_ = true;
    timeAxis_->setFormat(dateFormat(max - min));
    timeAxis_->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(min)),
                        QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(max)));
    settingRange_ = false;
}

double ChartView::xAt(QPointF viewPos) const
{
    const QRectF plot = chart()->plotArea();
    const QPointF p = chart()->mapFromScene(mapToScene(viewPos.toPoint()));
    const double fraction = plot.width() > 0 ? (p.x() - plot.left()) / plot.width() : 0;
    return visibleMin() + fraction * (visibleMax() - visibleMin());
}

void ChartView::moveCrosshair(QPointF viewPos)
{
    const QRectF plot = chart()->plotArea();
    const QPointF p = chart()->mapFromScene(mapToScene(viewPos.toPoint()));
    if (!plot.contains(p)) {
        crosshair_->hide();
        return;
    }
    crosshair_->setLine(p.x(), plot.top(), p.x(), plot.bottom());
    crosshair_->show();
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
    if (max - min >= kMinimumSpanMs)
        emit rangeRequested(min, max);
    event->accept();
}

void ChartView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
        panning_ = true;
        panStart_ = event->position();
        panMin_ = visibleMin();
        panMax_ = visibleMax();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void ChartView::mouseMoveEvent(QMouseEvent* event)
{
    moveCrosshair(event->position());
    if (panning_) {
        const double width = chart()->plotArea().width();
        if (width > 0) {
            const double shift = (panStart_.x() - event->position().x()) / width * (panMax_ - panMin_);
            emit rangeRequested(panMin_ + shift, panMax_ + shift);
        }
        event->accept();
        return;
    }
    if (chart()->plotArea().contains(chart()->mapFromScene(mapToScene(event->position().toPoint()))))
        emit hovered(xAt(event->position()), event->globalPosition().toPoint());
    QChartView::mouseMoveEvent(event);
}

void ChartView::mouseReleaseEvent(QMouseEvent* event)
{
    if (panning_ && (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton)) {
        panning_ = false;
        unsetCursor();
        if (event->button() == Qt::RightButton
            && (event->position() - panStart_).manhattanLength() < QGuiApplication::styleHints()->startDragDistance())
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
    crosshair_->hide();
    QChartView::leaveEvent(event);
}

} // namespace ss
