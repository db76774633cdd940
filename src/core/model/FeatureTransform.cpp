#include "FeatureTransform.h"

namespace ss::features {

std::optional<FeatureTransform> parseTransform(std::string_view name)
{
    if (name == "raw")
        return FeatureTransform::Raw;
    if (name == "relative")
        return FeatureTransform::Relative;
    return std::nullopt;
}

std::string_view transformName(FeatureTransform transform)
{
    return transform == FeatureTransform::Raw ? "raw" : "relative";
}

int count(FeatureTransform transform, int window)
{
    return transform == FeatureTransform::Raw ? window : window - 1;
}

std::vector<std::string> names(FeatureTransform transform, int window)
{
    std::vector<std::string> result;
    for (int i = window; i >= (transform == FeatureTransform::Raw ? 1 : 2); --i) {
        std::string name(1, 'n');
        name.append(std::to_string(i));
        if (transform == FeatureTransform::Relative)
            name.append("/n1-1");
        result.push_back(std::move(name));
    }
    return result;
}

} // namespace ss::features
