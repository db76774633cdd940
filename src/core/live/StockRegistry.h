#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ss {

// The stocks of a live stream, numbered in the order they first appear
// (a file replay knows its stocks up front; a live one learns them). Names
// are added only by the stream's thread; the log writers' threads look
// them up by index while it runs.
class StockRegistry {
public:
    // A peer sending endless new names must not exhaust memory: every stock
    // costs its window and tallies. The whole US market is 7,195.
    static constexpr std::size_t kMaxStocks = 100000;

    // On the stream's thread: the stock's index, adding the name when new
    // (`added` says so); nullopt once kMaxStocks stocks are known.
    std::optional<std::size_t> intern(std::string_view name, bool& added);

    // Any thread.
    std::string name(std::size_t index) const;
    std::size_t size() const;

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> index_;
    std::size_t last_ = 0;  // consecutive ticks of one stock skip the lookup
    mutable std::mutex mutex_;
    std::deque<std::string> names_;  // grows at the end only: references stay valid
};

} // namespace ss
