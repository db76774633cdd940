#include "AxisTicks.h"

#include <QCategoryAxis>
#include <QDateTimeAxis>
#include <QFontMetrics>
#include <QDateTime>
#include <QLocale>

#include <array>
#include <cmath>

namespace ss {

namespace {

constexpr double kDayMs = 86400e3;

double axisMs(const QDate& date)
{
    return static_cast<double>(QDateTime(date, QTime(0, 0)).toMSecsSinceEpoch());
}

QDate dateAt(double ms)
{
    return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::floor(ms))).date();
}

// The first date on or after `from` that is a multiple of `step` in the
// unit of `family`, then every step after it.
QDate firstRound(const QDate& from, AxisTicks::DateFamily family, int step)
{
    switch (family) {
    case AxisTicks::DateFamily::Years: {
        int year = from.year();
        if (from != QDate(year, 1, 1))
            ++year;
        year = static_cast<int>(std::ceil(year / static_cast<double>(step))) * step;
        return QDate(year, 1, 1);
    }
    case AxisTicks::DateFamily::Months: {
        QDate d(from.year(), from.month(), 1);
        if (d < from)
            d = d.addMonths(1);
        while ((d.month() - 1) % step != 0)
            d = d.addMonths(1);
        return d;
    }
    case AxisTicks::DateFamily::Days:
        return from;
    }
    Q_UNREACHABLE();
}

// Days of the month a step of `step` days ticks: 1, 1 + step, ... kept away
// from the month's end so that the 31st and the next 1st never crowd.
bool isRoundDay(int day, int step)
{
    return (day - 1) % step == 0 && (step == 1 || day + step / 2 <= 31);
}

} // namespace

double AxisTicks::niceStep(double span, int count)
{
    if (!(span > 0) || !std::isfinite(span))
        return 1;
    const double raw = span / std::max(count, 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0})
        if (m * magnitude >= raw * (1 - 1e-9))
            return m * magnitude;
    return 10 * magnitude;
}

std::vector<AxisTicks::Tick> AxisTicks::numbers(double lo, double hi, int count, const QString& suffix)
{
    std::vector<Tick> ticks;
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi))
        return ticks;
    const double step = niceStep(hi - lo, count);
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; ++k) {
        const double value = k * step;
        // -0 reads as a minus sign before nothing.
        ticks.push_back({value, QLocale().toString(value == 0 ? 0.0 : value, 'f', decimals) + suffix});
    }
    return ticks;
}

AxisTicks::DateFamily AxisTicks::dateFamily(double spanMs)
{
    if (spanMs > 3 * 365 * kDayMs)
        return DateFamily::Years;
    if (spanMs > 75 * kDayMs)
        return DateFamily::Months;
    return DateFamily::Days;
}

QString AxisTicks::dateFormat(DateFamily family)
{
    switch (family) {
    case DateFamily::Years:
        return QStringLiteral("yyyy");
    case DateFamily::Months:
        return QStringLiteral("MMM yyyy");
    case DateFamily::Days:
        return QStringLiteral("d MMM yyyy");
    }
    Q_UNREACHABLE();
}

std::vector<AxisTicks::Tick> AxisTicks::dates(double minMs, double maxMs, int count)
{
    std::vector<Tick> ticks;
    if (!(maxMs > minMs) || !std::isfinite(minMs) || !std::isfinite(maxMs))
        return ticks;
    const DateFamily family = dateFamily(maxMs - minMs);
    const QString format = dateFormat(family);
    const double span = maxMs - minMs;
    count = std::max(count, 2);
    // Steps in the family's unit, smallest first: the first that fits wins.
    std::vector<int> steps;
    double unitMs = kDayMs;
    switch (family) {
    case DateFamily::Years:
        steps = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500};
        unitMs = 365.25 * kDayMs;
        break;
    case DateFamily::Months:
        steps = {1, 2, 3, 6, 12};
        unitMs = 30.44 * kDayMs;
        break;
    case DateFamily::Days:
        steps = {1, 2, 5, 10, 15};
        break;
    }
    int step = steps.back();
    for (const int s : steps)
        if (span / (s * unitMs) <= count) {
            step = s;
            break;
        }
    const QDate last = dateAt(maxMs);
    for (QDate d = firstRound(dateAt(minMs), family, step); d.isValid() && d <= last;) {
        const double ms = axisMs(d);
        if (ms >= minMs && ms <= maxMs && (family != DateFamily::Days || isRoundDay(d.day(), step)))
            ticks.push_back({ms, QLocale::c().toString(d, format)});
        switch (family) {
        case DateFamily::Years:
            d = d.addYears(step);
            break;
        case DateFamily::Months:
            d = d.addMonths(step);
            break;
        case DateFamily::Days:
            d = d.addDays(1);
            break;
        }
    }
    return ticks;
}

void AxisTicks::fitDateTicks(QDateTimeAxis* axis, int width)
{
    // The widest day and month a format writes, and a gap between labels.
    const QString widest = QDateTime(QDate(2000, 9, 28), QTime(0, 0)).toString(axis->format());
    const int room = QFontMetrics(axis->labelsFont()).horizontalAdvance(widest) + 16;
    axis->setTickCount(std::clamp(width / std::max(room, 1), 2, 5));
}

void AxisTicks::apply(QCategoryAxis* axis, double lo, double hi, const std::vector<Tick>& ticks)
{
    // Relabelling lays the chart out again: only when the ticks change.
    const QStringList labels = axis->categoriesLabels();
    bool same = labels.size() == static_cast<qsizetype>(ticks.size());
    for (std::size_t i = 0; same && i < ticks.size(); ++i)
        same = labels[static_cast<qsizetype>(i)] == ticks[i].label && axis->endValue(ticks[i].label) == ticks[i].value;
    if (same && (ticks.empty() || axis->startValue() <= lo)) {
        axis->setRange(lo, hi);
        return;
    }
    for (const QString& label : labels)
        axis->remove(label);
    axis->setStartValue(ticks.empty() ? lo : std::min(lo, ticks.front().value) - 1e-9 * std::max(1.0, std::abs(lo)));
    for (const Tick& t : ticks)
        axis->append(t.label, t.value);
    axis->setRange(lo, hi);
}

} // namespace ss
