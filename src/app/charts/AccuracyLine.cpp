#include "AccuracyLine.h"

#include <QCoreApplication>
#include <QLineSeries>
#include <QPen>

namespace ss {

namespace {

struct LineLook {
    const char* name;
    QColor colour;
    bool scorer;
};

// Colours apart from the call markers' green and red and from each other,
// readable on the light and the dark chart theme.
LineLook look(AccuracyLine line)
{
    switch (line) {
    case AccuracyLine::Model:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "model"), QColor(0x20, 0x70, 0xc0), true};
    case AccuracyLine::OnlineModel:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "online model"), QColor(0x16, 0xa0, 0x85), true};
    case AccuracyLine::AlwaysUp:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "always up"), QColor(0xe6, 0x7e, 0x22), false};
    case AccuracyLine::AlwaysDown:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "always down"), QColor(0x8d, 0x6e, 0x63), false};
    case AccuracyLine::LastMove:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "same as last move"), QColor(0x95, 0x75, 0xcd), false};
    }
    Q_UNREACHABLE();
}

} // namespace

QString accuracyLineName(AccuracyLine line)
{
    return QCoreApplication::translate("AccuracyLine", look(line).name);
}

void styleAccuracyLine(QLineSeries* series, AccuracyLine line)
{
    const LineLook l = look(line);
    series->setName(accuracyLineName(line));
    series->setPen(QPen(l.colour, l.scorer ? 2.5 : 1.5, l.scorer ? Qt::SolidLine : Qt::DashLine));
}

} // namespace ss
