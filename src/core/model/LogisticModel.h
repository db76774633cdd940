#pragma once

#include "FeatureTransform.h"
#include "core/system/InstalledData.h"

#include <QJsonObject>
#include <QString>

#include <cmath>
#include <optional>
#include <vector>

namespace ss {

// The direction model of SPEC.md: p_up = sigmoid(w·x + b) over a window's
// features. Loaded from and saved to the "stockstream-logistic/1" JSON file;
// anything that would score nonsense is refused on load.
class LogisticModel {
public:
    static constexpr const char* kFormat = "stockstream-logistic/1";
    // The model every program scores with unless told otherwise, compiled
    // into the core library's resources.
    static constexpr const char* kBuiltIn = InstalledData::kBuiltInModel;
    // A model file is a few hundred bytes; anything this large is not one.
    static constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;
    // The largest weight or intercept a model file may hold: with features
    // of in-range prices (kMaxPrice) every term stays below 1e160, so a
    // margin is always finite. Fitted models are many orders below it.
    static constexpr double kMaxWeight = 1e100;

    LogisticModel(int window, FeatureTransform transform, std::vector<double> weights, double intercept);

    // On failure returns nullopt and sets *error to one sentence saying why.
    static std::optional<LogisticModel> fromJson(const QByteArray& json, QString* error);
    static std::optional<LogisticModel> load(const QString& path, QString* error);
    QJsonObject toJson() const;
    // Atomic: a reader never sees half a model file.
    bool save(const QString& path, QString* error) const;

    int window() const { return window_; }
    FeatureTransform transform() const { return transform_; }
    const std::vector<double>& weights() const { return weights_; }
    double intercept() const { return intercept_; }

    double margin(const double* features) const
    {
        double m = intercept_;
        for (std::size_t i = 0; i < weights_.size(); ++i)
            m += weights_[i] * features[i];
        return m;
    }
    static double probability(double margin) { return 1.0 / (1.0 + std::exp(-margin)); }
    // probability(margin) > 0.5, SPEC.md's "up", mostly without the
    // exponential, which costs more than the rest of a call: a margin clear
    // of zero decides by its sign, and only within a hair of zero, where
    // rounding can make p_up exactly 0.5, is p_up computed.
    static bool callsUp(double margin) { return margin > 1e-12 || (margin > 0 && probability(margin) > 0.5); }

    // Provenance and figures carried by the file (C, training data, metrics).
    double regularizationC() const { return c_; }
    void setRegularizationC(double c) { c_ = c; }
    const QJsonObject& trainedOn() const { return trainedOn_; }
    void setTrainedOn(const QJsonObject& info) { trainedOn_ = info; }
    const QJsonObject& metrics() const { return metrics_; }
    void setMetrics(const QJsonObject& metrics) { metrics_ = metrics; }
    // The file it came from, empty for a model built in memory.
    const QString& sourcePath() const { return sourcePath_; }

private:
    int window_;
    FeatureTransform transform_;
    std::vector<double> weights_;
    double intercept_;
    double c_ = 1.0;
    QJsonObject trainedOn_;
    QJsonObject metrics_;
    QString sourcePath_;
};

} // namespace ss
