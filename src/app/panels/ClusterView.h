#pragma once

#include "core/online/OnlineSnapshot.h"

#include <QStackedWidget>

#include <memory>
#include <vector>

class QAreaSeries;
class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace ss {

class TimeChart;

// The Clusters view: every stock as a point on the centres' first two
// principal axes, coloured by its cluster; the clusters' sizes batch by
// batch; one cluster's mean real and predicted close with a band of one
// RMSE; and the regression's errors against the naive baseline. Says how
// to turn clustering on while it is off.
class ClusterView : public QStackedWidget {
    Q_OBJECT
public:
    // Clusters with a line of their own in the sizes chart: more would be
    // a tangle no one can read.
    static constexpr int kMaxSizeLines = 10;

    explicit ClusterView(QWidget* parent = nullptr);

    // From a snapshot's online figures (nullopt while online learning is off).
    void update(std::shared_ptr<const OnlineSnapshot> online);
    void clear();

    bool showsHint() const;
    int clusterCount() const { return static_cast<int>(stocks_.size()); }
    QScatterSeries* stocks(int cluster) const { return stocks_[static_cast<std::size_t>(cluster)]; }
    QLineSeries* sizeLine(int cluster) const { return sizeLines_[static_cast<std::size_t>(cluster)]; }
    int sizeLineCount() const { return static_cast<int>(sizeLines_.size()); }
    QComboBox* clusterChoice() const { return clusterChoice_; }
    QLineSeries* realPrice() const { return realPrice_; }
    QLineSeries* predictedPrice() const { return predictedPrice_; }
    QAreaSeries* errorBand() const { return errorBand_; }
    QString figures() const;

private:
    void setClusterCount(int k);
    void showStocks();
    void showSizes();
    void showPrices();
    void showFigures();

    std::shared_ptr<const OnlineSnapshot> online_;  // the latest, for a change of cluster
    QChartView* map_;
    QValueAxis* mapX_;
    QValueAxis* mapY_;
    std::vector<QScatterSeries*> stocks_;
    TimeChart* sizes_;
    std::vector<QLineSeries*> sizeLines_;
    TimeChart* prices_;
    QAreaSeries* errorBand_ = nullptr;
    QLineSeries* realPrice_ = nullptr;
    QLineSeries* predictedPrice_ = nullptr;
    QComboBox* clusterChoice_;
    QLabel* figures_;
};

} // namespace ss
