#include "ChartPalette.h"

#include <QGuiApplication>
#include <QPalette>

#include <array>

namespace ss {

namespace {

// Blue, orange, teal, purple, brown, pink, olive, yellow, then green and
// red: the last two are left out of overlays (see overlay()). Tableau 10,
// with olive for its grey, which sat too near the purple.
const std::array<QColor, ChartPalette::kCategoricalCount> kTableau{
    QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0x76, 0xb7, 0xb2), QColor(0xb0, 0x7a, 0xa1),
    QColor(0x9c, 0x75, 0x5f), QColor(0xff, 0x9d, 0xa7), QColor(0xa0, 0xa0, 0x20), QColor(0xed, 0xc9, 0x48),
    QColor(0x59, 0xa1, 0x4f), QColor(0xe1, 0x57, 0x59)};

} // namespace

bool ChartPalette::dark()
{
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

QColor ChartPalette::color(Role role, bool dark)
{
    switch (role) {
    case Role::Close:
        // Ink on paper: the theme's text colour, far from any call's.
        return dark ? QColor(0xe8, 0xec, 0xf0) : QColor(0x1c, 0x25, 0x30);
    case Role::Right:
        return QColor(0x00, 0x9e, 0x73);  // Okabe-Ito bluish green
    case Role::Wrong:
        return QColor(0xd5, 0x5e, 0x00);  // Okabe-Ito vermillion
    // Candles are hollow when rising and filled when falling, in greys, so
    // that green and red keep meaning right and wrong.
    case Role::CandleUp:
        return dark ? QColor(0x26, 0x2a, 0x30) : QColor(0xff, 0xff, 0xff);
    case Role::CandleDown:
        return dark ? QColor(0xa8, 0xb2, 0xbd) : QColor(0x4a, 0x55, 0x63);
    case Role::CandleOutline:
        return dark ? QColor(0xc8, 0xd0, 0xd8) : QColor(0x2c, 0x33, 0x3a);
    case Role::Volume:
        return dark ? QColor(0x7a, 0x86, 0x94) : QColor(0x9a, 0xa5, 0xb1);
    case Role::ModelSwitch:
        return QColor(0x8e, 0x44, 0xad);
    case Role::Guide:
        return dark ? QColor(0x90, 0x98, 0xa0) : QColor(0x70, 0x78, 0x80);
    }
    Q_UNREACHABLE();
}

QColor ChartPalette::accuracy(AccuracyLine line)
{
    switch (line) {
    case AccuracyLine::Model:
        return QColor(0x21, 0x66, 0xac);  // deep blue
    case AccuracyLine::OnlineModel:
        return QColor(0xe7, 0x29, 0x8a);  // magenta: never mistaken for the model's blue
    case AccuracyLine::AlwaysUp:
        return QColor(0xe6, 0x9f, 0x00);
    case AccuracyLine::AlwaysDown:
        return QColor(0x8c, 0x6d, 0x31);
    case AccuracyLine::LastMove:
        return QColor(0x75, 0x70, 0xb3);
    }
    Q_UNREACHABLE();
}

QColor ChartPalette::categorical(std::size_t index)
{
    return kTableau[index % kTableau.size()];
}

QColor ChartPalette::overlay(std::size_t index)
{
    return kTableau[index % kOverlayCount];
}

} // namespace ss
