#include "PredictionRecord.h"

#include "core/data/JsonText.h"

#include <charconv>
#include <cmath>

namespace ss {

namespace {

enum class Syntax { Json, Csv };

// CSV leaves a non-finite number's field empty.
void appendNumber(std::string& out, double value, Syntax syntax)
{
    if (syntax == Syntax::Json || std::isfinite(value))
        json::appendNumber(out, value);
}

void appendInteger(std::string& out, int value)
{
    char buf[16];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr);
}

void appendCsvField(std::string& out, std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void appendJsonArray(std::string& out, std::initializer_list<double> values)
{
    out += '[';
    bool first = true;
    for (const double v : values) {
        if (!first)
            out += ", ";
        first = false;
        appendNumber(out, v, Syntax::Json);
    }
    out += ']';
}

// The online fields after SPEC.md's: a missing figure is null in JSON and an
// empty field in CSV (a NaN becomes either through appendNumber).
void appendOnline(std::string& out, const OnlineCall& online, Syntax syntax)
{
    const bool json = syntax == Syntax::Json;
    out += json ? ", \"cluster\": " : ",";
    if (online.hasCluster())
        appendInteger(out, online.cluster);
    else if (json)
        out += "null";
    out += json ? ", \"predictedClose\": " : ",";
    appendNumber(out, online.predictedClose, syntax);
    out += json ? ", \"onlineProbability\": " : ",";
    appendNumber(out, online.pUp, syntax);
}

// The trading fields after all others: the position, and the net return
// once the call is resolved (null in JSON, empty in CSV while open).
void appendTrading(std::string& out, const PredictionRecord& r, const TradingColumns& trading, Syntax syntax)
{
    const bool json = syntax == Syntax::Json;
    const int p = position(trading.strategy, r.up);
    out += json ? ", \"position\": " : ",";
    appendInteger(out, p);
    out += json ? ", \"net_return\": " : ",";
    if (!r.actual || r.window.empty()) {
        if (json)
            out += "null";
        return;
    }
    const int previous = r.previousUp ? position(trading.strategy, *r.previousUp) : 0;
    appendNumber(out, netReturn(p, previous, r.nextClose / r.window.back() - 1, trading.costBps / 10000), syntax);
}

} // namespace

void PredictionRecord::setWindow(const double* closes, int size, FeatureTransform transform)
{
    window.assign(closes, closes + size);
    features.resize(static_cast<std::size_t>(features::count(transform, size)));
    features::compute(transform, closes, size, features.data());
}

void PredictionRecord::appendJson(std::string& out, const TradingColumns* trading) const
{
    out += "{\"stock\": ";
    json::appendString(out, stock);
    out += ", \"date\": \"";
    out += timestamp::format(time);
    out += '"';
    for (std::size_t i = 0; i < window.size(); ++i) {
        out += ", \"n";
        appendInteger(out, static_cast<int>(window.size() - i));
        out += "\": ";
        appendNumber(out, window[i], Syntax::Json);
    }
    out += ", \"features\": [";
    for (std::size_t i = 0; i < features.size(); ++i) {
        if (i > 0)
            out += ", ";
        appendNumber(out, features[i], Syntax::Json);
    }
    out += "], \"rawPrediction\": ";
    appendJsonArray(out, {-margin, margin});
    out += ", \"probability\": ";
    appendJsonArray(out, {1.0 - pUp, pUp});
    out += up ? ", \"prediction\": 1.0, \"actual\": " : ", \"prediction\": 0.0, \"actual\": ";
    out += actual ? (*actual ? "1" : "0") : "null";
    if (online)
        appendOnline(out, *online, Syntax::Json);
    if (trading)
        appendTrading(out, *this, *trading, Syntax::Json);
    out += '}';
}

void PredictionRecord::appendCsv(std::string& out, const TradingColumns* trading) const
{
    appendCsvField(out, stock);
    out += ',';
    out += timestamp::format(time);
    for (const double v : window) {
        out += ',';
        appendNumber(out, v, Syntax::Csv);
    }
    for (const double v : features) {
        out += ',';
        appendNumber(out, v, Syntax::Csv);
    }
    for (const double v : {-margin, margin, 1.0 - pUp, pUp}) {
        out += ',';
        appendNumber(out, v, Syntax::Csv);
    }
    out += up ? ",1.0," : ",0.0,";
    if (actual)
        out += *actual ? '1' : '0';
    if (online)
        appendOnline(out, *online, Syntax::Csv);
    if (trading)
        appendTrading(out, *this, *trading, Syntax::Csv);
    out += "\r\n";
}

void PredictionRecord::appendCsvHeader(std::string& out, int window, int featureCount, bool online, bool trading)
{
    out += "stock,date";
    for (int i = window; i >= 1; --i) {
        out += ",n";
        appendInteger(out, i);
    }
    for (int i = 1; i <= featureCount; ++i) {
        out += ",feature_";
        appendInteger(out, i);
    }
    out += ",rawPrediction_1,rawPrediction_2,probability_1,probability_2,prediction,actual";
    if (online)
        out += ",cluster,predictedClose,onlineProbability";
    if (trading)
        out += ",position,net_return";
    out += "\r\n";
}

} // namespace ss
