#include "LiveTickValidator.h"

namespace ss {

bool LiveTickValidator::accept(std::size_t stock, Timestamp time, const char*& why)
{
    Timestamp& last = last_[stock];
    if (last != kNone && time <= last) {
        why = time == last ? "duplicate timestamp" : "timestamp out of order";
        return false;
    }
    last = time;
    return true;
}

} // namespace ss
