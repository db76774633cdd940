#pragma once

#include "OnlineSnapshot.h"

#include <QJsonObject>

namespace ss {

// Adds the summary's "clusters" and "regression" objects (when clustering
// is on) and its "online" object (when the online scorer is on).
void addOnlineSummary(QJsonObject& summary, const OnlineSnapshot& snapshot);

} // namespace ss
