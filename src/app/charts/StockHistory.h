#pragma once

#include "core/data/MarketData.h"
#include "core/model/LogisticModel.h"
#include "core/model/ProgressiveEvaluator.h"
#include "core/stream/ModelSwitch.h"
#include "core/storage/PredictionRecord.h"
#include "core/stream/Windower.h"

#include <memory>
#include <optional>
#include <vector>

namespace ss {

// One call of the model on a stock, as the charts draw it.
struct StockCall {
    std::size_t record = 0;      // index of the window's newest close (n1)
    Timestamp time = 0;          // of n1: when the call was made
    Timestamp predictedTime = 0; // of the next close it predicts; 0 while open
    double pUp = 0;
    bool up = false;
    bool resolved = false;
    bool actualUp = false;
    bool correct = false;
    // Running counts over the resolved calls up to and including this one,
    // so any rolling accuracy is one subtraction.
    std::uint32_t resolvedSoFar = 0;
    std::uint32_t correctSoFar = 0;
    std::uint32_t actualUpSoFar = 0;
    std::uint32_t lastMoveCorrectSoFar = 0;
};

// A call as a log or a live feed reports it: what a history drawn from
// reported calls (rather than recomputed ones) needs of it.
struct ReportedCall {
    Timestamp time = 0;         // of the window's newest close (n1)
    double close = 0;           // n1
    double previousClose = 0;   // n2, for the same-as-last-move baseline
    double pUp = 0;
    bool up = false;
    std::optional<bool> actualUp;  // empty while open
    Timestamp resolvedTime = 0;    // of the next close, once resolved
};

// One stock's calls recomputed from the immutable market data with the same
// windower, transform, models and evaluator as the replay, so a view needs
// no history from the engine: only how many of the stock's records it has
// processed and which models scored the stream from where. Extending by the
// records since the last look is cheap.
class StockHistory {
public:
    StockHistory() = default;
    StockHistory(std::shared_ptr<const MarketData> data, std::size_t stock, std::vector<ModelSwitch> models);
    StockHistory(std::shared_ptr<const MarketData> data, std::size_t stock, std::shared_ptr<const LogisticModel> model);
    // One stock's calls as a past run logged them, oldest first: the closes
    // are the windows' newest (n1), so the series starts at the first call.
    // Such a history is complete; it neither advances nor changes models.
    static StockHistory fromLog(const std::string& stock, const std::vector<PredictionRecord>& calls);
    // The same from calls as a live feed reported them. The last call's
    // outcome is left out: its close is not on the series yet. No calls
    // give an invalid history.
    static StockHistory fromCalls(const std::string& stock, const std::vector<ReportedCall>& calls);

    // The stream's models as they are now. A list that only adds switches
    // keeps what is computed (they lie ahead of it); any other starts over.
    // Returns whether it started over.
    bool setModels(const std::vector<ModelSwitch>& models);

    // Brings the history to the stock's first `records` closes; going
    // backwards (a rewind) starts over.
    void advanceTo(std::size_t records);

    bool isValid() const { return data_ != nullptr; }
    bool isLogged() const { return logged_; }
    std::size_t stockIndex() const { return stock_; }
    const StockSeries& series() const { return data_->stock(stock_); }
    const MarketData& data() const { return *data_; }
    const std::vector<ModelSwitch>& models() const { return models_; }
    std::size_t records() const { return records_; }
    const std::vector<StockCall>& calls() const { return calls_; }
    const Tally& tally() const { return evaluator_.stock(0); }
    // The call made on the window ending at `record`, if there is one.
    const StockCall* callAt(std::size_t record) const;
    // The call whose outcome is the close at `record`.
    const StockCall* callPredicting(std::size_t record) const;

private:
    void restart();
    // The running counts after this call, from the evaluator's tally.
    static void count(StockCall& call, const Tally& tally);

    std::shared_ptr<const MarketData> data_;
    std::size_t stock_ = 0;
    std::vector<ModelSwitch> models_;
    std::size_t modelInForce_ = 0;
    Windower windower_{1};
    ProgressiveEvaluator evaluator_{1};
    std::vector<StockCall> calls_;
    std::size_t records_ = 0;
    bool logged_ = false;
};

} // namespace ss
