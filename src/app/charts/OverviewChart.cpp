#include "OverviewChart.h"

#include "AccuracyLine.h"
#include "ChartView.h"
#include "core/stream/ReplaySnapshot.h"

#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <array>

namespace ss {

namespace {

constexpr std::array<AccuracyLine, 4> kLines{AccuracyLine::Model, AccuracyLine::AlwaysUp, AccuracyLine::AlwaysDown,
                                             AccuracyLine::LastMove};

double accuracyOf(const Tally& t, AccuracyLine line)
{
    switch (line) {
    case AccuracyLine::AlwaysUp: return t.alwaysUpAccuracy();
    case AccuracyLine::AlwaysDown: return t.alwaysDownAccuracy();
    case AccuracyLine::LastMove: return t.lastMoveAccuracy();
    case AccuracyLine::Model:
    case AccuracyLine::OnlineModel: break;
    }
    return t.accuracy();
}

} // namespace

OverviewChart::OverviewChart(QWidget* parent)
    : TimelineChart(tr("All stocks: running accuracy"), new QValueAxis, parent),
      accuracyAxis_(static_cast<QValueAxis*>(chart()->axes(Qt::Vertical).front()))
{
    accuracyAxis_->setLabelFormat(QStringLiteral("%.3f"));
    accuracyAxis_->setTickCount(3);
    for (const AccuracyLine kind : kLines)
        styleAccuracyLine(addLine(accuracyLineName(kind), accuracyLineShortName(kind)), kind);
    setMinimumHeight(200);
}

void OverviewChart::clear()
{
    TimelineChart::clear();
    drawnProcessed_ = 0;
}

qsizetype OverviewChart::points() const
{
    return line(0)->count();
}

void OverviewChart::update(const ReplaySnapshot& snapshot)
{
    if (snapshot.progress.processed == drawnProcessed_)
        return;
    drawnProcessed_ = snapshot.progress.processed;
    // The first few calls say little and would stretch the scale.
    constexpr std::uint64_t kMinResolved = 200;
    std::vector<QList<QPointF>> lines(kLines.size());
    double lastX = 0;
    for (const DatedTally& d : snapshot.overallOverTime) {
        const double x = ChartView::axisValue(d.time);
        if (d.tally.resolved < kMinResolved || (!lines[0].isEmpty() && x <= lastX))
            continue;
        lastX = x;
        for (std::size_t i = 0; i < kLines.size(); ++i)
            lines[i].append({x, accuracyOf(d.tally, kLines[i])});
    }
    const auto range = draw(lines, {1, 0});
    if (!range)
        return;
    const auto [lo, hi] = *range;
    const double pad = std::max((hi - lo) * 0.05, 0.005);
    accuracyAxis_->setRange(std::max(0.0, lo - pad), std::min(1.0, hi + pad));
}

} // namespace ss
