#pragma once

#include "CompactChartView.h"

class QLineSeries;
class QValueAxis;

namespace ss {

// A small chart of rates or probabilities against each other, with the
// diagonal that a model of no skill (ROC) or perfect calibration follows.
class UnitSquareChart : public CompactChartView {
    Q_OBJECT
protected:
    UnitSquareChart(const QString& xTitle, const QString& yTitle, const QString& diagonalName, QWidget* parent);

    // A line on the chart's axes; the chart owns it.
    QLineSeries* addLine(const QString& name);
    // Both axes on [min, max], the diagonal across them.
    void setRange(double min, double max);

private:
    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
    QLineSeries* diagonal_;
};

} // namespace ss
