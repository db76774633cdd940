#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <array>
#include <cstddef>
#include <optional>

namespace ss {

class ClassificationMetrics;

// The plain words on a model's hold-out accuracy against
// the best of the three naive baselines on the same days: not better (at
// most as good), not clearly better (ahead, but the baseline lies inside
// the model's 95% interval), or better (the baseline lies below it).
struct HoldOutVerdict {
    Q_DECLARE_TR_FUNCTIONS(HoldOutVerdict)
public:
    enum Kind { NotBetter, NotClearlyBetter, Better };
    enum Baseline { AlwaysUp, AlwaysDown, LastMove };

    static HoldOutVerdict of(const ClassificationMetrics& holdOut);
    // From a model file's hold-out metrics (ClassificationMetrics::toJson());
    // nullopt when the accuracy, its interval or a baseline is missing.
    static std::optional<HoldOutVerdict> fromJson(const QJsonObject& holdOut);

    // The verdict in words, as rich text, with the figures it rests on.
    QString text() const;
    static QString baselineName(Baseline baseline);
    // A share as the verdict writes it: "49.43 %".
    static QString percent(double share);

    Kind kind = NotBetter;
    // The first of the best when baselines tie.
    Baseline best = AlwaysUp;
    double bestAccuracy = 0;
    double accuracy = 0;
    std::size_t examples = 0;

private:
    static HoldOutVerdict judge(double accuracy, double accuracyLow, const std::array<double, 3>& baselines,
                                std::size_t examples);
};

} // namespace ss
