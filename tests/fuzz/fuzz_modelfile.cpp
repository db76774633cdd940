// Feeds arbitrary bytes to the model-file loader. Besides crashes and
// undefined behaviour it checks that an accepted model is one the scorer
// can use, and that saving it gives a file that loads back to the same model.

#include "FuzzCheck.h"
#include "core/model/LogisticModel.h"

#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <cstdint>

using ss::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    QString why;
    const auto model = ss::LogisticModel::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)), &why);
    if (!model) {
        require(!why.isEmpty(), "a refused model file comes with a reason");
        return 0;
    }
    require(model->window() >= ss::features::kMinWindow && model->window() <= ss::features::kMaxWindow,
            "the window is in range");
    require(static_cast<int>(model->weights().size()) == ss::features::count(model->transform(), model->window()),
            "one weight per feature");
    require(std::all_of(model->weights().begin(), model->weights().end(), [](double w) { return std::isfinite(w); })
                && std::isfinite(model->intercept()) && model->regularizationC() > 0
                && std::isfinite(model->regularizationC()),
            "every number is finite");

    const auto again = ss::LogisticModel::fromJson(QJsonDocument(model->toJson()).toJson(), &why);
    require(again.has_value(), "a saved model loads again");
    require(again->window() == model->window() && again->transform() == model->transform()
                && again->weights() == model->weights() && again->intercept() == model->intercept()
                && again->regularizationC() == model->regularizationC(),
            "a saved model loads back unchanged");
    return 0;
}
