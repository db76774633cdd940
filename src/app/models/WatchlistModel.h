#pragma once

#include "core/stream/ReplaySnapshot.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace ss {

class MarketData;

// One row per stock: where it stands in the replay, how the model's calls
// on it compare with the best naive baseline and, when the calls are
// traded, what long/flat returned against buying and holding the stock. Fed whole snapshots at the
// view's frame rate; only rows that changed are announced, so sorting and
// selection survive updates.
class WatchlistModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Stock, LastDate, LastClose, Change, PUp, Call, Resolved, HitRate, BestBaseline, VsBaseline,
        TradedReturn, VsBuyAndHold, ColumnCount
    };
    // The raw number behind a cell, for sorting.
    static constexpr int SortRole = Qt::UserRole;

    explicit WatchlistModel(QObject* parent = nullptr);

    void setStocks(const MarketData& data);
    // A live feed's stocks, in the order they arrived: the rows start empty
    // and grow with addStocks().
    void setStocks(const QStringList& names);
    void addStocks(const QStringList& names);
    // Returns how many rows changed.
    std::size_t update(const ReplaySnapshot& snapshot);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        StockStatus status;
        Tally tally;
        // The stock's long/flat and buy-and-hold total returns, once a call resolved in a backtest.
        std::optional<std::pair<double, double>> returns;
    };
    static bool differs(const Row& row, const Row& now);
    QVariant display(const Row& row, int column) const;
    QVariant sortValue(const Row& row, int rowIndex, int column) const;

    QStringList names_;
    std::vector<Row> rows_;
};

} // namespace ss
