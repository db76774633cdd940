#pragma once

#include "UnitSquareChart.h"

class QScatterSeries;

namespace ss {

class ClassificationMetrics;

// The hold-out reliability chart: in bins of equally many examples, the
// mean predicted p_up against the share that went up. The axes close in on
// the bins, since a stock model's calls rarely stray far from 0.5.
class CalibrationChart : public UnitSquareChart {
    Q_OBJECT
public:
    explicit CalibrationChart(QWidget* parent = nullptr);

    void show(const ClassificationMetrics& metrics);
    void clear();
    QLineSeries* bins() const { return bins_; }

private:
    QLineSeries* bins_;
};

} // namespace ss
