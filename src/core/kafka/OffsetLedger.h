#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <utility>
#include <vector>

namespace ss {

// Decides which Kafka offsets may be committed, so that a consumer that
// restarts (or a partition that moves to another consumer) loses nothing:
//
// * A message counts once the sinks have stored every event (call or
//   outcome) the stream produced up to and including it. Events are counted
//   in the order the sinks receive them, so "stored" is one number per sink.
// * A stock's state is its window of closes and its open call, rebuilt from
//   its last `keep` messages (the window's length): a partition's commit
//   never passes the oldest of those for any of its stocks. The messages
//   delivered again after a restart re-make calls the log already holds,
//   which its key (run, time, stock) keeps from being added twice.
//
// One thread uses it: the one that reads the messages.
class OffsetLedger {
public:
    explicit OffsetLedger(std::size_t keep) : keep_(keep) {}

    // A message of `partition` at `offset` was read; after it the stream
    // had produced `events` events in all.
    void read(std::int32_t partition, std::int64_t offset, std::uint64_t events);
    // Its record was of `stock` (a message may carry several).
    void touched(std::size_t stock, std::int32_t partition, std::int64_t offset);

    // The offsets (the next to read, per partition) that may be committed
    // now that `stored` events are stored: every partition read so far,
    // again each time, so a commit that failed is made good by the next.
    std::vector<std::pair<std::int32_t, std::int64_t>> committable(std::uint64_t stored);

private:
    struct Read {
        std::int32_t partition;
        std::int64_t offset;
        std::uint64_t events;
    };
    using Position = std::pair<std::int32_t, std::int64_t>;

    std::size_t keep_;
    std::deque<Read> unstored_;
    std::map<std::int32_t, std::int64_t> stored_;      // next offset after the stored messages
    std::vector<std::deque<Position>> recent_;         // each stock's last keep_ messages
};

} // namespace ss
