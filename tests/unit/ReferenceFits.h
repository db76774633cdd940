#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <vector>

// scikit-learn's optimum on ibm.us.txt for one transform, as committed in
// tests/reference/ibm_reference.json (tests/reference/sklearn_reference.py
// made it); empty if the file is missing. fits: "fits" for the fit on the
// training part (with its hold-out metrics), "all_examples_fits" for the
// fit on every example.
inline QJsonObject ibmReferenceFit(const QString& transform, const char* fits = "fits")
{
    QFile f(QStringLiteral(STOCKSTREAM_SOURCE_DIR "/tests/reference/ibm_reference.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QJsonValue& fit : QJsonDocument::fromJson(f.readAll()).object().value(fits).toArray())
        if (fit.toObject().value("transform").toString() == transform)
            return fit.toObject();
    return {};
}

// The first weight (or the intercept) that does not agree with the
// reference fit `ref` to 4 significant digits, with a floor for weights near
// zero; empty when all agree.
inline QString differenceFromReference(const std::vector<double>& weights, double intercept, const QJsonObject& ref)
{
    auto agrees = [](double actual, double expected) {
        return std::abs(actual - expected) <= 1e-4 * std::abs(expected) + 1e-12;
    };
    const QJsonArray expected = ref.value("weights").toArray();
    if (static_cast<qsizetype>(weights.size()) != expected.size())
        return QStringLiteral("%1 weights, not %2").arg(weights.size()).arg(expected.size());
    for (qsizetype j = 0; j < expected.size(); ++j)
        if (!agrees(weights[static_cast<std::size_t>(j)], expected[j].toDouble()))
            return QStringLiteral("weight %1: %2 vs %3")
                .arg(j)
                .arg(weights[static_cast<std::size_t>(j)], 0, 'g', 17)
                .arg(expected[j].toDouble(), 0, 'g', 17);
    if (!agrees(intercept, ref.value("intercept").toDouble()))
        return QStringLiteral("intercept %1 vs %2")
            .arg(intercept, 0, 'g', 17)
            .arg(ref.value("intercept").toDouble(), 0, 'g', 17);
    return {};
}
