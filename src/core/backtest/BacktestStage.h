#pragma once

#include "BacktestSnapshot.h"
#include "core/stream/PipelineStage.h"

#include <array>
#include <vector>

namespace ss {

// Trades on every call of the static model as it resolves: for each
// strategy, the position a call asks for is held from the call's close to
// the stock's next close, and costs are charged on each change of a
// stock's position. It resolves a call on the record that resolves it in
// the evaluator, so its calls are exactly the ones judged, with no
// look-ahead; a call still open at the end is not counted.
//
// The portfolio's period is a timestamp: the resolutions of consecutive
// records with the same time, equally weighted. In a stream in time order
// (every replay, a feed sent in replay order) that is every call resolved
// at that timestamp.
class BacktestStage final : public PipelineStage {
public:
    BacktestStage(std::size_t stocks, double costBps);

    void reset() override;
    void addStock() override;
    void process(const Tick& tick, const Windower& windower, std::optional<bool> staticUp) override
    {
        (void)windower;
        OpenCall& open = open_[tick.stock];
        if (open.valid)
            resolve(tick, open);
        if (staticUp)
            open = {tick.time, tick.close, *staticUp, true};
    }
    void finish() override {}

    BacktestSnapshot snapshot() const;
    std::shared_ptr<const StageSnapshot> stageSnapshot() const override
    {
        return std::make_shared<const BacktestSnapshot>(snapshot());
    }

private:
    struct OpenCall {
        Timestamp time = 0;
        double close = 0;  // n1, the window's last close
        bool up = false;
        bool valid = false;
    };
    // A stock's accounts and the position each strategy holds.
    struct Book {
        StrategyAccounts accounts;
        std::array<int, kStrategies> positions{};  // flat before the first call
    };

    void resolve(const Tick& tick, OpenCall& open);
    // Adds the pending timestamp's mean returns to the portfolio.
    static void closePeriod(StrategyAccounts& portfolio, const std::array<double, kStrategies>& sums,
                            std::size_t count, Timestamp from, Timestamp to);

    double cost_;  // a fraction of the position changed
    double costBps_;
    std::vector<OpenCall> open_;
    std::vector<Book> books_;
    StrategyAccounts portfolio_;
    // The timestamp whose resolutions are still coming in.
    std::array<double, kStrategies> periodSums_{};
    std::size_t periodCount_ = 0;
    Timestamp periodFrom_ = 0;  // its earliest call
    Timestamp periodTo_ = 0;
};

// What a stream plugs in to backtest its calls, at `costBps` basis points a
// change of position.
StageFactory backtest(double costBps);

} // namespace ss
