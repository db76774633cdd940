#include "HoldOutVerdict.h"

#include "core/model/ClassificationMetrics.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <array>

namespace ss {

HoldOutVerdict HoldOutVerdict::of(const ClassificationMetrics& holdOut)
{
    const Tally& t = holdOut.tally();
    return judge(t.accuracy(), holdOut.accuracyLow(), {t.alwaysUpAccuracy(), t.alwaysDownAccuracy(), t.lastMoveAccuracy()},
                 holdOut.examples());
}

std::optional<HoldOutVerdict> HoldOutVerdict::fromJson(const QJsonObject& holdOut)
{
    const QJsonObject b = holdOut.value(QLatin1String("baselines")).toObject();
    const QJsonValue figures[] = {holdOut.value(QLatin1String("accuracy")), holdOut.value(QLatin1String("accuracy_ci95"))[0],
                                  b.value(QLatin1String("always_up")), b.value(QLatin1String("always_down")),
                                  b.value(QLatin1String("same_as_last_move")), holdOut.value(QLatin1String("examples"))};
    if (!std::all_of(std::begin(figures), std::end(figures), [](const QJsonValue& v) { return v.isDouble(); }))
        return std::nullopt;
    return judge(figures[0].toDouble(), figures[1].toDouble(),
                 {figures[2].toDouble(), figures[3].toDouble(), figures[4].toDouble()},
                 static_cast<std::size_t>(std::max<qint64>(0, figures[5].toInteger())));
}

HoldOutVerdict HoldOutVerdict::judge(double accuracy, double accuracyLow, const std::array<double, 3>& baselines,
                                     std::size_t examples)
{
    HoldOutVerdict v;
    const auto best = std::max_element(baselines.begin(), baselines.end());
    v.best = static_cast<Baseline>(best - baselines.begin());
    v.bestAccuracy = *best;
    v.accuracy = accuracy;
    v.examples = examples;
    if (v.accuracy <= v.bestAccuracy)
        v.kind = NotBetter;
    else if (accuracyLow <= v.bestAccuracy)
        v.kind = NotClearlyBetter;
    else
        v.kind = Better;
    return v;
}

QString HoldOutVerdict::percent(double share)
{
    return QLocale().toString(share * 100, 'f', 2) + QStringLiteral(" %");
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
