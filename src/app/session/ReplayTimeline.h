#pragma once

#include "core/data/Timestamp.h"

#include <QSlider>
#include <QStyle>

#include <vector>

namespace ss {

// The replay's position bar: a slider over the data's span, with date
// labels under it, that jumps to where it is clicked (and then drags from
// there), so a click seeks as a drag's release does.
class ReplayTimeline : public QSlider {
    Q_OBJECT
public:
    struct Tick {
        int value;  // on the slider's scale
        QString label;
    };

    explicit ReplayTimeline(QWidget* parent = nullptr);

    // The data's first and last times; equal ones show no dates.
    void setSpan(Timestamp first, Timestamp last);
    // The labelled dates: years, or months over a short span, spaced so
    // that their labels fit the width.
    std::vector<Tick> ticks() const;
    // The slider's value under a point of the widget.
    int valueAt(int x) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    // The slider in the top part, the dates under it: painting and the
    // pointer's hit tests both go by this.
    void initStyleOption(QStyleOptionSlider* option) const override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QRect part(QStyle::SubControl control) const;
    // Where a value's handle centre lies, in the widget.
    int xOf(int value) const;
    int labelRoom() const;

    Timestamp first_ = 0;
    Timestamp last_ = 0;
};

} // namespace ss
