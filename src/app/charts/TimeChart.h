#pragma once

#include <QChartView>

#include <vector>

class QAreaSeries;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace ss {

// A chart of a few lines over dates for the online views: each line is
// handed over whole, thinned to about two points a pixel and replaced in
// one go, and the axes fit what is shown.
class TimeChart : public QChartView {
    Q_OBJECT
public:
    explicit TimeChart(const QString& title, QWidget* parent = nullptr);

    QLineSeries* addLine(const QString& name);
    // A band between two lines, drawn under them.
    QAreaSeries* addBand(const QString& name);
    // Removes every line and band.
    void removeAll();
    // points sorted by x (ms on the date axis); the last one is always kept.
    void setLine(QLineSeries* line, const std::vector<QPointF>& points);
    void setBand(QAreaSeries* band, const std::vector<QPointF>& lower, const std::vector<QPointF>& upper);
    // Fits the axes to every line and band; yFloor and yCeiling bound the value axis.
    void fitAxes(double yFloor, double yCeiling, const char* labelFormat = "%.3f");

private:
    void attach(QAbstractSeries* series);
    QList<QPointF> thinned(const std::vector<QPointF>& points) const;

    QDateTimeAxis* timeAxis_;
    QValueAxis* valueAxis_;
};

} // namespace ss
