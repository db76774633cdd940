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
    void addStock()
    {
        open_.emplace_back();
        tallies_.emplace_back();
    }

    // A new call on the window ending in n1 (n2 is the close before it).
    void call(std::size_t stock, Timestamp time, double n1, double n2, bool predictedUp)
    {
        open_[stock] = {time, n1, predictedUp, n1 > n2, true};
        ++tallies_[stock].windows;
        ++overall_.windows;
    }

    // The stock's next close: resolves its open call, if it has one.
    std::optional<Outcome> resolve(std::size_t stock, double close)
    {
        return resolveAs(stock, close > open_[stock].n1);  // a tie is "not up"
    }

    // The same with the outcome known but not the close: a logged call.
    std::optional<Outcome> resolveAs(std::size_t stock, bool up)
    {
        OpenCall& c = open_[stock];
        if (!c.valid)
            return std::nullopt;
        c.valid = false;
        const Outcome outcome{c.time, up, c.predictedUp == up, c.lastMoveUp == up};
        count(tallies_[stock], c, outcome);
        count(overall_, c, outcome);
        return outcome;
    }

    void prefetch(std::size_t stock) const
    {
        __builtin_prefetch(&open_[stock]);
        __builtin_prefetch(&tallies_[stock]);
    }

    const Tally& overall() const { return overall_; }
    const Tally& stock(std::size_t index) const { return tallies_[index]; }
    const std::vector<Tally>& stocks() const { return tallies_; }
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

    std::vector<OpenCall> open_;
    std::vector<Tally> tallies_;
    Tally overall_;
};

} // namespace ss
