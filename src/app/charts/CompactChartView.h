#pragma once

#include <QChartView>

namespace ss {

// A QChartView that keeps the minimum size its owner gave it. QChartView
// raises its minimum to its chart's (axis labels, legend, title) on every
// resize, so a dock, tab or splitter holding one only ever grows, taking
// room from the price chart each time a label gets longer; this one lets
// the chart's edges clip instead, as its owner sized it to avoid.
class CompactChartView : public QChartView {
    Q_OBJECT
public:
    explicit CompactChartView(QChart* chart, QWidget* parent = nullptr) : QChartView(chart, parent) {}

protected:
    void resizeEvent(QResizeEvent* event) override;
};

} // namespace ss
