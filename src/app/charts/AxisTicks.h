#pragma once

#include <QString>

#include <algorithm>
#include <vector>

class QCategoryAxis;
class QDateTimeAxis;

namespace ss {

// Where an axis puts its ticks, and what they read: round numbers (1, 2 or
// 5 × 10^k) and round dates (1 Jan, the first of a month, days 1, 11, 21...),
// labelled in one format for the whole axis, chosen by the visible span.
class AxisTicks {
public:
    struct Tick {
        double value;
        QString label;
    };
    enum class DateFamily { Years, Months, Days };

    // The 1, 2 or 5 × 10^k step that cuts `span` into at most `count` steps.
    static double niceStep(double span, int count);
    // The multiples of niceStep(hi - lo, count) within [lo, hi], labelled
    // with as many decimals as the step needs, followed by `suffix`.
    static std::vector<Tick> numbers(double lo, double hi, int count, const QString& suffix = {});
    // Years past a few of them, months past a couple, days under that.
    static DateFamily dateFamily(double spanMs);
    static QString dateFormat(DateFamily family);
    static QString dateFormat(double spanMs) { return dateFormat(dateFamily(spanMs)); }
    // Sets the date labels `axis` has room for across `width` pixels, 2 to
    // 5, as wide as its format writes them ("Mar 1963", "31 May 1962").
    static void fitDateTicks(QDateTimeAxis* axis, int width);
    // Round dates within [minMs, maxMs] on a date axis' scale (local wall
    // time, as ChartView::axisValue places the data), at most about `count`.
    static std::vector<Tick> dates(double minMs, double maxMs, int count);
    // Labels `axis` on [lo, hi] with `ticks`, one grid line each.
    static void apply(QCategoryAxis* axis, double lo, double hi, const std::vector<Tick>& ticks);
};

} // namespace ss
