#include "Strategy.h"

namespace ss {

const char* strategyName(Strategy strategy)
{
    switch (strategy) {
    case Strategy::LongFlat:
        return "long_flat";
    case Strategy::LongShort:
        return "long_short";
    case Strategy::BuyAndHold:
        break;
    }
    return "buy_and_hold";
}

} // namespace ss
