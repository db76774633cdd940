#pragma once

#include "AccuracyLine.h"

#include <QColor>

#include <cstddef>

namespace ss {

// Every colour a chart draws with, in one place, so that a meaning keeps its
// colour from chart to chart and from the light theme to the dark one: the
// close line, the right and wrong calls and the rising and falling candles
// never share a colour, and each accuracy line is the same in every chart.
class ChartPalette {
public:
    enum class Role { Close, Right, Wrong, CandleUp, CandleDown, CandleOutline, Volume, ModelSwitch, Guide };

    // The theme follows the application's palette, as the charts' do.
    static bool dark();
    static QColor color(Role role, bool dark);
    static QColor color(Role role) { return color(role, dark()); }
    static QColor accuracy(AccuracyLine line);
    // Ten hues told apart at a glance (after Tableau 10), for clusters, compared
    // stocks and moving averages. Indexes past the end wrap around.
    static QColor categorical(std::size_t index);
    static constexpr std::size_t kCategoricalCount = 10;
    // The categorical colours but the green and the red, which read as a
    // right or a wrong call where markers are drawn.
    static QColor overlay(std::size_t index);
    static constexpr std::size_t kOverlayCount = 8;
};

} // namespace ss
