#pragma once

#include <QString>

class QLineSeries;

namespace ss {

// The lines every accuracy chart draws: each chart shows a subset, and the
// same line must look the same in all of them, so a user who learnt that
// "always down" is the dashed brown line in one chart can read any other.
enum class AccuracyLine { Model, OnlineModel, AlwaysUp, AlwaysDown, LastMove };

// Names the series and gives it the line's pen: the scorers solid and
// thick, the naive baselines thin and dashed.
void styleAccuracyLine(QLineSeries* series, AccuracyLine line);

QString accuracyLineName(AccuracyLine line);
// A word or two, for a legend too narrow for the names.
QString accuracyLineShortName(AccuracyLine line);

} // namespace ss
