#pragma once

#include "Tally.h"
#include "core/data/Timestamp.h"

#include <optional>
#include <vector>

namespace ss {

// Judges each call once its stock's next close arrives (predict first, learn
// the outcome later, as a live stream would) and keeps the tallies per stock
// and overall. A stock's last call stays open.
class ProgressiveEvaluator {
public:
    struct Outcome {
        Timestamp callTime;
        bool actualUp;
        bool correct;
        bool lastMoveCorrect;  // the same-as-last-move baseline's call on the window was right
    };

    explicit ProgressiveEvaluator(std::size_t stocks = 0) { reset(stocks); }
    void reset(std::size_t stocks);
    // A stock first seen mid-stream, with no calls yet.
    void addStock() { stocks_.emplace_back(); }

    // A new call on the window ending in n1 (n2 is the close before it).
    void call(std::size_t stock, Timestamp time, double n1, double n2, bool predictedUp)
    {
        StockCalls& calls = stocks_[stock];
        calls.open = {time, n1, predictedUp, n1 > n2, true};
        ++calls.tally.windows;
        ++overall_.windows;
    }

    // The stock's next close: resolves its open call, if it has one.
    std::optional<Outcome> resolve(std::size_t stock, double close)
    {
        return resolveAs(stock, close > stocks_[stock].open.n1);  // a tie is "not up"
    }

    // The same with the outcome known but not the close: a logged call.
    std::optional<Outcome> resolveAs(std::size_t stock, bool up)
    {
        StockCalls& calls = stocks_[stock];
        OpenCall& c = calls.open;
        if (!c.valid)
            return std::nullopt;
        c.valid = false;
        const Outcome outcome{c.time, up, c.predictedUp == up, c.lastMoveUp == up};
        count(calls.tally, c, outcome);
        count(overall_, c, outcome);
        return outcome;
    }

    void prefetch(std::size_t stock) const
    {
        const char* calls = reinterpret_cast<const char*>(&stocks_[stock]);
        __builtin_prefetch(calls);
        __builtin_prefetch(calls + sizeof(StockCalls) - 1);
    }

    const Tally& overall() const { return overall_; }
    const Tally& stock(std::size_t index) const { return stocks_[index].tally; }
    std::vector<Tally> stocks() const;
    std::size_t openCalls() const;

private:
    struct OpenCall {
        Timestamp time = 0;
        double n1 = 0;
        bool predictedUp = false;
        bool lastMoveUp = false;
        bool valid = false;
    };

    static void count(Tally& t, const OpenCall& c, const Outcome& o)
    {
        ++t.resolved;
        t.correct += o.correct;
        t.predictedUp += c.predictedUp;
        t.actualUp += o.actualUp;
        t.lastMoveCorrect += o.lastMoveCorrect;
    }

    // A stock's open call and its tally side by side: every record reads
    // the one and counts in the other, so they share a cache line or two
    // instead of costing one each.
    struct StockCalls {
        OpenCall open;
        Tally tally;
    };

    std::vector<StockCalls> stocks_;
    Tally overall_;
};

} // namespace ss
