#include "AccuracyLine.h"

#include "ChartPalette.h"

#include <QCoreApplication>
#include <QLineSeries>
#include <QPen>

namespace ss {

namespace {

struct LineLook {
    const char* name;
    const char* shortName;  // for legends too narrow for the name
    bool scorer;
};

LineLook look(AccuracyLine line)
{
    switch (line) {
    case AccuracyLine::Model:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "model"), QT_TRANSLATE_NOOP("AccuracyLine", "model"), true};
    case AccuracyLine::OnlineModel:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "online model"), QT_TRANSLATE_NOOP("AccuracyLine", "online"), true};
    case AccuracyLine::AlwaysUp:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "always up"), QT_TRANSLATE_NOOP("AccuracyLine", "up"), false};
    case AccuracyLine::AlwaysDown:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "always down"), QT_TRANSLATE_NOOP("AccuracyLine", "down"), false};
    case AccuracyLine::LastMove:
        return {QT_TRANSLATE_NOOP("AccuracyLine", "same as last move"), QT_TRANSLATE_NOOP("AccuracyLine", "last move"), false};
    }
    Q_UNREACHABLE();
}

} // namespace

QString accuracyLineName(AccuracyLine line)
{
    return QCoreApplication::translate("AccuracyLine", look(line).name);
}

QString accuracyLineShortName(AccuracyLine line)
{
    return QCoreApplication::translate("AccuracyLine", look(line).shortName);
}

void styleAccuracyLine(QLineSeries* series, AccuracyLine line)
{
    const LineLook l = look(line);
    series->setName(accuracyLineName(line));
    series->setPen(QPen(ChartPalette::accuracy(line), l.scorer ? 2.5 : 1.5, l.scorer ? Qt::SolidLine : Qt::DashLine));
}

} // namespace ss
