#pragma once

#include "app/models/WatchlistModel.h"

#include <QList>
#include <QObject>
#include <QPersistentModelIndex>

#include <array>

class QAction;
class QLineEdit;
class QSettings;
class QSortFilterProxyModel;
class QTableView;
class QWidget;

namespace ss {

// The watchlist dock's behaviour over its filter and table: sorting and
// filtering through a proxy, the columns shown (a few by default, the rest
// from the header's context menu, remembered), and the filter's keys
// (Ctrl+F or / to type in it, Escape to clear it and give the keyboard back
// to the chart).
class WatchlistPanel : public QObject {
    Q_OBJECT
public:
    // Shown until the user picks others: the stock, its close, the call on
    // it and how often the calls were right.
    static const QList<int>& defaultColumns();

    WatchlistPanel(QLineEdit* filter, QTableView* view, WatchlistModel* model, QSettings& settings, QObject* parent);

    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* view() const { return view_; }
    // Ctrl+F and /: puts the keyboard in the filter.
    QAction* findAction() const { return find_; }
    // Where Escape in the filter sends the keyboard.
    void setHomeWidget(QWidget* widget) { home_ = widget; }

    void showColumn(int column, bool shown);
    void resetColumns();
    // The width the shown columns need, for sizing the dock.
    int preferredWidth() const;
    // Brings the order up to date with changed rows: re-sorting thousands
    // of rows every frame would stall the window, so at most a few times a
    // second.
    void resortSoon();
    // The stock of the current row, or empty.
    QString currentStock() const;

private:
    void sizeColumns();
    void showColumnMenu(const QPoint& position);
    void rememberColumns();

    QLineEdit* filter_;
    QTableView* view_;
    WatchlistModel* model_;
    QSettings& settings_;
    QSortFilterProxyModel* proxy_;
    QAction* find_;
    QWidget* home_ = nullptr;
    QPersistentModelIndex charted_;
    std::array<int, WatchlistModel::ColumnCount> widths_{};
    qint64 lastSort_ = 0;
};

} // namespace ss
