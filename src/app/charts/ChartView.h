#pragma once

#include "AxisTicks.h"
#include "core/data/Timestamp.h"

#include <QChartView>

class QCategoryAxis;
class QGraphicsLineItem;

namespace ss {

// A chart on a date axis that the user zooms (wheel, rubber band) and pans
// (right or middle drag) along time, with a crosshair that follows the
// pointer here and is placed by the owner in the charts beside it. It only
// asks for a range: the owner decides, so charts above each other stay on
// the same dates and lines are decimated for the new range.
class ChartView : public QChartView {
    Q_OBJECT
public:
    // The owner labels the date axis (a trading-day axis counts days, not
    // milliseconds, so only it knows where a date falls).
    explicit ChartView(QChart* chart, QCategoryAxis* timeAxis, QWidget* parent = nullptr);

    // Where a data timestamp goes on a date axis: the same calendar date and
    // time in the local zone the axis labels with, so no date shifts.
    static double axisValue(Timestamp time);
    // The timestamp of a date axis' value: axisValue()'s inverse.
    static Timestamp timeOf(double axisValue);
    // Light or dark, after the application's palette (which follows the system).
    static QChart::ChartTheme theme();
    static void fitLegend(QLegend* legend);

    double visibleMin() const;
    double visibleMax() const;
    // Puts the date axis on [min, max] without asking the owner back,
    // labelled with `ticks` (values on the axis).
    void showRange(double min, double max, const std::vector<AxisTicks::Tick>& ticks);
    // The narrowest span the wheel zooms to, in the axis' units.
    void setMinimumSpan(double span) { minimumSpan_ = span; }
    // The vertical line at x (the axis' units), or none.
    void showCrosshair(double x);
    void hideCrosshair();
    bool crosshairShown() const;
    double crosshairX() const { return crosshairX_; }

signals:
    void rangeRequested(double min, double max);
    void resetRequested();
    // x in the date axis' units, pos in global coordinates.
    void hovered(double x, QPoint globalPos);
    void left();
    // A right click that did not drag.
    void menuRequested(double x, QPoint globalPos);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    double xAt(QPointF viewPos) const;
    bool inPlot(QPointF viewPos) const;

    QCategoryAxis* timeAxis_;
    QGraphicsLineItem* crosshair_;
    double crosshairX_ = 0;
    double minimumSpan_ = 3 * 86400e3;
    bool settingRange_ = false;
    bool panning_ = false;
    bool panned_ = false;
    QPointF panStart_;
    double panMin_ = 0;
    double panMax_ = 0;
};

} // namespace ss
