#include "AccuracyLine.h"

#include "ChartPalette.h"

#include <QCoreApplication>
#include <QLineSeries>
#include <QPen>

namespace ss {

namespace {

struct LineLook {
    const char* name;
    bool scorer;
};

LineLook look(AccuracyLine line)
{
    switch (line) {
    case AccuracyLine::Model:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "model"), true};
    case AccuracyLine::OnlineModel:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "online model"), true};
    case AccuracyLine::AlwaysUp:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "always up"), false};
    case AccuracyLine::AlwaysDown:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "always down"), false};
    case AccuracyLine::LastMove:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "same as last move"), false};
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
    series->setPen(QPen(ChartPalette::accuracy(line), l.scorer ? 2.5 : 1.5, l.scorer ? Qt::SolidLine : Qt::DashLine));
}

} // namespace ss
