#include "OverviewChart.h"

#include "AccuracyLine.h"
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

qsizetype OverviewChart::points() const
{
    return line(0)->count();
}

void OverviewChart::update(const ReplaySnapshot& snapshot)
{
    if (!bringsNew(snapshot))
        return;
    // The first few calls say little and would stretch the scale.
    constexpr std::uint64_t kMinResolved = 200;
    const auto lines = linesOver(
        snapshot.overallOverTime, kLines.size(),
        [](const DatedTally& d, std::size_t i) { return accuracyOf(d.tally, kLines[i]); },
        [](const DatedTally& d) { return d.tally.resolved >= kMinResolved; });
    const auto range = draw(lines, {1, 0});
    if (!range)
        return;
    const auto [lo, hi] = *range;
    const double pad = std::max((hi - lo) * 0.05, 0.005);
    accuracyAxis_->setRange(std::max(0.0, lo - pad), std::min(1.0, hi + pad));
}

} // namespace ss
