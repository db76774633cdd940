#pragma once

#include "BacktestSnapshot.h"
#include "StockLedgers.h"
#include "TradeTable.h"
#include "core/stream/PipelineStage.h"
#include "core/system/ThinnedSeries.h"

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
// On the full market the replay is bound by memory: every record of a
// timestamp visits its stock's state in the pipeline, thousands of stocks
// apart. A record touches half a cache line of its stock here (the open
// call, which the call before was, the span), adds its call's net returns
// to the timestamp's sums, and writes the call in its stock's next slot
// (StockLedgers).
class BacktestStage final : public PipelineStage {
public:
    BacktestStage(std::size_t stocks, double costBps);

    void reset() override;
    void addStock() override;
    void process(const Tick& tick, const Windower& windower, std::optional<bool> staticUp) override
    {
        (void)windower;
        StockCalls& stock = calls_[tick.stock];
        if (stock.open) {
            const double move = tick.close / stock.close - 1;
            const std::uint8_t trade = TradeTable::trade(stock.before, stock.up);
            if (stock.before == TradeTable::Before::None)
                starts_[tick.stock] = stock.time;
            stock.before = stock.up ? TradeTable::Before::Up : TradeTable::Before::Down;
            stock.end = tick.time;
            stock.open = false;
            if (period_.count > 0 && tick.time != period_.to) [[unlikely]]
                closePeriod();
            period_.add(stock.time, tick.time, trade, move, trades_);
            ledgers_.add(tick.stock, trade, move);
        }
        if (staticUp) {
            stock.time = tick.time;
            stock.close = tick.close;
            stock.open = true;
            stock.up = *staticUp;
        }
    }
    void finish() override {}

    BacktestSnapshot snapshot() const;
    std::shared_ptr<const StageSnapshot> stageSnapshot() const override
    {
        return std::make_shared<const BacktestSnapshot>(snapshot());
    }

private:
    // What a record touches of its stock: two to a cache line.
    struct StockCalls {
        double close = 0;    // n1, the open call's window's last close
        Timestamp time = 0;  // t of the open call
        Timestamp end = 0;   // the latest resolution's t'
        TradeTable::Before before = TradeTable::Before::None;
        bool open = false;
        bool up = false;     // the open call
    };
    // The portfolio's timestamp still coming in.
    struct Period {
        std::array<double, kStrategies> sums{};
        std::size_t count = 0;
        Timestamp from = 0;  // its earliest call
        Timestamp to = 0;

        void add(Timestamp callTime, Timestamp time, std::uint8_t trade, double move, const TradeTable& trades)
        {
            from = count == 0 ? callTime : std::min(from, callTime);
            to = time;
            ++count;
            for (std::size_t s = 0; s < kStrategies; ++s)
                sums[s] += trades.net(trade, s, move);
        }
        // Adds the timestamp's mean returns to the portfolio.
        void close(StrategyAccounts& portfolio);
    };
    // The timestamp coming in is complete: into the portfolio, and its
    // equity into the portfolio's history.
    void closePeriod();

    double costBps_;
    TradeTable trades_;
    std::vector<StockCalls> calls_;
    std::vector<Timestamp> starts_;  // each stock's first call's t
    Period period_;
    StrategyAccounts portfolio_;
    ThinnedSeries<DatedEquity> portfolioOverTime_;
    StockLedgers ledgers_;
};

// What a stream plugs in to backtest its calls, at `costBps` basis points a
// change of position.
StageFactory backtest(double costBps);

} // namespace ss
