#include "CalibrationChart.h"

#include "core/model/ClassificationMetrics.h"

#include <QLineSeries>

#include <algorithm>
#include <cmath>

namespace ss {

CalibrationChart::CalibrationChart(QWidget* parent)
    : UnitSquareChart(tr("mean predicted p_up"), tr("share up"), tr("calibrated"), parent),
      bins_(addLine(tr("model, %1 bins").arg(ClassificationMetrics::kCalibrationBins)))
{
    bins_->setPointsVisible(true);
    QPen pen = bins_->pen();
    pen.setWidthF(2);
    bins_->setPen(pen);
}

void CalibrationChart::show(const ClassificationMetrics& metrics)
{
    QList<QPointF> points;
    double lo = 1;
    double hi = 0;
    for (const auto& b : metrics.calibration()) {
        points.append(QPointF(b.meanPredicted, b.observedUp));
        lo = std::min({lo, b.meanPredicted, b.observedUp});
        hi = std::max({hi, b.meanPredicted, b.observedUp});
    }
    bins_->replace(points);
    if (points.isEmpty()) {
        setRange(0, 1);
        return;
    }
    // Out to multiples of 0.05, so the ticks land on readable values.
    constexpr double kStep = 0.05;
    setRange(std::max(0.0, std::floor(lo / kStep) * kStep), std::min(1.0, std::ceil(hi / kStep) * kStep + 1e-9));
}

void CalibrationChart::clear()
{
    bins_->clear();
    setRange(0, 1);
}

} // namespace ss
