#include "HoldOutVerdict.h"

#include "core/model/ClassificationMetrics.h"

#include <QLocale>

#include <algorithm>
#include <array>

namespace ss {

namespace {

QString percent(double v)
{
    return QLocale().toString(v * 100, 'f', 2) + QStringLiteral(" %");
}

} // namespace

HoldOutVerdict HoldOutVerdict::of(const ClassificationMetrics& holdOut)
{
    const Tally& t = holdOut.tally();
    const std::array<double, 3> baselines{t.alwaysUpAccuracy(), t.alwaysDownAccuracy(), t.lastMoveAccuracy()};
    HoldOutVerdict v;
    const auto best = std::max_element(baselines.begin(), baselines.end());
    v.best = static_cast<Baseline>(best - baselines.begin());
    v.bestAccuracy = *best;
    v.accuracy = t.accuracy();
    v.examples = holdOut.examples();
    if (v.accuracy <= v.bestAccuracy)
        v.kind = NotBetter;
    else if (holdOut.accuracyLow() <= v.bestAccuracy)
        v.kind = NotClearlyBetter;
    else
        v.kind = Better;
    return v;
}

QString HoldOutVerdict::baselineName(Baseline baseline)
{
    switch (baseline) {
    case AlwaysUp: return tr("always-up");
    case AlwaysDown: return tr("always-down");
    default: return tr("same-as-last-move");
    }
}

QString HoldOutVerdict::text() const
{
    QString text;
    switch (kind) {
    case NotBetter:
        text = tr("<b>Not better than a naive baseline.</b> On the %1 held-out days the model is right %2 of the "
                  "time; %3 is right %4. Calling %3 every day would do as well.");
        break;
    case NotClearlyBetter:
        text = tr("<b>Not clearly better than a naive baseline.</b> On the %1 held-out days the model is right %2 "
                  "of the time against %4 for %3, but %4 lies inside the model's 95% interval: the lead may be "
                  "chance.");
        break;
    case Better:
        text = tr("<b>Better than all three naive baselines.</b> On the %1 held-out days the model is right %2 of "
                  "the time; the best baseline, %3, is right %4, below the model's 95% interval.");
        break;
    }
    return text.arg(QLocale().toString(static_cast<qulonglong>(examples)), percent(accuracy), baselineName(best),
                    percent(bestAccuracy));
}

} // namespace ss
