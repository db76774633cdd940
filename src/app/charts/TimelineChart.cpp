#include "TimelineChart.h"

#include "AxisTicks.h"
#include "ChartView.h"
#include "core/stream/ReplaySnapshot.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegend>
#include <QLineSeries>

#include <algorithm>

namespace ss {

namespace {

// A legend marker's square and the gaps around its name.
constexpr int kLegendMarkerRoom = 26;

} // namespace

// The chart goes to QChartView's constructor: QChartView(parent) would make
// a default chart that setChart() then abandons without deleting.
TimelineChart::TimelineChart(const QString& title, QAbstractAxis* valueAxis, QWidget* parent)
    : CompactChartView(new QChart, parent), timeAxis_(new QDateTimeAxis), valueAxis_(valueAxis)
{
    QChart* chart = this->chart();
    chart->setTheme(ChartView::theme());
    chart->setTitle(title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignTop);
    ChartView::fitLegend(chart->legend());
    timeAxis_->setFormat(QStringLiteral("yyyy-MM-dd"));
    timeAxis_->setTickCount(5);
    chart->addAxis(timeAxis_, Qt::AlignBottom);
    chart->addAxis(valueAxis_, Qt::AlignLeft);
    timeAxis_->setVisible(false);
    valueAxis_->setVisible(false);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(200, 160);
}

QLineSeries* TimelineChart::addLine(const QString& name, const QString& shortName)
{
    auto* series = new QLineSeries;
    series->setName(name);
    chart()->addSeries(series);
    series->attachAxis(timeAxis_);
    series->attachAxis(valueAxis_);
    lines_.push_back(series);
    names_.emplace_back(name, shortName);
    fitToWidth();
    return series;
}

bool TimelineChart::bringsNew(const ReplaySnapshot& snapshot)
{
    if (snapshot.progress.processed == drawnProcessed_)
        return false;
    drawnProcessed_ = snapshot.progress.processed;
    return true;
}

void TimelineChart::clear()
{
    drawnProcessed_ = 0;
    for (QLineSeries* line : lines_)
        line->clear();
    timeAxis_->setVisible(false);
    valueAxis_->setVisible(false);
}

std::optional<std::pair<double, double>> TimelineChart::draw(const std::vector<QList<QPointF>>& lines,
                                                             std::pair<double, double> range)
{
    if (lines.empty() || lines.front().isEmpty())
        return std::nullopt;
    auto& [lo, hi] = range;
    for (std::size_t i = 0; i < lines_.size() && i < lines.size(); ++i) {
        for (const QPointF& p : lines[i]) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
        lines_[i]->replace(lines[i]);
    }
    const double from = lines.front().front().x();
    const double to = std::max(lines.front().back().x(), from + 86400e3);
    timeAxis_->setFormat(AxisTicks::dateFormat(to - from));
    AxisTicks::fitDateTicks(timeAxis_, width());
    timeAxis_->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(from)),
                        QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(to)));
    timeAxis_->setVisible(true);
    valueAxis_->setVisible(true);
    return range;
}

void TimelineChart::resizeEvent(QResizeEvent* event)
{
    CompactChartView::resizeEvent(event);
    fitToWidth();
}

void TimelineChart::fitToWidth()
{
    AxisTicks::fitDateTicks(timeAxis_, width());
    const QFontMetrics metrics(chart()->legend()->font());
    int needed = 0;
    for (const auto& [name, shortName] : names_)
        needed += metrics.horizontalAdvance(name) + kLegendMarkerRoom;
    const bool narrow = needed > width();
    QStringList full;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        lines_[i]->setName(narrow ? names_[i].second : names_[i].first);
        full << names_[i].first;
    }
    setToolTip(narrow ? full.join(QStringLiteral(", ")) : QString());
}

} // namespace ss
