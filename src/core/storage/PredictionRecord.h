#pragma once

#include "core/backtest/Strategy.h"
#include "core/data/Timestamp.h"
#include "core/model/FeatureTransform.h"
#include "core/stream/OnlineCall.h"

#include <optional>
#include <string>
#include <vector>

namespace ss {

// The optional trading fields of an export, after SPEC.md's and the online
// ones: the position `strategy` takes on the call and the call's net return
// after `costBps` a change of position, as the backtest defines them.
struct TradingColumns {
    Strategy strategy = Strategy::LongFlat;
    double costBps = 0;
};

// One call as SPEC.md's prediction record describes it: the form every
// export takes, whether it comes from the database or straight from a
// replay. The JSON and CSV text is written here and nowhere else, so the
// two paths cannot drift apart.
//
// Numbers are written in their shortest form that reads back to the same
// double; a non-finite number (which a valid model on positive closes never
// produces) becomes null in JSON and an empty CSV field.
struct PredictionRecord {
    std::string stock;
    Timestamp time = 0;
    std::vector<double> window;    // n5..n1, oldest first
    std::vector<double> features;
    double margin = 0;             // w·x + b
    double pUp = 0;
    bool up = false;
    std::optional<bool> actual;    // empty while the call is open
    Timestamp resolvedTime = 0;    // the stock's next close; meaningful when actual is set
    double nextClose = 0;          // the close that resolved it; NaN while open
    // The stock's previous call in the run (what the trading columns'
    // costs depend on); empty for its first.
    std::optional<bool> previousUp;
    // What the learn-as-you-go models said, for a run that had them on (even
    // when they said nothing about this call); empty for every other run, so
    // those records stay exactly SPEC.md's.
    std::optional<OnlineCall> online;

    // Fills window and features from `size` closes, reusing the storage.
    void setWindow(const double* closes, int size, FeatureTransform transform);

    // One JSON line, without the newline:
    // {"stock": "mcd.us", "date": "1970-02-26", "n5": ..., "n1": ..., "features": [...],
    //  "rawPrediction": [-m, m], "probability": [1-p, p], "prediction": 1.0, "actual": 0}
    // With online data, three fields follow SPEC.md's, never in between:
    // readers that know only SPEC.md's fields (the thesis's Logstash
    // configuration) read the same fields in the same places.
    //  ..., "cluster": 3, "predictedClose": 0.301, "onlineProbability": 0.52}
    // each null when that model said nothing about the call.
    // With `trading`, two more after all of those:
    //  ..., "position": 1, "net_return": 0.0123}
    // net_return null while the call is open.
    void appendJson(std::string& out, const TradingColumns* trading = nullptr) const;
    // One RFC 4180 row, ending in CRLF, with the columns of csvHeader().
    void appendCsv(std::string& out, const TradingColumns* trading = nullptr) const;
    // stock,date,n5..n1,feature_1..feature_k,rawPrediction_1,rawPrediction_2,
    // probability_1,probability_2,prediction,actual (CRLF-terminated), then
    // with online data cluster,predictedClose,onlineProbability, then with
    // trading position,net_return.
    static void appendCsvHeader(std::string& out, int window, int featureCount, bool online = false,
                                bool trading = false);
};

} // namespace ss
