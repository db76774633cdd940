#pragma once

#include "UnitSquareChart.h"

namespace ss {

class ClassificationMetrics;

// The hold-out ROC curve: the share of up days called up against the share
// of other days called up, as the threshold on p_up falls.
class RocChart : public UnitSquareChart {
    Q_OBJECT
public:
    explicit RocChart(QWidget* parent = nullptr);

    void show(const ClassificationMetrics& metrics);
    void clear();
    QLineSeries* curve() const { return curve_; }

private:
    QLineSeries* curve_;
};

} // namespace ss
