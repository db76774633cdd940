#pragma once

// A random market for the stream's order tests: random names and closes,
// mostly daily steps, now and then a gap of weeks or a step of seconds.
#include "core/data/MarketData.h"

#include <QRandomGenerator>
#include <QString>

// One step in `gapOdds` is a gap of days, one a step of seconds (of a day
// where `daily`); each stock starts within `startSpread` days of January 1st
// of `year`.
inline ss::MarketData randomMarket(int stocks, int maxRecords, int gapOdds, quint32 seed, int startSpread = 50,
                                   bool daily = false, int year = 2000)
{
    using namespace ss;
    QRandomGenerator rng(seed);
    std::vector<StockSeries> series;
    for (int s = 0; s < stocks; ++s) {
        StockSeries x;
        x.name = QStringLiteral("s%1_%2").arg(rng.bounded(1000000)).arg(s).toStdString();
        Timestamp t = timestamp::fromCivil(year, 1, 1) + rng.bounded(startSpread) * timestamp::kSecondsPerDay;
        const int n = rng.bounded(1, maxRecords);
        for (int i = 0; i < n; ++i) {
            x.times.push_back(t);
            x.closes.push_back(1.0 + rng.bounded(1000) / 100.0);
            const int r = rng.bounded(gapOdds);
            t += r == 0   ? rng.bounded(2, 30) * timestamp::kSecondsPerDay
                 : r == 1 ? (daily ? timestamp::kSecondsPerDay : rng.bounded(1, 100))
                          : timestamp::kSecondsPerDay;
        }
        series.push_back(std::move(x));
    }
    return MarketData(std::move(series));
}
