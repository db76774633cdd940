#include "OverviewChart.h"

#include "AccuracyLine.h"
#include "core/stream/ReplaySnapshot.h"

#include <QValueAxis>

#include <algorithm>
#include <array>

namespace ss {

OverviewChart::OverviewChart(QWidget* parent)
    : TimelineChart(tr("All stocks: running accuracy"), new QValueAxis, parent),
      accuracyAxis_(static_cast<QValueAxis*>(chart()->axes(Qt::Vertical).front()))
{
    accuracyAxis_->setLabelFormat(QStringLiteral("%.3f"));
    accuracyAxis_->setTickCount(3);
    const std::array<AccuracyLine, TimelineSeries::kLines> kinds{AccuracyLine::Model, AccuracyLine::AlwaysUp,
                                                                 AccuracyLine::AlwaysDown, AccuracyLine::LastMove};
    for (const AccuracyLine kind : kinds)
        styleAccuracyLine(addLine(), kind);
    setMinimumHeight(200);
}

void OverviewChart::update(const ReplaySnapshot& snapshot)
{
    const Tally& t = snapshot.overall;
    // The first few calls say little and would stretch the scale.
    constexpr std::uint64_t kMinResolved = 200;
    const auto range = sample(snapshot, t.resolved >= kMinResolved,
                              {t.accuracy(), t.alwaysUpAccuracy(), t.alwaysDownAccuracy(), t.lastMoveAccuracy()},
                              {1, 0});
    if (!range)
        return;
    const auto [lo, hi] = *range;
    const double pad = std::max((hi - lo) * 0.05, 0.005);
    accuracyAxis_->setRange(std::max(0.0, lo - pad), std::min(1.0, hi + pad));
}

} // namespace ss
