#pragma once

#include "BacktestSnapshot.h"

#include <QString>

#include <functional>
#include <string>

namespace ss {

// Writes the per-stock figures of a backtest as CSV, one row per stock
// with a resolved call and strategy: stock, strategy, then the figures'
// summary keys; a null figure is an empty field. False, with *error, when
// the file cannot be written.
bool writeBacktestCsv(const BacktestSnapshot& snapshot, const std::function<std::string(std::size_t)>& stockName,
                      const QString& path, QString* error);

} // namespace ss
