#include "OffsetLedger.h"

#include <algorithm>

namespace ss {

void OffsetLedger::read(std::int32_t partition, std::int64_t offset, std::uint64_t events)
{
    unstored_.push_back({partition, offset, events});
}

void OffsetLedger::touched(std::size_t stock, std::int32_t partition, std::int64_t offset)
{
    if (stock >= recent_.size())
        recent_.resize(stock + 1);
    std::deque<Position>& recent = recent_[stock];
    recent.emplace_back(partition, offset);
    if (recent.size() > keep_)
        recent.pop_front();
}

std::vector<std::pair<std::int32_t, std::int64_t>> OffsetLedger::committable(std::uint64_t stored)
{
    while (!unstored_.empty() && unstored_.front().events <= stored) {
        stored_[unstored_.front().partition] = unstored_.front().offset + 1;
        unstored_.pop_front();
    }
    std::map<std::int32_t, std::int64_t> limit = stored_;
    for (const std::deque<Position>& recent : recent_)
        for (const auto& [partition, offset] : recent)
            if (const auto it = limit.find(partition); it != limit.end())
                it->second = std::min(it->second, offset);
    return {limit.begin(), limit.end()};
}

} // namespace ss
