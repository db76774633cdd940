#include "BacktestSentence.h"

#include "core/backtest/BacktestFigures.h"

#include <QLocale>

namespace ss {

namespace {

QString sharpeText(const std::optional<double>& sharpe)
{
    return sharpe ? QString::number(*sharpe, 'f', 2) : BacktestSentence::tr("undefined");
}

} // namespace

QString BacktestSentence::percent(double fraction)
{
    return QStringLiteral("%1%2 %").arg(fraction >= 0 ? QStringLiteral("+") : QString()).arg(fraction * 100, 0, 'f', 2);
}

QString BacktestSentence::of(const StrategyAccounts& accounts, double costBps)
{
    const BacktestFigures traded = BacktestFigures::of(accountOf(accounts, Strategy::LongFlat));
    const BacktestFigures held = BacktestFigures::of(accountOf(accounts, Strategy::BuyAndHold));
    if (held.periods == 0)
        return {};
    return tr("Trading on these calls (long/flat, %1 bps a trade) returned %2 against %3 for buy-and-hold; "
              "Sharpe %4 against %5.")
        .arg(QLocale::c().toString(costBps, 'g', 6), percent(traded.totalReturn), percent(held.totalReturn),
             sharpeText(traded.sharpe), sharpeText(held.sharpe));
}

} // namespace ss
