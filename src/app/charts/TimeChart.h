#pragma once

#include "CompactChartView.h"

#include <QColor>

#include <vector>

class QAreaSeries;
class QDateTimeAxis;
class QLineSeries;
class QAbstractAxis;

namespace ss {

// A chart of a few lines over dates for the online views: each line is
// handed over whole, thinned to about two points a pixel and replaced in
// one go, and the axes fit what is shown.
class TimeChart : public CompactChartView {
    Q_OBJECT
public:
    enum class Scale { Linear, Log };
    explicit TimeChart(const QString& title, Scale scale = Scale::Linear, QWidget* parent = nullptr);

    QLineSeries* addLine(const QString& name);
    // A band between two lines, drawn under them, filled with `fill` (a
    // light shade of the palette's highlight when invalid).
    QAreaSeries* addBand(const QString& name, QColor fill = {});
    // Removes every line and band.
    void removeAll();
    // points sorted by x (ms on the date axis); the last one is always kept.
    void setLine(QLineSeries* line, const std::vector<QPointF>& points);
    void setBand(QAreaSeries* band, const std::vector<QPointF>& lower, const std::vector<QPointF>& upper);
    // Fits the axes to every line and band, and shows them while there are
    // points; yFloor and yCeiling bound the value axis.
    void fitAxes(double yFloor, double yCeiling, const char* labelFormat = "%.3f");

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void attach(QAbstractSeries* series);
    QList<QPointF> thinned(const std::vector<QPointF>& points) const;

    QDateTimeAxis* timeAxis_;
    QAbstractAxis* valueAxis_;
};

} // namespace ss
