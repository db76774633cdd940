#pragma once

#include "core/model/RegularizationSearch.h"

#include "CompactChartView.h"

class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QValueAxis;

namespace ss {

// The walk-forward search over C: validation log loss against C on a log
// axis, the chosen C marked.
class RegularizationChart : public CompactChartView {
    Q_OBJECT
public:
    explicit RegularizationChart(QWidget* parent = nullptr);

    void show(const RegularizationSearch::Result& search);
    void clear();
    QLineSeries* curve() const { return curve_; }

private:
    QLogValueAxis* cAxis_;
    QValueAxis* lossAxis_;
    QLineSeries* curve_;
    QScatterSeries* best_;
};

} // namespace ss
