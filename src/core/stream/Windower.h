#pragma once

#include "core/model/FeatureTransform.h"

#include <cstddef>
#include <vector>

namespace ss {

// Every stock's most recent closes. Each stock keeps the last kCapacity
// closes in a ring, more than any model's window, so a model with a
// different W can take over mid-stream without replaying history.
class Windower {
public:
    static constexpr std::size_t kCapacity = 64;
    static_assert(kCapacity >= features::kMaxWindow);

    explicit Windower(std::size_t stocks = 0) { reset(stocks); }
    void reset(std::size_t stocks)
    {
        ring_.assign(stocks * kCapacity, 0.0);
        count_.assign(stocks, 0);
    }
    // A stock first seen mid-stream (a live source learns its stocks as they come).
    void addStock()
    {
        ring_.resize(ring_.size() + kCapacity, 0.0);
        count_.push_back(0);
    }

    void push(std::size_t stock, double close)
    {
        ring_[stock * kCapacity + (count_[stock]++ & (kCapacity - 1))] = close;
    }

    // Copies the last `size` closes, oldest first, into out; false while the
    // stock has fewer than `size` closes.
    bool window(std::size_t stock, int size, double* out) const
    {
        const std::size_t n = count_[stock];
        if (n < static_cast<std::size_t>(size))
            return false;
        const double* ring = &ring_[stock * kCapacity];
        for (std::size_t i = 0, k = n - static_cast<std::size_t>(size); i < static_cast<std::size_t>(size); ++i, ++k)
            out[i] = ring[k & (kCapacity - 1)];
        return true;
    }

    std::size_t closes(std::size_t stock) const { return count_[stock]; }
    // The cache lines the stock's next push() and window(size) will touch:
    // the slot written and the oldest close read.
    void prefetch(std::size_t stock, int size) const
    {
        const std::size_t n = count_[stock];
        const double* ring = &ring_[stock * kCapacity];
        __builtin_prefetch(ring + (n & (kCapacity - 1)));
        __builtin_prefetch(ring + ((n + 1 - static_cast<std::size_t>(size)) & (kCapacity - 1)));
    }

private:
    std::vector<double> ring_;
    std::vector<std::size_t> count_;
};

} // namespace ss
