#pragma once

#include "core/data/Timestamp.h"

#include <QChartView>

class QDateTimeAxis;
class QGraphicsLineItem;

namespace ss {

// A chart on a date axis that the user zooms (wheel, rubber band) and pans
// (right or middle drag) along time, with a crosshair under the pointer.
// It only asks for a range: the owner decides, so charts above each other
// stay on the same dates and lines are decimated for the new range.
class ChartView : public QChartView {
    Q_OBJECT
public:
    explicit ChartView(QChart* chart, QDateTimeAxis* timeAxis, QWidget* parent = nullptr);

    // Where a data timestamp goes on a date axis: the same calendar date and
    // time in the local zone the axis labels with, so no date shifts.
    static double axisValue(Timestamp time);
    // Labels as fine as a span of the date axis needs, and no finer, so they fit.
    static QString dateFormat(double spanMs);
    // Light or dark, after the application's palette (which follows the system).
    static QChart::ChartTheme theme();
    static void fitLegend(QLegend* legend);

    double visibleMin() const;
    double visibleMax() const;
    // Puts the date axis on [min, max] without asking the owner back.
    void showRange(double min, double max);

signals:
    void rangeRequested(double min, double max);
    void resetRequested();
    // x in the date axis' units (ms), pos in global coordinates.
    void hovered(double x, QPoint globalPos);
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
    void moveCrosshair(QPointF viewPos);

    QDateTimeAxis* timeAxis_;
    QGraphicsLineItem* crosshair_;
    bool settingRange_ = false;
    bool panning_ = false;
    QPointF panStart_;
    double panMin_ = 0;
    double panMax_ = 0;
};

} // namespace ss
