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
// records the processor can look ahead across: a record touches one cache
// line of its stock (the open call, and what the call's direction alone
// decides of the figures: trades, exposure, the span), and notes the move
// over the call; the returns' accounts, two lines a stock, are brought up
// to date a batch at a time, in a loop of their own.
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
            const bool first = stock.periods == 0;
            if (first) {
                stock.start = stock.time;
                stock.firstMove = move;
                stock.firstUp = stock.up;
            }
            // Which trade the call is, by its direction and the stock's call before.
            const auto trade = static_cast<std::uint8_t>(2 * (first ? 0 : 1 + stock.lastUp) + stock.up);
            pending_.push_back({stock.time, tick.time, move, stock.firstMove, static_cast<std::uint32_t>(tick.stock),
                                trade, stock.firstUp});
            stock.flips += !first && stock.up != stock.lastUp;
            stock.upCalls += stock.up;
            stock.lastUp = stock.up;
            ++stock.periods;
            stock.end = tick.time;
            stock.open = false;
            if (pending_.size() == kBatch)
                settle();
        }
        if (staticUp) {
            stock.time = tick.time;
            stock.close = tick.close;
            stock.open = true;
            stock.up = *staticUp;
        }
    }
    void prefetch(std::size_t stock) const override { __builtin_prefetch(&calls_[stock]); }
    void finish() override {}

    BacktestSnapshot snapshot() const;
    std::shared_ptr<const StageSnapshot> stageSnapshot() const override
    {
        return std::make_shared<const BacktestSnapshot>(snapshot());
    }

private:
    static constexpr std::size_t kBatch = 4096;

    // What a record touches of its stock: its open call, and its resolved
    // calls as far as their directions alone decide the figures. A
    // strategy's positions follow from the latest call's direction, its
    // trades from how often the direction turned.
    struct alignas(64) StockCalls {
        Timestamp time = 0;      // t of the open call
        double close = 0;        // n1, the open call's window's last close
        double firstMove = 0;    // r of the first resolved call
        Timestamp start = 0;     // the first call's t
        Timestamp end = 0;       // the latest resolution's t'
        std::uint32_t periods = 0;
        std::uint32_t upCalls = 0;
        std::uint32_t flips = 0;  // resolved calls the other way from the one before
        bool open = false;
        bool up = false;          // the open call
        bool firstUp = false;
        bool lastUp = false;      // the latest resolved call
    };
    // What a call trades under each strategy: the position it takes and
    // the cost of getting there (a fraction of the position changed),
    // worked out once for each of the six trades a call can be: up or
    // down, as the stock's first call or after one up or down.
    struct Trade {
        std::array<double, kStrategies> positions;
        std::array<double, kStrategies> costs;
    };
    using TradeTable = std::array<Trade, 6>;
    static TradeTable tradeTable(double cost);
    // A call resolved since the accounts were last brought up to date.
    struct Resolved {
        Timestamp callTime;  // t
        Timestamp time;      // t'
        double move;         // r = n / n1 − 1
        double firstMove;    // the stock's first call's r, for the shift of its sums
        std::uint32_t stock;
        std::uint8_t trade;  // into the TradeTable
        bool firstUp;        // the stock's first call's trade, for the shift
    };
    // A stock's return paths, one a strategy: two cache lines.
    struct alignas(64) StockReturns {
        std::array<ReturnPath, kStrategies> paths;
    };
    // Every account, and the portfolio's timestamp still coming in.
    struct Ledger {
        std::vector<StockReturns> stocks;
        StrategyAccounts portfolio;
        std::array<double, kStrategies> periodSums{};
        std::size_t periodCount = 0;
        Timestamp periodFrom = 0;  // its earliest call
        Timestamp periodTo = 0;

        void add(const std::vector<Resolved>& calls, const TradeTable& trades);
        // Adds the pending timestamp's mean returns to the portfolio.
        void closePeriod();
    };

    // Brings the accounts up to date with the calls resolved since.
    void settle();

    double costBps_;
    TradeTable trades_;
    std::vector<StockCalls> calls_;
    std::vector<Resolved> pending_;
    Ledger ledger_;
};

// What a stream plugs in to backtest its calls, at `costBps` basis points a
// change of position.
StageFactory backtest(double costBps);

} // namespace ss
