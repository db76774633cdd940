#include "JsonLinesParser.h"

#include "DecimalParser.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace ss {

namespace {

class Scanner {
public:
    explicit Scanner(std::string_view s) : s_(s) {}

    void skipSpace()
    {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n'))
            ++pos_;
    }
    bool consume(char c)
    {
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    bool atEnd()
    {
        skipSpace();
        return pos_ == s_.size();
    }
    char peek()
    {
        skipSpace();
        return pos_ < s_.size() ? s_[pos_] : '\0';
    }

    // A JSON string with its escapes resolved into out (\uXXXX as UTF-8).
    bool string(std::string& out)
    {
        out.clear();
        if (!consume('"'))
            return false;
        while (pos_ < s_.size()) {
            const char c = s_[pos_++];
            if (c == '"')
                return true;
            if (static_cast<unsigned char>(c) < 0x20)
                return false;
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (pos_ >= s_.size())
                return false;
            const char e = s_[pos_++];
            switch (e) {
            case '"': case '\\': case '/': out.push_back(e); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                unsigned cp = 0;
                if (pos_ + 4 > s_.size())
                    return false;
                const auto [p, ec] = std::from_chars(s_.data() + pos_, s_.data() + pos_ + 4, cp, 16);
                if (ec != std::errc() || p != s_.data() + pos_ + 4)
                    return false;
                pos_ += 4;
                appendUtf8(out, cp);
                break;
            }
            default: return false;
            }
        }
        return false;
    }

    bool number(double& value)
    {
        skipSpace();
        const std::size_t start = pos_;
        while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-'
                                    || s_[pos_] == '+' || s_[pos_] == '.' || s_[pos_] == 'e' || s_[pos_] == 'E'))
            ++pos_;
        if (start == pos_ || s_[start] == '+')
            return false;
        return parseDecimal(s_.substr(start, pos_ - start), value);
    }

    // An array of 1..limit numbers.
    bool numbers(std::vector<double>& out, std::size_t limit)
    {
        out.clear();
        if (!consume('['))
            return false;
        double value = 0;
        do {
            if (out.size() == limit || !number(value))
                return false;
            out.push_back(value);
        } while (consume(','));
        return consume(']');
    }

    bool literal(std::string_view word)
    {
        skipSpace();
        if (s_.substr(pos_, word.size()) != word)
            return false;
        pos_ += word.size();
        return true;
    }

    // Any value we do not need: a scalar or an array of scalars.
    bool skipValue(int depth = 0)
    {
        std::string scratch;
        double number = 0;
        switch (peek()) {
        case '"': return string(scratch);
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        case '[':
            if (depth > 0)
                return false;
            consume('[');
            if (consume(']'))
                return true;
            do {
                if (!skipValue(depth + 1))
                    return false;
            } while (consume(','));
            return consume(']');
        default: return this->number(number);
        }
    }

private:
    static void appendUtf8(std::string& out, unsigned cp)
    {
        // Lone surrogates become U+FFFD; the stock name check refuses them anyway.
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = 0xFFFD;
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

} // namespace

LineKind JsonLinesParser::parse(std::string_view line, TickRecord& out, const char*& why)
{
    Scanner in(line);
    if (in.atEnd())
        return LineKind::Blank;
    if (!in.consume('{')) {
        why = "not a JSON object";
        return LineKind::Malformed;
    }
    bool haveStock = false, havePrice = false, haveDate = false;
    double price = 0;
    prices_.clear();
    std::string key;
    if (!in.consume('}')) {
        do {
            if (!in.string(key) || !in.consume(':')) {
                why = "invalid JSON";
                return LineKind::Malformed;
            }
            bool ok = true;
            if (key == "stock") {
                ok = in.string(stock_);
                haveStock = ok;
            } else if (key == "price" || (key == "close" && !havePrice)) {
                ok = in.number(price);
                havePrice = ok;
            } else if (key == "prices" && acceptWindows_) {
                ok = in.numbers(prices_, kMaxWindowPrices);
            } else if (key == "date") {
                ok = in.string(date_);
                haveDate = ok;
            } else {
                ok = in.skipValue();
            }
            if (!ok) {
                why = "invalid JSON value";
                return LineKind::Malformed;
            }
        } while (in.consume(','));
        if (!in.consume('}')) {
            why = "invalid JSON";
            return LineKind::Malformed;
        }
    }
    if (!in.atEnd()) {
        why = "text after the JSON object";
        return LineKind::Malformed;
    }
    if (!prices_.empty()) {
        if (havePrice) {
            why = "both price and prices";
            return LineKind::Malformed;
        }
        price = prices_.back();
        havePrice = true;
    }
    if (!haveStock || !havePrice || !haveDate) {
        why = "missing stock, price or date";
        return LineKind::Malformed;
    }
    if (!isValidStockName(stock_)) {
        why = "bad stock name";
        return LineKind::Malformed;
    }
    const auto positive = [](double p) { return std::isfinite(p) && p > 0; };
    if (!positive(price) || !std::all_of(prices_.begin(), prices_.end(), positive)) {
        why = "price is not a positive finite number";
        return LineKind::Malformed;
    }
    if (!isPriceInRange(price) || !std::all_of(prices_.begin(), prices_.end(), isPriceInRange)) {
        why = kPriceOutOfRange;
        return LineKind::Malformed;
    }
    const auto time = timestamp::parse(date_);
    if (!time) {
        why = "bad date";
        return LineKind::Malformed;
    }
    out.stock = stock_;
    out.time = *time;
    out.close = price;
    return LineKind::Record;
}

} // namespace ss
