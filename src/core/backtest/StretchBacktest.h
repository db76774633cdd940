#pragma once

#include "BacktestSnapshot.h"
#include "core/data/StockSeries.h"

#include <memory>

namespace ss {

class LogisticModel;

// Trades the calls `model` makes on one stock's closes from close `from` to
// the last, as a replay of that stretch alone makes and resolves them: the
// first call on the window of closes from..from+W−1, the last one left
// open. A training run's hold-out is such a stretch.
BacktestSnapshot backtestStretch(const StockSeries& series, std::size_t from,
                                 std::shared_ptr<const LogisticModel> model, double costBps);

} // namespace ss
