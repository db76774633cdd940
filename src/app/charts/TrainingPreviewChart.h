#pragma once

#include "core/data/StockSeries.h"

#include "CompactChartView.h"

#include <optional>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace ss {

// A small price chart of the series a model is about to be trained on,
// with the start of the chronological hold-out marked, so the user sees which years the
// model learns from and which it is judged on.
class TrainingPreviewChart : public CompactChartView {
    Q_OBJECT
public:
    explicit TrainingPreviewChart(QWidget* parent = nullptr);

    // splitTime: the first close of the hold-out; nullopt shows no split.
    void show(const StockSeries& series, std::optional<Timestamp> splitTime);
    void clear();
    QLineSeries* price() const { return price_; }
    QLineSeries* split() const { return split_; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void redraw();

    std::vector<QPointF> points_;
    std::optional<double> splitX_;
    QDateTimeAxis* timeAxis_;
    QValueAxis* priceAxis_;
    QLineSeries* price_;
    QLineSeries* split_;
};

} // namespace ss
