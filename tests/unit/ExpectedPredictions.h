#pragma once

// SPEC.md's prediction records derived straight from ticker files and a
// model file, with nothing but Qt's text and JSON parsing and the formulas
// of SPEC.md: what every test of the prediction log compares against.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <vector>

struct ExpectedCall {
    QString stock;
    QString date;
    std::vector<double> window;
    std::vector<double> features;
    double margin = 0;
    double pUp = 0;
    bool up = false;
    std::optional<bool> actual;
};

// Keyed by "stock|date".
using ExpectedCalls = std::map<QString, ExpectedCall>;

inline QJsonObject readJsonFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return QJsonDocument::fromJson(f.readAll()).object();
}

struct TickerCloses {
    std::vector<double> closes;
    QStringList dates;
};

// Every ticker file (*.txt) of a folder by stock name, its data rows split
// by hand; an empty file gives a stock without closes.
inline std::map<QString, TickerCloses> readTickerFolder(const QString& folder)
{
    std::map<QString, TickerCloses> stocks;
    for (const QFileInfo& info : QDir(folder).entryInfoList({"*.txt"}, QDir::Files)) {
        QFile f(info.filePath());
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(info.filePath()));
        TickerCloses& series = stocks[info.completeBaseName()];
        for (const QByteArray& line : f.readAll().split('\n')) {
            const QList<QByteArray> cols = line.trimmed().split(',');
            if (cols.size() == 7 && cols[0] != "Date") {
                series.closes.push_back(cols[4].toDouble());
                series.dates.push_back(QString::fromLatin1(cols[0]));
            }
        }
    }
    return stocks;
}

inline ExpectedCalls expectedCalls(const QString& folder, const QJsonObject& model)
{
    const auto w = static_cast<std::size_t>(model.value("window").toInt());
    const bool relative = model.value("transform").toString() == "relative";
    std::vector<double> weights;
    for (const auto v : model.value("weights").toArray())
        weights.push_back(v.toDouble());
    const double b = model.value("intercept").toDouble();

    ExpectedCalls calls;
    for (const auto& [stock, series] : readTickerFolder(folder)) {
        const std::vector<double>& closes = series.closes;
        const QStringList& dates = series.dates;
        for (std::size_t i = w - 1; i < closes.size(); ++i) {
            ExpectedCall c;
            c.stock = stock;
            c.date = dates[static_cast<qsizetype>(i)];
            c.window.assign(closes.begin() + static_cast<std::ptrdiff_t>(i + 1 - w),
                            closes.begin() + static_cast<std::ptrdiff_t>(i + 1));
            for (std::size_t k = 0; k < (relative ? w - 1 : w); ++k)
                c.features.push_back(relative ? c.window[k] / c.window[w - 1] - 1.0 : c.window[k]);
            c.margin = b;
            for (std::size_t k = 0; k < weights.size(); ++k)
                c.margin += weights[k] * c.features[k];
            c.pUp = 1.0 / (1.0 + std::exp(-c.margin));
            c.up = c.pUp > 0.5;
            if (i + 1 < closes.size())
                c.actual = closes[i + 1] > closes[i];
            calls.emplace(stock + '|' + c.date, std::move(c));
        }
    }
    return calls;
}

// The first difference between a JSON-lines record and the call it should
// describe; empty when they agree in every field.
inline QString differenceFromJson(const QJsonObject& o, const ExpectedCall& e)
{
    auto number = [](const QJsonValue& v) { return v.isDouble() ? v.toDouble() : std::nan(""); };
    const auto w = e.window.size();
    if (o.size() != static_cast<qsizetype>(w + 7))
        return QStringLiteral("%1 keys").arg(o.size());
    if (o.value("stock").toString() != e.stock || o.value("date").toString() != e.date)
        return QStringLiteral("key");
    for (std::size_t i = 0; i < w; ++i)
        if (number(o.value(QStringLiteral("n%1").arg(w - i))) != e.window[i])
            return QStringLiteral("n%1").arg(w - i);
    const QJsonArray features = o.value("features").toArray();
    if (features.size() != static_cast<qsizetype>(e.features.size()))
        return QStringLiteral("feature count");
    for (std::size_t i = 0; i < e.features.size(); ++i)
        if (number(features[static_cast<qsizetype>(i)]) != e.features[i])
            return QStringLiteral("feature %1").arg(i + 1);
    const QJsonArray raw = o.value("rawPrediction").toArray();
    const QJsonArray p = o.value("probability").toArray();
    if (raw.size() != 2 || number(raw[0]) != -e.margin || number(raw[1]) != e.margin)
        return QStringLiteral("rawPrediction");
    if (p.size() != 2 || number(p[0]) != 1.0 - e.pUp || number(p[1]) != e.pUp)
        return QStringLiteral("probability");
    if (number(o.value("prediction")) != (e.up ? 1.0 : 0.0))
        return QStringLiteral("prediction");
    const QJsonValue actual = o.value("actual");
    if (e.actual ? !actual.isDouble() || actual.toInt() != (*e.actual ? 1 : 0) : !actual.isNull())
        return QStringLiteral("actual");
    return {};
}

// Checks a JSON-lines record against the calls and that no record for the
// same call came before it; returns what is wrong, or an empty string.
// mayBeOpen: the record may show "actual": null for a call the files
// resolve (a log caught before the outcome was committed).
inline QString checkRecord(const QJsonObject& o, const ExpectedCalls& expected, std::set<QString>& seen,
                           bool mayBeOpen = false)
{
    const QString key = o.value("stock").toString() + '|' + o.value("date").toString();
    const auto e = expected.find(key);
    if (e == expected.end())
        return QStringLiteral("no such call");
    QJsonObject judged = o;
    if (mayBeOpen && o.value("actual").isNull() && e->second.actual)
        judged.insert("actual", *e->second.actual ? 1 : 0);
    if (const QString d = differenceFromJson(judged, e->second); !d.isEmpty())
        return d;
    if (!seen.insert(key).second)
        return QStringLiteral("duplicate");
    return {};
}
