#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ss {

// How a window of closes [n5..n1] (oldest first) becomes the model's input.
//  raw:      the closes themselves, as the thesis's model used them.
//  relative: n_i / n1 - 1 for every close but the newest; scale-free, so one
//            model serves a $2 stock and a $2,000 one.
enum class FeatureTransform { Raw, Relative };

namespace features {

constexpr int kMinWindow = 2;
constexpr int kMaxWindow = 60;

std::optional<FeatureTransform> parseTransform(std::string_view name);
std::string_view transformName(FeatureTransform transform);
int count(FeatureTransform transform, int window);
// window points at `windowSize` closes, oldest first; out receives count()
// values. Inline: it runs once per record of the stream.
inline void compute(FeatureTransform transform, const double* window, int windowSize, double* out)
{
    if (transform == FeatureTransform::Raw) {
        for (int i = 0; i < windowSize; ++i)
            out[i] = window[i];
        return;
    }
    const double newest = window[windowSize - 1];
    for (int i = 0; i < windowSize - 1; ++i)
        out[i] = window[i] / newest - 1.0;
}
// "n5".."n1" for raw; "n5/n1-1".."n2/n1-1" for relative.
std::vector<std::string> names(FeatureTransform transform, int window);

} // namespace features
} // namespace ss
