#pragma once

#include "core/model/LogisticModel.h"
#include "core/storage/PredictionLog.h"
#include "core/storage/RunRecorder.h"
#include "core/stream/ReplayEngine.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

// Runs logged into a prediction log, for the tests of the log and of what
// reads and deletes its runs: a market of made-up closes, and a whole
// replay recorded as a finished run.
namespace loggedreplay {

inline const ss::LogisticModel& model()
{
    static const ss::LogisticModel m(3, ss::FeatureTransform::Raw, {0.5, -1.0, 0.25}, 0.1);
    return m;
}

// `stocks` stocks named s0.us, s1.us… of `days` daily closes each: enough
// of them and a run fills many pages of the file.
inline std::shared_ptr<const ss::MarketData> market(int stocks, int days)
{
    std::vector<ss::StockSeries> series;
    for (int s = 0; s < stocks; ++s) {
        ss::StockSeries one;
        one.name = "s";
        one.name += std::to_string(s);
        one.name += ".us";
        for (int d = 0; d < days; ++d) {
            one.times.push_back(ss::timestamp::fromCivil(1990, 1, 1)
                                + static_cast<ss::Timestamp>(d) * ss::timestamp::kSecondsPerDay);
            one.closes.push_back(10 + (d * (s + 3)) % 7);
        }
        series.push_back(std::move(one));
    }
    return std::make_shared<const ss::MarketData>(std::move(series));
}

// Replays `data` with `scorer` (saved at `modelFile`) into a new run of
// `log`, as a finished run; returns its id.
inline qint64 replay(ss::PredictionLog& log, const ss::LogisticModel& scorer, const QString& modelFile,
                     const std::shared_ptr<const ss::MarketData>& data)
{
    QString error;
    auto run = ss::PredictionLog::describeRun("data", modelFile, scorer, *data, &error);
    auto recorder = run ? ss::RunRecorder::start(log, *run, *data, std::nullopt, &error) : nullptr;
    if (!recorder)
        qFatal("%s", qPrintable(error));
    ss::ReplayEngine engine(data, std::make_shared<const ss::LogisticModel>(scorer));
    engine.addSink(&recorder->sink());
    engine.play();
    engine.waitUntilDone();
    if (!recorder->finish(true, {}, &error))
        qFatal("%s", qPrintable(error));
    return recorder->runId();
}

} // namespace loggedreplay
