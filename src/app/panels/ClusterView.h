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

// The Clusters view, one tab a chart so each reads in a narrow dock: every
// stock as a point on the centres' first two principal axes, coloured by
// its cluster; each cluster's share of the stocks batch by batch, stacked;
// one cluster's mean real and predicted close on a log scale with a band of
// one RMSE; and the regression's errors against the naive baseline. Says
// how to turn clustering on while it is off.
class ClusterView : public QStackedWidget {
    Q_OBJECT
public:
    // Clusters with a band of their own in the shares chart: more would be
    // too thin to read.
    static constexpr int kMaxSizeLines = 10;
    // Batches whose stocks make one point of the shares chart.
    static constexpr std::size_t kShareBatches = 20;

    explicit ClusterView(QWidget* parent = nullptr);

    // From a snapshot's online figures (nullopt while online learning is off).
    void update(std::shared_ptr<const OnlineSnapshot> online);
    void clear();

    bool showsHint() const;
    int clusterCount() const { return static_cast<int>(stocks_.size()); }
    QScatterSeries* stocks(int cluster) const { return stocks_[static_cast<std::size_t>(cluster)]; }
    // Cluster `cluster`'s share of the stocks in each batch, in percent:
    // the band between the shares of the clusters before it and its own.
    QAreaSeries* shareBand(int cluster) const { return shareBands_[static_cast<std::size_t>(cluster)]; }
    int shareBandCount() const { return static_cast<int>(shareBands_.size()); }
    QComboBox* clusterChoice() const { return clusterChoice_; }
    QLineSeries* realPrice() const { return realPrice_; }
    QLineSeries* predictedPrice() const { return predictedPrice_; }
    QAreaSeries* errorBand() const { return errorBand_; }
    QString figures() const;

private:
    void setClusterCount(int k);
    void showStocks();
    void showShares();
    void showPrices();
    void showFigures();

    std::shared_ptr<const OnlineSnapshot> online_;  // the latest, for a change of cluster
    QChartView* map_;
    QValueAxis* mapX_;
    QValueAxis* mapY_;
    std::vector<QScatterSeries*> stocks_;
    TimeChart* shares_;
    std::vector<QAreaSeries*> shareBands_;
    TimeChart* prices_;
    QAreaSeries* errorBand_ = nullptr;
    QLineSeries* realPrice_ = nullptr;
    QLineSeries* predictedPrice_ = nullptr;
    QComboBox* clusterChoice_;
    QLabel* figures_;
};

} // namespace ss
