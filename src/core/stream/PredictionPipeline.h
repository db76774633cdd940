#pragma once

#include "ModelSwitch.h"
#include "PipelineStage.h"
#include "PredictionSink.h"
#include "Tick.h"
#include "Windower.h"
#include "core/model/LogisticModel.h"
#include "core/model/ProgressiveEvaluator.h"
#include "core/system/ThinnedSeries.h"

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace ss {

// Where a stock stands in the stream: what the watchlist shows.
struct StockStatus {
    Timestamp lastTime = 0;
    double lastClose = 0;
    double prevClose = 0;   // 0 until the second close
    std::size_t records = 0;
    Timestamp callTime = 0; // of the latest call
    double margin = 0;      // of the latest call: p_up is worked out only when shown
    double pUp() const { return LogisticModel::probability(margin); }
    bool hasCall = false;
    bool callUp = false;
};

// The per-record work of the flow: windower -> scorer -> evaluator -> sinks.
// Single-threaded and synchronous; ReplayEngine runs it on its own thread.
class PredictionPipeline {
public:
    PredictionPipeline(std::size_t stocks, std::shared_ptr<const LogisticModel> model);
    ~PredictionPipeline();

    // Takes effect for the next window; calls already made resolve as usual.
    void setModel(std::shared_ptr<const LogisticModel> model);
    const std::shared_ptr<const LogisticModel>& model() const { return model_; }
    // The models of this pass of the stream, the one it started with first.
    const std::vector<ModelSwitch>& models() const { return models_; }
    void addSink(PredictionSink* sink) { sinks_.push_back(sink); }
    const std::vector<PredictionSink*>& sinks() const { return sinks_; }
    void reset();
    // Plugs in a stage (online learning), made anew for this stream's
    // stocks and the model in force now: before the stream starts, or
    // mid-stream to follow it from the next record on. It replaces a stage
    // of the same kind plugged in before. Without any, the per-record cost
    // is a test.
    void plugStage(const StageFactory& factory);
    const std::vector<std::unique_ptr<PipelineStage>>& stages() const { return stages_; }
    // The stream ended completely.
    void finish();
    // A stock first seen mid-stream (live sources); returns its index.
    std::size_t addStock();
    // A close known to precede the stream (a live window record's older
    // prices): it fills the stock's window but is neither scored nor judged.
    void seed(std::size_t stock, double close);

    // A record before the replay's start: it fills the stock's window and
    // moves its status on, but no call is made or judged on it, and neither
    // stages nor sinks hear of it.
    void warm(const Tick& tick) { take(tick, status_[tick.stock]); }
    // The records so far were history: the model calls from the next on.
    void startCalls();

    void process(const Tick& tick)
    {
        if (tick.time != currentTime_) [[unlikely]]
            closeTimestamp(tick.time);
        StockStatus& st = status_[tick.stock];
        if (const auto outcome = evaluator_.resolve(tick.stock, tick.close)) {
            const Resolution r{tick.stock, outcome->callTime, tick.time, tick.close, outcome->actualUp, outcome->correct};
            for (PredictionSink* sink : sinks_)
                sink->onResolution(r);
        }
        take(tick, st);

        const LogisticModel& model = *model_;
        const int w = model.window();
        if (!windower_.window(tick.stock, w, window_.data())) {
            for (const auto& stage : stages_)
                stage->process(tick, windower_, std::nullopt);
            return;
        }
        features::compute(model.transform(), window_.data(), w, features_.data());
        const double margin = model.margin(features_.data());
        const bool up = LogisticModel::callsUp(margin);
        evaluator_.call(tick.stock, tick.time, window_[static_cast<std::size_t>(w - 1)],
                        window_[static_cast<std::size_t>(w - 2)], up);
        st.callTime = tick.time;
        st.margin = margin;
        st.hasCall = true;
        st.callUp = up;
        for (const auto& stage : stages_)
            stage->process(tick, windower_, up);
        if (sinks_.empty())
            return;
        const Prediction prediction{tick.stock, tick.time, window_.data(), w, features_.data(),
                                    features::count(model.transform(), w), margin, LogisticModel::probability(margin),
                                    up, annotator_ ? annotator_->latestCall() : nullptr};
        for (PredictionSink* sink : sinks_)
            sink->onPrediction(prediction);
    }

    // The per-stock state process() will touch for the stock.
    void prefetch(std::size_t stock) const
    {
        __builtin_prefetch(&status_[stock]);
        windower_.prefetch(stock, model_->window());
        evaluator_.prefetch(stock);
        for (const auto& stage : stages_)
            stage->prefetch(stock);
    }

    std::size_t records() const { return records_; }
    const ProgressiveEvaluator& evaluator() const { return evaluator_; }
    const std::vector<StockStatus>& stocks() const { return status_; }
    const Windower& windower() const { return windower_; }
    // The overall tally through the stream so far, at most a thousand or
    // so timestamps evenly spread from the first resolved call to now (the
    // last one being now): what the market's accuracy over time is drawn
    // from, however far the stream went between two looks at it.
    std::vector<DatedTally> accuracyOverTime() const;
    static constexpr std::size_t kAccuracyOverTimeCapacity = 1024;

private:
    // The stream moved on to `time`: the tally as it stood at the end of
    // the timestamp before joins the accuracy over time.
    void closeTimestamp(Timestamp time);

    void take(const Tick& tick, StockStatus& st)
    {
        windower_.push(tick.stock, tick.close);
        st.prevClose = st.lastClose;
        st.lastClose = tick.close;
        st.lastTime = tick.time;
        ++st.records;
        ++records_;
        lastStock_ = tick.stock;
    }

    std::shared_ptr<const LogisticModel> model_;
    std::vector<ModelSwitch> models_;
    std::size_t lastStock_ = 0;
    std::vector<PredictionSink*> sinks_;
    Windower windower_;
    ProgressiveEvaluator evaluator_;
    std::vector<StockStatus> status_;
    std::size_t records_ = 0;
    Timestamp currentTime_ = 0;
    ThinnedSeries<DatedTally> accuracyOverTime_{kAccuracyOverTimeCapacity};
    std::array<double, features::kMaxWindow> window_{};
    std::array<double, features::kMaxWindow> features_{};
    std::vector<std::unique_ptr<PipelineStage>> stages_;
    const PipelineStage* annotator_ = nullptr;  // the stage that says something of each call
};

} // namespace ss
