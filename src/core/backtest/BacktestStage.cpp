#include "BacktestStage.h"

#include <cstdlib>

namespace ss {

StageFactory backtest(double costBps)
{
    return [costBps](std::size_t stocks, const LogisticModel&) -> std::unique_ptr<PipelineStage> {
        return std::make_unique<BacktestStage>(stocks, costBps);
    };
}

BacktestStage::BacktestStage(std::size_t stocks, double costBps)
    : cost_(costBps / 10000), costBps_(costBps), open_(stocks), books_(stocks)
{
}

void BacktestStage::reset()
{
    *this = BacktestStage(open_.size(), costBps_);
}

void BacktestStage::addStock()
{
    open_.emplace_back();
    books_.emplace_back();
}

void BacktestStage::resolve(const Tick& tick, OpenCall& open)
{
    open.valid = false;
    if (periodCount_ > 0 && tick.time != periodTo_) {
        closePeriod(portfolio_, periodSums_, periodCount_, periodFrom_, periodTo_);
        periodSums_ = {};
        periodCount_ = 0;
    }
    periodFrom_ = periodCount_ == 0 ? open.time : std::min(periodFrom_, open.time);
    periodTo_ = tick.time;
    ++periodCount_;

    const double r = tick.close / open.close - 1;
    Book& book = books_[tick.stock];
    for (std::size_t s = 0; s < kStrategies; ++s) {
        const int p = position(kAllStrategies[s], open.up);
        const int change = std::abs(p - book.positions[s]);
        const double net = p * r - change * cost_;
        book.positions[s] = p;
        book.accounts[s].addPeriod(net, open.time, tick.time);
        book.accounts[s].countCall(p != 0, change != 0);
        portfolio_[s].countCall(p != 0, change != 0);
        periodSums_[s] += net;
    }
}

void BacktestStage::closePeriod(StrategyAccounts& portfolio, const std::array<double, kStrategies>& sums,
                                std::size_t count, Timestamp from, Timestamp to)
{
    for (std::size_t s = 0; s < kStrategies; ++s)
        portfolio[s].addPeriod(sums[s] / static_cast<double>(count), from, to);
}

BacktestSnapshot BacktestStage::snapshot() const
{
    BacktestSnapshot s;
    s.costBps = costBps_;
    s.portfolio = portfolio_;
    // The timestamp still coming in counts with what it has so far.
    if (periodCount_ > 0)
        closePeriod(s.portfolio, periodSums_, periodCount_, periodFrom_, periodTo_);
    s.stocks.reserve(books_.size());
    for (const Book& book : books_)
        s.stocks.push_back(book.accounts);
    return s;
}

} // namespace ss
