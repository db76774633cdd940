#include "ReplayTimeline.h"

#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>
#include <QStyleOptionSlider>

#include <array>

namespace ss {

namespace {

QDate dateOf(Timestamp time)
{
    return QDateTime::fromSecsSinceEpoch(time, Qt::UTC).date();
}

} // namespace

ReplayTimeline::ReplayTimeline(QWidget* parent) : QSlider(Qt::Horizontal, parent)
{
    setObjectName(QStringLiteral("replayTimeline"));
}

void ReplayTimeline::setSpan(Timestamp first, Timestamp last)
{
    first_ = first;
    last_ = last;
    update();
}

int ReplayTimeline::labelRoom() const
{
    return fontMetrics().height();
}

QSize ReplayTimeline::sizeHint() const
{
    return QSlider::sizeHint() + QSize(0, labelRoom());
}

QSize ReplayTimeline::minimumSizeHint() const
{
    return QSlider::minimumSizeHint() + QSize(0, labelRoom());
}

void ReplayTimeline::initStyleOption(QStyleOptionSlider* option) const
{
    QSlider::initStyleOption(option);
    option->rect.setHeight(std::max(0, height() - labelRoom()));
}

QRect ReplayTimeline::part(QStyle::SubControl control) const
{
    QStyleOptionSlider opt;
    initStyleOption(&opt);
    return style()->subControlRect(QStyle::CC_Slider, &opt, control, this);
}

int ReplayTimeline::xOf(int value) const
{
    const QRect groove = part(QStyle::SC_SliderGroove);
    const int handle = part(QStyle::SC_SliderHandle).width();
    return groove.x() + handle / 2
         + QStyle::sliderPositionFromValue(minimum(), maximum(), value, groove.width() - handle);
}

int ReplayTimeline::valueAt(int x) const
{
    const QRect groove = part(QStyle::SC_SliderGroove);
    const int handle = part(QStyle::SC_SliderHandle).width();
    return QStyle::sliderValueFromPosition(minimum(), maximum(), x - groove.x() - handle / 2,
                                           groove.width() - handle);
}

std::vector<ReplayTimeline::Tick> ReplayTimeline::ticks() const
{
    if (last_ <= first_)
        return {};
    const QDate first = dateOf(first_);
    const QDate last = dateOf(last_);
    const int months = (last.year() - first.year()) * 12 + last.month() - first.month();
    // Steps in months: yearly ones label the year alone.
    constexpr std::array<int, 11> steps{1, 3, 6, 12, 24, 60, 120, 240, 300, 600, 1200};
    const int labelWidth = fontMetrics().horizontalAdvance(QStringLiteral("Mmm 0000")) * 3 / 2;
    const int room = std::max(1, width() / std::max(1, labelWidth));
    int step = steps.back();
    for (const int s : steps)
        if (months / s + 1 <= room) {
            step = s;
            break;
        }
    // The first date on the step past the span's start: January of a year
    // that is a multiple of the step in years, or a month on the step.
    QDate date(first.year(), 1, 1);
    if (step >= 12)
        date = QDate(first.year() - first.year() % (step / 12), 1, 1);
    while (date < first)
        date = date.addMonths(step);
    std::vector<Tick> ticks;
    const double span = static_cast<double>(last_ - first_);
    for (; date <= last; date = date.addMonths(step)) {
        const Timestamp time = timestamp::fromCivil(date.year(), date.month(), date.day());
        const int value = minimum() + static_cast<int>((time - first_) / span * (maximum() - minimum()));
        ticks.push_back({value, step >= 12 ? QString::number(date.year()) : date.toString(QStringLiteral("MMM yyyy"))});
    }
    return ticks;
}

void ReplayTimeline::paintEvent(QPaintEvent* event)
{
    QSlider::paintEvent(event);
    const auto marks = ticks();
    if (marks.empty())
        return;
    QPainter painter(this);
    painter.setPen(palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::WindowText));
    const int baseline = height() - fontMetrics().descent();
    const int tickTop = height() - labelRoom() - 2;
    for (const Tick& tick : marks) {
        const int x = xOf(tick.value);
        painter.drawLine(x, tickTop, x, tickTop + 2);
        const int w = fontMetrics().horizontalAdvance(tick.label);
        painter.drawText(std::clamp(x - w / 2, 0, std::max(0, width() - w)), baseline, tick.label);
    }
}

void ReplayTimeline::mousePressEvent(QMouseEvent* event)
{
    // The handle jumps under the pointer first, so the press takes hold of
    // it: the release then seeks there, as the end of a drag does.
    const QPoint at = event->position().toPoint();
    if (event->button() == Qt::LeftButton && isEnabled() && !part(QStyle::SC_SliderHandle).contains(at))
        setSliderPosition(valueAt(at.x()));
    QSlider::mousePressEvent(event);
}

} // namespace ss
