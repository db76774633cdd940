#include "RegularizationChart.h"

#include "ChartView.h"

#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace ss {

RegularizationChart::RegularizationChart(QWidget* parent)
    : CompactChartView(new QChart, parent), cAxis_(new QLogValueAxis), lossAxis_(new QValueAxis), curve_(new QLineSeries),
      best_(new QScatterSeries)
{
    QChart* chart = this->chart();  // given to QChartView: no default chart to leak
    chart->setTheme(ChartView::theme());
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    cAxis_->setBase(10);
    cAxis_->setLabelFormat(QStringLiteral("%g"));
    cAxis_->setTitleText(tr("C (inverse regularisation strength)"));
    lossAxis_->setTitleText(tr("walk-forward log loss"));
    lossAxis_->setLabelFormat(QStringLiteral("%.4f"));
    chart->addAxis(cAxis_, Qt::AlignBottom);
    chart->addAxis(lossAxis_, Qt::AlignLeft);
    curve_->setName(tr("validation log loss"));
    curve_->setPointsVisible(true);
    best_->setName(tr("chosen C"));
    best_->setMarkerSize(11);
    for (QXYSeries* series : std::initializer_list<QXYSeries*>{curve_, best_}) {
        chart->addSeries(series);
        series->attachAxis(cAxis_);
        series->attachAxis(lossAxis_);
    }
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(220, 200);
}

void RegularizationChart::show(const RegularizationSearch::Result& search)
{
    clear();
    if (search.curve.empty())
        return;
    double lo = search.curve.front().logLoss;
    double hi = lo;
    for (const auto& p : search.curve) {
        curve_->append(p.c, p.logLoss);
        if (p.c == search.bestC)
            best_->append(p.c, p.logLoss);
        lo = std::min(lo, p.logLoss);
        hi = std::max(hi, p.logLoss);
    }
    cAxis_->setRange(search.curve.front().c / 2, search.curve.back().c * 2);
    const double pad = std::max((hi - lo) * 0.1, 1e-5);
    lossAxis_->setRange(lo - pad, hi + pad);
}

void RegularizationChart::clear()
{
    curve_->clear();
    best_->clear();
}

} // namespace ss
