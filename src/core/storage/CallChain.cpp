#include "CallChain.h"

#include "core/model/LogisticModel.h"

#include <cstring>

namespace ss {

namespace {

// The figures that follow from the margin, and the outcome.
void readFigures(const StoredCall& call, PredictionRecord& record)
{
    record.time = call.time;
    record.margin = call.margin;
    record.pUp = call.pUp.value_or(LogisticModel::probability(call.margin));
    record.up = call.up;
    record.actual = call.actual;
    record.nextClose = call.nextClose;
    record.resolvedTime = call.resolvedTime.value_or(0);
}

// The closes of a stored window; 0 when it is not 2 to 60 whole closes.
int storedWindow(std::string_view blob, double* closes)
{
    const std::size_t size = blob.size() / sizeof(double);
    if (blob.size() % sizeof(double) != 0 || size < features::kMinWindow || size > features::kMaxWindow)
        return 0;
    std::memcpy(closes, blob.data(), blob.size());
    return static_cast<int>(size);
}

} // namespace

bool CallChain::read(const StoredCall& call, FeatureTransform transform, PredictionRecord& record)
{
    double closes[features::kMaxWindow];
    const int size = call.window ? storedWindow(*call.window, closes) : 0;
    if (size == 0)
        return false;
    record.setWindow(closes, size, transform);
    readFigures(call, record);
    record.previousUp.reset();
    return true;
}

bool CallChain::follow(const StoredCall& call, FeatureTransform transform, PredictionRecord& record)
{
    const auto [it, first] = tails_.try_emplace(call.stock);
    Tail& tail = it->second;
    double closes[features::kMaxWindow];
    int size = 0;
    if (call.window) {
        size = storedWindow(*call.window, closes);
    } else if (!first && !tail.open) {
        size = tail.size;
        std::copy(tail.window.begin() + 1, tail.window.begin() + size, closes);
        closes[size - 1] = tail.nextClose;
    }
    if (size == 0)
        return false;
    record.setWindow(closes, size, transform);
    readFigures(call, record);
    if (first)
        record.previousUp.reset();
    else
        record.previousUp = tail.up;
    std::copy(closes, closes + size, tail.window.begin());
    tail.size = size;
    tail.nextClose = call.nextClose;
    tail.open = !call.actual;
    tail.up = call.up;
    return true;
}

} // namespace ss
