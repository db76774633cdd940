#include "LogisticModel.h"

#include "core/system/OutputFile.h"
#include "core/system/SmallFile.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace ss {

LogisticModel::LogisticModel(int window, FeatureTransform transform, std::vector<double> weights, double intercept)
    : window_(window), transform_(transform), weights_(std::move(weights)), intercept_(intercept)
{
}

std::optional<LogisticModel> LogisticModel::fromJson(const QByteArray& json, QString* error)
{
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    // Qt's parser stops at numbers like 1e999: name that as what it is.
    if (parseError.error == QJsonParseError::IllegalNumber)
        return fail(QStringLiteral("holds a number that is not finite (at offset %1)").arg(parseError.offset));
    if (doc.isNull() || !doc.isObject())
        return fail(QStringLiteral("not valid JSON (%1)").arg(parseError.errorString()));
    const QJsonObject o = doc.object();

    if (o.value("format").toString() != QLatin1String(kFormat))
        return fail(QStringLiteral("unknown format \"%1\" (expected %2)")
                        .arg(o.value("format").toVariant().toString(), QLatin1String(kFormat)));
    const QJsonValue windowValue = o.value("window");
    const double windowNumber = windowValue.toDouble(-1);
    if (!windowValue.isDouble() || windowNumber != std::floor(windowNumber) || windowNumber < features::kMinWindow
        || windowNumber > features::kMaxWindow)
        return fail(QStringLiteral("window must be a whole number from %1 to %2")
                        .arg(features::kMinWindow)
                        .arg(features::kMaxWindow));
    const int window = static_cast<int>(windowNumber);
    const auto transform = features::parseTransform(o.value("transform").toString().toStdString());
    if (!transform)
        return fail(QStringLiteral("unknown transform \"%1\" (expected raw or relative)")
                        .arg(o.value("transform").toVariant().toString()));

    const QJsonArray weightArray = o.value("weights").toArray();
    const int expected = features::count(*transform, window);
    if (weightArray.size() != expected)
        return fail(QStringLiteral("%1 weights do not fit window %2 with the %3 transform (expected %4)")
                        .arg(weightArray.size())
                        .arg(window)
                        .arg(QString::fromUtf8(features::transformName(*transform)))
                        .arg(expected));
    std::vector<double> weights;
    for (const QJsonValue& w : weightArray) {
        // QJsonDocument turns NaN and infinities into null, so "not a number" covers them.
        if (!w.isDouble() || !std::isfinite(w.toDouble()))
            return fail(QStringLiteral("a weight is not a finite number"));
        if (std::abs(w.toDouble()) > kMaxWeight)
            return fail(QStringLiteral("a weight is beyond ±%1").arg(kMaxWeight));
        weights.push_back(w.toDouble());
    }
    const QJsonValue intercept = o.value("intercept");
    if (!intercept.isDouble() || !std::isfinite(intercept.toDouble()))
        return fail(QStringLiteral("the intercept is not a finite number"));
    if (std::abs(intercept.toDouble()) > kMaxWeight)
        return fail(QStringLiteral("the intercept is beyond ±%1").arg(kMaxWeight));

    LogisticModel model(window, *transform, std::move(weights), intercept.toDouble());
    const QJsonObject regularization = o.value("regularization").toObject();
    if (regularization.contains("C")) {
        const double c = regularization.value("C").toDouble(-1);
        if (!(c > 0) || !std::isfinite(c))
            return fail(QStringLiteral("regularization C is not a positive finite number"));
        model.c_ = c;
    }
    model.trainedOn_ = o.value("trained_on").toObject();
    model.metrics_ = o.value("metrics").toObject();
    return model;
}

std::optional<LogisticModel> LogisticModel::load(const QString& path, QString* error)
{
    QString why;
    const auto bytes = SmallFile::read(path, kMaxFileBytes, &why);
    if (!bytes) {
        if (error)
            *error = QStringLiteral("cannot open model %1: %2").arg(path, why);
        return std::nullopt;
    }
    auto model = fromJson(*bytes, &why);
    if (!model) {
        if (error)
            *error = QStringLiteral("model %1 refused: %2").arg(path, why);
        return std::nullopt;
    }
    model->sourcePath_ = path;
    return model;
}

QJsonObject LogisticModel::toJson() const
{
    QJsonArray weights;
    for (double w : weights_)
        weights.append(w);
    return QJsonObject{
        {"format", QLatin1String(kFormat)},
        {"window", window_},
        {"transform", QString::fromUtf8(features::transformName(transform_))},
        {"weights", weights},
        {"intercept", intercept_},
        {"regularization", QJsonObject{{"penalty", "l2"}, {"C", c_}}},
        {"trained_on", trainedOn_},
        {"metrics", metrics_},
    };
}

bool LogisticModel::save(const QString& path, QString* error) const
{
    OutputFile file(path);
    QString why;
    const QByteArray text = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    if (!file.open(OutputFile::Write::Atomically, &why) || !file.write(text, &why) || !file.commit(&why)) {
        if (error)
            *error = QStringLiteral("cannot write model %1: %2").arg(path, why);
        return false;
    }
    return true;
}

} // namespace ss
