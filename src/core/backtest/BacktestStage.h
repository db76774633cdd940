#pragma once

#include "BacktestSnapshot.h"
#include "core/stream/PipelineStage.h"

#include <array>
#include <cstdint>
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
//
// On the full market the replay is bound by memory, and by how many
// records the processor can look ahead across: a record only notes its
// stock's open call and the move over it, and the accounts are brought up
// to date a batch at a time, in a loop of their own.
class BacktestStage final : public PipelineStage {
public:
    BacktestStage(std::size_t stocks, double costBps);

    void reset() override;
    void addStock() override;
    void process(const Tick& tick, const Windower& windower, std::optional<bool> staticUp) override
    {
        (void)windower;
        OpenCall& open = open_[tick.stock];
        if (open.open) {
            pending_.push_back({open.time, tick.time, tick.close / open.close - 1,
                                static_cast<std::uint32_t>(tick.stock), open.up});
            open.open = false;
            if (pending_.size() == kBatch)
                settle();
        }
        if (staticUp)
            open = {tick.time, tick.close, true, *staticUp};
    }
    void prefetch(std::size_t stock) const override { __builtin_prefetch(&open_[stock]); }
    void finish() override {}

    BacktestSnapshot snapshot() const;
    std::shared_ptr<const StageSnapshot> stageSnapshot() const override
    {
        return std::make_shared<const BacktestSnapshot>(snapshot());
    }

private:
    static constexpr std::size_t kBatch = 4096;

    struct OpenCall {
        Timestamp time = 0;  // t
        double close = 0;    // n1, the window's last close
        bool open = false;
        bool up = false;
    };
    // A call resolved since the accounts were last brought up to date.
    struct Resolved {
        Timestamp callTime;  // t
        Timestamp time;      // t'
        double move;         // r = n / n1 − 1
        std::uint32_t stock;
        bool up;
    };
    // A stock's positions and accounts, one a strategy.
    struct StockLedger {
        std::array<std::int8_t, kStrategies> positions{};  // flat before the first call
        std::uint32_t periods = 0;
        Timestamp start = 0;  // the first call's t
        Timestamp end = 0;    // the latest resolution's t'
        std::array<ReturnSeries, kStrategies> series;
        std::array<std::uint32_t, kStrategies> exposedCalls{};
        std::array<std::uint32_t, kStrategies> trades{};
    };
    // Every account, and the portfolio's timestamp still coming in.
    struct Ledger {
        std::vector<StockLedger> stocks;
        StrategyAccounts portfolio;
        std::array<double, kStrategies> periodSums{};
        std::size_t periodCount = 0;
        Timestamp periodFrom = 0;  // its earliest call
        Timestamp periodTo = 0;

        void add(const Resolved& call, double cost);
        // Adds the pending timestamp's mean returns to the portfolio.
        void closePeriod();
    };

    // Brings the accounts up to date with the calls resolved since.
    void settle();

    double cost_;  // a fraction of the position changed
    double costBps_;
    std::vector<OpenCall> open_;
    std::vector<Resolved> pending_;
    Ledger ledger_;
};

// What a stream plugs in to backtest its calls, at `costBps` basis points a
// change of position.
StageFactory backtest(double costBps);

} // namespace ss
