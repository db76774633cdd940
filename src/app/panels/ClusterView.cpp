#include "ClusterView.h"

#include "app/charts/ChartPalette.h"
#include "app/charts/ChartView.h"
#include "app/charts/CompactChartView.h"
#include "app/charts/TimeChart.h"

#include <QAreaSeries>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <limits>

namespace ss {

namespace {

QString tableRow(const QString& name, double figure, double baseline)
{
    return QStringLiteral("<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td></tr>")
        .arg(name, QString::number(figure, 'f', 4), QString::number(baseline, 'f', 4));
}

QString tallyTable(const QString& title, const RegressionTally& t)
{
    return QStringLiteral("<p><b>%1</b>: %2 predictions judged</p><table cellspacing=4>"
                          "<tr><th></th><th>regression</th><th>last close</th></tr>%3%4%5</table>")
        .arg(title, QLocale().toString(static_cast<qulonglong>(t.count)),
             tableRow(ClusterView::tr("MAE"), t.mae(), t.baselineMae()),
             tableRow(ClusterView::tr("RMSE"), t.rmse(), t.baselineRmse()),
             tableRow(ClusterView::tr("direction right"), t.directionalAccuracy(), t.baselineDirectionalAccuracy()));
}

} // namespace

ClusterView::ClusterView(QWidget* parent)
    : QStackedWidget(parent), map_(new CompactChartView(new QChart)), mapX_(new QValueAxis), mapY_(new QValueAxis),
      shares_(new TimeChart(QString())),
      prices_(new TimeChart(tr("Mean close: real and predicted (±1 RMSE)"), TimeChart::Scale::Log)),
      clusterChoice_(new QComboBox),
      figures_(new QLabel)
{
    auto* hint = new QLabel(tr("Clustering is off. Turn it on with Replay ▸ Online Learning… "
                               "(1 or more clusters): stocks are then grouped by their recent returns "
                               "as the replay runs, and each group learns a model of the next close."));
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    hint->setMargin(24);
    addWidget(hint);

    QChart* chart = map_->chart();
    chart->setTheme(ChartView::theme());
    chart->setTitle(tr("Stocks by recent returns"));
    map_->setToolTip(tr("Every stock placed by its recent returns on the first two principal axes of the "
                        "clusters' centres, coloured by its cluster: stocks close together moved alike"));
    chart->setMargins(QMargins(2, 2, 2, 2));
    // Numbers in a row above the map: a column beside it would take a third of a narrow dock.
    chart->legend()->setAlignment(Qt::AlignTop);
    ChartView::fitLegend(chart->legend());
    // The axes' units say nothing to a reader, only nearness does (the tooltip says so).
    mapX_->setLabelsVisible(false);
    mapY_->setLabelsVisible(false);
    chart->addAxis(mapX_, Qt::AlignBottom);
    chart->addAxis(mapY_, Qt::AlignLeft);
    map_->setMinimumSize(240, 160);

    errorBand_ = prices_->addBand(tr("±1 RMSE"));
    realPrice_ = prices_->addLine(tr("real"));
    predictedPrice_ = prices_->addLine(tr("predicted"));
    // The prediction is the last close moved by a small return: the two
    // lines nearly meet, so the real one is drawn wide under a dashed one.
    QPen wide = realPrice_->pen();
    wide.setWidthF(3);
    realPrice_->setPen(wide);
    QPen dashed = predictedPrice_->pen();
    dashed.setStyle(Qt::DashLine);
    predictedPrice_->setPen(dashed);
    clusterChoice_->setToolTip(tr("The cluster whose prices and errors are shown"));
    connect(clusterChoice_, &QComboBox::currentIndexChanged, this, [this] {
        showPrices();
        showFigures();
    });
    figures_->setTextFormat(Qt::RichText);
    figures_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    figures_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    figures_->setWordWrap(true);
    auto* figuresPage = new QScrollArea;
    figuresPage->setWidget(figures_);
    figuresPage->setWidgetResizable(true);
    figuresPage->setFrameShape(QFrame::NoFrame);

    auto* tabs = new QTabWidget;
    tabs->setDocumentMode(true);
    tabs->addTab(map_, tr("Map"));
    tabs->addTab(shares_, tr("Shares"));
    tabs->addTab(prices_, tr("Mean Close"));
    tabs->addTab(figuresPage, tr("Errors"));
    tabs->setTabToolTip(0, tr("Every stock on the centres' first two principal axes, coloured by its cluster"));
    tabs->setTabToolTip(1, tr("Each cluster's share of the stocks, batch by batch"));
    tabs->setTabToolTip(2, tr("The chosen cluster's mean close, real and predicted, on a log scale"));
    tabs->setTabToolTip(3, tr("The regression's errors against the last close, for the chosen cluster and all"));
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* choice = new QHBoxLayout;
    choice->addWidget(new QLabel(tr("Cluster:")));
    choice->addWidget(clusterChoice_, 1);
    layout->addLayout(choice);
    layout->addWidget(tabs, 1);
    addWidget(page);
}

bool ClusterView::showsHint() const
{
    return currentIndex() == 0;
}

void ClusterView::clear()
{
    update(nullptr);
}

void ClusterView::update(std::shared_ptr<const OnlineSnapshot> online)
{
    if (!online || !online->options.clusteringEnabled()) {
        online_.reset();
        setClusterCount(0);
        setCurrentIndex(0);
        return;
    }
    online_ = std::move(online);
    setClusterCount(online_->options.clustering.k);
    setCurrentIndex(1);
    showStocks();
    showShares();
    showPrices();
    showFigures();
}

void ClusterView::setClusterCount(int k)
{
    if (clusterCount() == k)
        return;
    QChart* chart = map_->chart();
    chart->removeAllSeries();
    stocks_.clear();
    shares_->removeAll();
    shareBands_.clear();
    const QSignalBlocker block(clusterChoice_);
    clusterChoice_->clear();
    for (int c = 0; c < k; ++c) {
        const QString name = tr("cluster %1").arg(c + 1);
        auto* series = new QScatterSeries;
        // The number alone: the legend's column beside the map is narrow.
        series->setName(QString::number(c + 1));
        series->setMarkerSize(6);
        series->setBorderColor(Qt::transparent);
        series->setColor(ChartPalette::categorical(static_cast<std::size_t>(c)));
        chart->addSeries(series);
        series->attachAxis(mapX_);
        series->attachAxis(mapY_);
        stocks_.push_back(series);
        if (c < kMaxSizeLines)
            shareBands_.push_back(shares_->addBand(name, ChartPalette::categorical(static_cast<std::size_t>(c))));
        clusterChoice_->addItem(name);
    }
    chart->legend()->setVisible(k <= kMaxSizeLines);
    // The map's legend names the colours for both.
    shares_->chart()->legend()->setVisible(false);
    shares_->chart()->setTitle(k <= kMaxSizeLines ? tr("Share of the stocks, %")
                                                  : tr("Share of the stocks, clusters 1 to %1, %").arg(kMaxSizeLines));
    shares_->setToolTip(tr("Each cluster's share of the stocks of the last %1 batches, stacked; colours as on the map")
                            .arg(kShareBatches));
}

void ClusterView::showStocks()
{
    const OnlineSnapshot& s = *online_;
    std::vector<QList<QPointF>> points(stocks_.size());
    double xMin = std::numeric_limits<double>::max(), xMax = std::numeric_limits<double>::lowest();
    double yMin = xMin, yMax = xMax;
    // Before the first batch there are no centres, and no projection.
    const std::size_t stocks = std::min(s.stockCluster.size(), s.stockProjection.size() / 2);
    for (std::size_t i = 0; i < stocks; ++i) {
        const int c = s.stockCluster[i];
        if (c < 0 || static_cast<std::size_t>(c) >= points.size())
            continue;
        const QPointF p(s.stockProjection[2 * i], s.stockProjection[2 * i + 1]);
        points[static_cast<std::size_t>(c)].append(p);
        xMin = std::min(xMin, p.x());
        xMax = std::max(xMax, p.x());
        yMin = std::min(yMin, p.y());
        yMax = std::max(yMax, p.y());
    }
    for (std::size_t c = 0; c < stocks_.size(); ++c)
        stocks_[c]->replace(points[c]);
    if (xMin > xMax)
        return;
    const double padX = std::max((xMax - xMin) * 0.05, 1e-3);
    const double padY = std::max((yMax - yMin) * 0.05, 1e-3);
    mapX_->setRange(xMin - padX, xMax + padX);
    mapY_->setRange(yMin - padY, yMax + padY);
}

// One batch holds a few stocks of each cluster at most: its shares jump
// from batch to batch, so each point is the shares of the stocks of the
// last kShareBatches batches together.
void ClusterView::showShares()
{
    const std::vector<ClusterFrame>& frames = online_->clusterHistory;
    std::vector<std::vector<QPointF>> edges(shareBands_.size() + 1);
    std::vector<std::size_t> sizes(shareBands_.size());
    std::size_t total = 0;
    const auto add = [&](const ClusterFrame& f, bool out) {
        for (std::size_t c = 0; c < f.sizes.size(); ++c) {
            const std::size_t n = f.sizes[c];
            total = out ? total - n : total + n;
            if (c < sizes.size())
                sizes[c] = out ? sizes[c] - n : sizes[c] + n;
        }
    };
    for (std::size_t i = 0; i < frames.size(); ++i) {
        add(frames[i], false);
        if (i >= kShareBatches)
            add(frames[i - kShareBatches], true);
        if (total == 0)
            continue;
        const double x = ChartView::axisValue(frames[i].time);
        double below = 0;
        edges[0].emplace_back(x, 0.0);
        for (std::size_t c = 0; c < sizes.size(); ++c) {
            below += 100.0 * static_cast<double>(sizes[c]) / static_cast<double>(total);
            edges[c + 1].emplace_back(x, below);
        }
    }
    for (std::size_t c = 0; c < shareBands_.size(); ++c)
        shares_->setBand(shareBands_[c], edges[c], edges[c + 1]);
    shares_->fitAxes(0, 100, "%.0f");
}

void ClusterView::showPrices()
{
    const int selected = clusterChoice_->currentIndex();
    if (!online_ || selected < 0)
        return;
    const auto c = static_cast<std::size_t>(selected);
    const double rmse = c < online_->clusterRegression.size() ? online_->clusterRegression[c].rmse() : 0.0;
    std::vector<QPointF> real, predicted, lower, upper;
    for (const ClusterFrame& f : online_->clusterHistory) {
        // A batch in which none of the cluster's predictions resolved has no prices.
        if (c >= f.resolved.size() || f.resolved[c] == 0)
            continue;
        const double x = ChartView::axisValue(f.time);
        real.emplace_back(x, f.realPrice[c]);
        predicted.emplace_back(x, f.predictedPrice[c]);
        // The regression predicts returns: one RMSE of a return is this far in price.
        lower.emplace_back(x, f.predictedPrice[c] * (1.0 - rmse));
        upper.emplace_back(x, f.predictedPrice[c] * (1.0 + rmse));
    }
    prices_->setLine(realPrice_, real);
    prices_->setLine(predictedPrice_, predicted);
    prices_->setBand(errorBand_, lower, upper);
    prices_->fitAxes(0, std::numeric_limits<double>::max(), "%.2f");
}

void ClusterView::showFigures()
{
    const int selected = clusterChoice_->currentIndex();
    if (!online_ || selected < 0)
        return;
    const OnlineSnapshot& s = *online_;
    QString text;
    if (static_cast<std::size_t>(selected) < s.clusterRegression.size())
        text += tallyTable(clusterChoice_->currentText(), s.clusterRegression[static_cast<std::size_t>(selected)]);
    text += tallyTable(tr("All clusters"), s.regression);
    text += tr("<p>%1 batches, %2 clusters split, %3 models restarted, %4 returns capped</p>")
                .arg(s.batches)
                .arg(s.splits)
                .arg(s.regressionRestarts)
                .arg(s.cappedReturns);
    figures_->setText(text);
}

QString ClusterView::figures() const
{
    return figures_->text();
}

} // namespace ss
