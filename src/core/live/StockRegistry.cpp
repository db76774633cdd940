#include "StockRegistry.h"

namespace ss {

std::optional<std::size_t> StockRegistry::intern(std::string_view name, bool& added)
{
    added = false;
    // Only this thread changes names_, so it may read them without the lock.
    if (last_ < names_.size() && names_[last_] == name)
        return last_;
    if (const auto it = index_.find(name); it != index_.end())
        return last_ = it->second;
    if (names_.size() == kMaxStocks)
        return std::nullopt;
    const std::size_t index = names_.size();
    index_.emplace(std::string(name), index);
    {
        std::lock_guard lock(mutex_);
        names_.emplace_back(name);
    }
    added = true;
    return last_ = index;
}

std::string StockRegistry::name(std::size_t index) const
{
    std::lock_guard lock(mutex_);
    return index < names_.size() ? names_[index] : std::string();
}

std::size_t StockRegistry::size() const
{
    std::lock_guard lock(mutex_);
    return names_.size();
}

} // namespace ss
