#include "WatchlistModel.h"

#include "core/backtest/BacktestSnapshot.h"
#include "core/data/MarketData.h"

#include <QColor>

namespace ss {

namespace {

QString percent(double fraction)
{
    return QStringLiteral("%1%").arg(fraction * 100, 0, 'f', 1);
}

// The strongest of the three baselines on a tally, and its name.
std::pair<double, QString> bestBaseline(const Tally& t)
{
    std::pair<double, QString> best{t.alwaysDownAccuracy(), WatchlistModel::tr("always down")};
    if (t.alwaysUpAccuracy() > best.first)
        best = {t.alwaysUpAccuracy(), WatchlistModel::tr("always up")};
    if (t.lastMoveAccuracy() > best.first)
        best = {t.lastMoveAccuracy(), WatchlistModel::tr("same as last move")};
    return best;
}

double change(const StockStatus& s)
{
    return s.prevClose != 0 ? s.lastClose / s.prevClose - 1 : 0;
}

QString signedPercent(double fraction)
{
    return QStringLiteral("%1%2").arg(fraction > 0 ? "+" : "").arg(percent(fraction));
}

QString points(double difference)
{
    return QStringLiteral("%1%2 pt").arg(difference >= 0 ? "+" : "").arg(difference * 100, 0, 'f', 1);
}

QColor verdictColour(bool ahead)
{
    return ahead ? QColor(0x2e, 0x9d, 0x4a) : QColor(0xd6, 0x3a, 0x3a);
}

// A stock's long/flat and buy-and-hold total returns, once one of its calls resolved.
std::optional<std::pair<double, double>> returnsOf(const BacktestSnapshot* backtest, std::size_t stock)
{
    if (!backtest || stock >= backtest->stocks.size())
        return std::nullopt;
    const StrategyAccounts& a = backtest->stocks[stock];
    if (accountOf(a, Strategy::BuyAndHold).periods == 0)
        return std::nullopt;
    return std::pair{accountOf(a, Strategy::LongFlat).series.equity - 1,
                     accountOf(a, Strategy::BuyAndHold).series.equity - 1};
}

} // namespace

WatchlistModel::WatchlistModel(QObject* parent) : QAbstractTableModel(parent) {}

void WatchlistModel::setStocks(const MarketData& data)
{
    QStringList names;
    names.reserve(static_cast<qsizetype>(data.stockCount()));
    for (const StockSeries& s : data.stocks())
        names.append(QString::fromStdString(s.name));
    setStocks(names);
}

void WatchlistModel::setStocks(const QStringList& names)
{
    beginResetModel();
    names_ = names;
    rows_.assign(static_cast<std::size_t>(names.size()), Row{});
    endResetModel();
}

void WatchlistModel::addStocks(const QStringList& names)
{
    if (names.isEmpty())
        return;
    beginInsertRows({}, static_cast<int>(rows_.size()), static_cast<int>(rows_.size()) + static_cast<int>(names.size()) - 1);
    names_.append(names);
    rows_.resize(rows_.size() + static_cast<std::size_t>(names.size()));
    endInsertRows();
}

bool WatchlistModel::differs(const Row& row, const Row& now)
{
    const StockStatus& s = now.status;
    const Tally& t = now.tally;
    return row.status.records != s.records || row.status.hasCall != s.hasCall || row.status.margin != s.margin
           || row.tally.resolved != t.resolved || row.tally.correct != t.correct || row.returns != now.returns;
}

std::size_t WatchlistModel::update(const ReplaySnapshot& snapshot)
{
    if (snapshot.stocks.size() != rows_.size())
        return 0;
    std::size_t changed = 0;
    int first = -1;
    auto flush = [&](int end) {
        if (first >= 0)
            emit dataChanged(index(first, Stock + 1), index(end - 1, ColumnCount - 1));
        first = -1;
    };
    const auto backtest = backtestOf(snapshot);
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        Row now{snapshot.stocks[i], snapshot.tallies[i], returnsOf(backtest.get(), i)};
        if (!differs(rows_[i], now)) {
            flush(static_cast<int>(i));
            continue;
        }
        rows_[i] = std::move(now);
        ++changed;
        if (first < 0)
            first = static_cast<int>(i);
    }
    flush(static_cast<int>(rows_.size()));
    return changed;
}

int WatchlistModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int WatchlistModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WatchlistModel::display(const Row& row, int column) const
{
    const StockStatus& s = row.status;
    const Tally& t = row.tally;
    const bool traded = s.records > 0;
    switch (column) {
    case LastDate: return traded ? QString::fromStdString(timestamp::format(s.lastTime)) : QString();
    case LastClose: return traded ? QString::number(s.lastClose, 'g', 8) : QString();
    case Change: return s.records > 1 ? signedPercent(change(s)) : QString();
    case PUp: return s.hasCall ? QString::number(s.pUp(), 'f', 3) : QString();
    case Call: return s.hasCall ? (s.callUp ? QStringLiteral("▲") : QStringLiteral("▼")) : QString();
    case Resolved: return t.resolved > 0 ? QString::number(t.resolved) : QString();
    case HitRate: return t.resolved > 0 ? percent(t.accuracy()) : QString();
    case BestBaseline: return t.resolved > 0 ? percent(bestBaseline(t).first) : QString();
    case VsBaseline:
        if (t.resolved == 0)
            return {};
        return points(t.accuracy() - t.bestBaselineAccuracy());
    case TradedReturn: return row.returns ? signedPercent(row.returns->first) : QString();
    case VsBuyAndHold: return row.returns ? points(row.returns->first - row.returns->second) : QString();
    }
    return {};
}

QVariant WatchlistModel::sortValue(const Row& row, int rowIndex, int column) const
{
    const StockStatus& s = row.status;
    const Tally& t = row.tally;
    switch (column) {
    case Stock: return names_[rowIndex];
    case LastDate: return static_cast<qint64>(s.lastTime);
    case LastClose: return s.lastClose;
    case Change: return change(s);
    case PUp: return s.hasCall ? s.pUp() : -1.0;
    case Call: return s.hasCall ? (s.callUp ? 1 : 0) : -1;
    case Resolved: return static_cast<qulonglong>(t.resolved);
    case HitRate: return t.resolved > 0 ? t.accuracy() : -1.0;
    case BestBaseline: return t.resolved > 0 ? t.bestBaselineAccuracy() : -1.0;
    case VsBaseline: return t.resolved > 0 ? t.accuracy() - t.bestBaselineAccuracy() : -2.0;
    // Below any return: a stock without one sorts last.
    case TradedReturn: return row.returns ? row.returns->first : -1e300;
    case VsBuyAndHold: return row.returns ? row.returns->first - row.returns->second : -1e300;
    }
    return {};
}

QVariant WatchlistModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(rows_.size()))
        return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return column == Stock ? QVariant(names_[index.row()]) : display(row, column);
    case SortRole:
        return sortValue(row, index.row(), column);
    case Qt::TextAlignmentRole:
        return column == Stock ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                               : QVariant(column == Call ? Qt::AlignCenter : Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (column == Call && row.status.hasCall)
            return verdictColour(row.status.callUp);
        if (column == VsBaseline && row.tally.resolved > 0)
            return verdictColour(row.tally.accuracy() > row.tally.bestBaselineAccuracy());
        if (column == VsBuyAndHold && row.returns)
            return verdictColour(row.returns->first > row.returns->second);
        return {};
    case Qt::ToolTipRole:
        if (column == BestBaseline && row.tally.resolved > 0)
            return tr("best baseline: %1").arg(bestBaseline(row.tally).second);
        return {};
    }
    return {};
}

QVariant WatchlistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Stock: return tr("Stock");
        case LastDate: return tr("Last date");
        case LastClose: return tr("Close");
        case Change: return tr("Change");
        case PUp: return tr("p_up");
        case Call: return tr("Call");
        case Resolved: return tr("Resolved");
        case HitRate: return tr("Hit rate");
        case BestBaseline: return tr("Best baseline");
        case VsBaseline: return tr("vs baseline");
        case TradedReturn: return tr("Traded");
        case VsBuyAndHold: return tr("vs hold");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Change: return tr("Last close against the one before");
        case PUp: return tr("The model's probability that the next close is higher");
        case Call: return tr("The latest call: ▲ up, ▼ not up");
        case Resolved: return tr("Calls whose next close has arrived");
        case HitRate: return tr("Share of resolved calls that were right");
        case BestBaseline: return tr("Best of always up, always down and same as last move, on the same calls");
        case VsBaseline: return tr("Hit rate minus the best baseline, in percentage points");
        case TradedReturn: return tr("Total return of trading the calls long/flat, after the trading cost");
        case VsBuyAndHold:
            return tr("Traded return minus buying and holding the stock over the same calls, in percentage points");
        }
    }
    return {};
}

} // namespace ss
