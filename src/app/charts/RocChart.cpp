#include "RocChart.h"

#include "core/model/ClassificationMetrics.h"

#include <QLineSeries>

namespace ss {

RocChart::RocChart(QWidget* parent)
    : UnitSquareChart(tr("false positive rate"), tr("true positive rate"), tr("no skill"), parent),
      curve_(addLine(tr("model")))
{
    QPen pen = curve_->pen();
    pen.setWidthF(2);
    curve_->setPen(pen);
}

void RocChart::show(const ClassificationMetrics& metrics)
{
    QList<QPointF> points;
    for (const auto& p : metrics.rocCurve())
        points.append(QPointF(p.falsePositiveRate, p.truePositiveRate));
    curve_->replace(points);
    curve_->setName(metrics.rocAuc() ? tr("model, AUC %1").arg(*metrics.rocAuc(), 0, 'f', 3) : tr("model"));
}

void RocChart::clear()
{
    curve_->clear();
    curve_->setName(tr("model"));
}

} // namespace ss
