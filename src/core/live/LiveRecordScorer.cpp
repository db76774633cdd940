#include "LiveRecordScorer.h"

#include <algorithm>
#include <array>

namespace ss {

LiveRecordScorer::LiveRecordScorer(std::shared_ptr<const LogisticModel> model)
    : registry_(std::make_shared<StockRegistry>()), pipeline_(0, std::move(model))
{
}

void LiveRecordScorer::beginInput(std::string defaultStock)
{
    defaultStock_ = std::move(defaultStock);
    formatKnown_ = false;
    csv_.reset();
}

LiveRecordScorer::Outcome LiveRecordScorer::score(std::string_view line, std::size_t& stock, const char*& why)
{
    if (!formatKnown_) {
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos)
            return Outcome::Skipped;
        formatKnown_ = true;
        if (line[first] != '{')
            csv_.emplace(defaultStock_);
    }
    const LineKind kind = csv_ ? csv_->parse(line, record_, why) : parser_.parse(line, record_, why);
    if (kind == LineKind::Blank || kind == LineKind::Header)
        return Outcome::Skipped;
    static const std::vector<double> noWindow;
    if (kind == LineKind::Record && take(record_, csv_ ? noWindow : parser_.windowPrices(), stock, why))
        return Outcome::Scored;
    return csv_ && csv_->headerRefused() ? Outcome::Refused : Outcome::Rejected;
}

bool LiveRecordScorer::take(const TickRecord& record, const std::vector<double>& window, std::size_t& stock,
                            const char*& why)
{
    bool added = false;
    const auto index = registry_->intern(record.stock, added);
    if (!index) {
        why = "too many stocks";
        return false;
    }
    stock = *index;
    if (added) {
        pipeline_.addStock();
        validator_.addStock();
    }
    if (!window.empty() && !continuesWindow(stock, window)) {
        why = "window does not continue the stock's closes";
        return false;
    }
    if (!validator_.accept(stock, record.time, why)) {
        outOfOrder_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    if (window.size() > 1 && pipeline_.windower().closes(stock) == 0)
        std::for_each(window.begin(), window.end() - 1, [&](double close) { pipeline_.seed(stock, close); });
    pipeline_.process(Tick{stock, record.time, record.close});
    lastTime_ = record.time;
    records_.store(pipeline_.records(), std::memory_order_relaxed);
    return true;
}

// Whether the window's older prices are the stock's latest closes (as many
// of them as the stock has); a stock with none continues any window.
bool LiveRecordScorer::continuesWindow(std::size_t stock, const std::vector<double>& window) const
{
    const std::size_t older = window.size() - 1;
    const std::size_t known = std::min(older, pipeline_.windower().closes(stock));
    std::array<double, JsonLinesParser::kMaxWindowPrices> latest{};
    if (!pipeline_.windower().window(stock, static_cast<int>(known), latest.data()))
        return false;
    return std::equal(latest.begin(), latest.begin() + static_cast<std::ptrdiff_t>(known),
                      window.end() - 1 - static_cast<std::ptrdiff_t>(known));
}

} // namespace ss
