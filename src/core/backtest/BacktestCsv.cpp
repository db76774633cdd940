#include "BacktestCsv.h"

#include "BacktestFigures.h"

#include <QSaveFile>
#include <QTextStream>

namespace ss {

namespace {

QString field(double value)
{
    return QString::number(value, 'g', 17);
}

QString field(const std::optional<double>& value)
{
    return value ? field(*value) : QString();
}

// A stock name as a CSV field: quoted only when it must be.
QString quoted(const std::string& name)
{
    QString text = QString::fromStdString(name);
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    return QLatin1Char('"') + text.replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
}

} // namespace

bool writeBacktestCsv(const BacktestSnapshot& snapshot, const std::function<std::string(std::size_t)>& stockName,
                      const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "stock,strategy,total_return,cagr,volatility,sharpe,max_drawdown,exposure,trades,periods\n";
    for (std::size_t stock = 0; stock < snapshot.stocks.size(); ++stock) {
        if (accountOf(snapshot.stocks[stock], Strategy::BuyAndHold).periods == 0)
            continue;
        const QString name = quoted(stockName(stock));
        for (const Strategy s : kAllStrategies) {
            const BacktestFigures f = BacktestFigures::of(accountOf(snapshot.stocks[stock], s));
            out << name << ',' << strategyName(s) << ',' << field(f.totalReturn) << ',' << field(f.cagr) << ','
                << field(f.volatility) << ',' << field(f.sharpe) << ',' << field(f.maxDrawdown) << ','
                << field(f.exposure) << ',' << f.trades << ',' << f.periods << '\n';
        }
    }
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ss
