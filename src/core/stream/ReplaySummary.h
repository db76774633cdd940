#pragma once

#include "ReplaySnapshot.h"
#include "core/data/LoadReport.h"

#include <QJsonObject>

namespace ss {

// The figures of a replay as the command line prints them and the
// prediction log stores them: counts, accuracy, and the naive baselines on
// the same resolved calls.
QJsonObject replaySummary(const ReplaySnapshot& snapshot, const LoadReport& load);

// Accuracy with the three baselines of SPEC.md, for any tally.
QJsonObject tallyJson(const Tally& tally);

} // namespace ss
