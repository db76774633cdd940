#include "WatchlistPanel.h"

#include "app/models/WatchlistModel.h"

#include <QAction>
#include <QDateTime>
#include <QFontMetrics>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <array>

namespace ss {

namespace {

constexpr qint64 kResortMs = 500;
const QString kHiddenKey = QStringLiteral("watchlist/hiddenColumns");

} // namespace

const QList<int>& WatchlistPanel::defaultColumns()
{
    static const QList<int> columns{WatchlistModel::Stock, WatchlistModel::LastClose, WatchlistModel::Call,
                                    WatchlistModel::HitRate};
    return columns;
}

WatchlistPanel::WatchlistPanel(QLineEdit* filter, QTableView* view, WatchlistModel* model, QSettings& settings,
                               QObject* parent)
    : QObject(parent), filter_(filter), view_(view), model_(model), settings_(settings),
      proxy_(new QSortFilterProxyModel(this)), find_(new QAction(tr("Find Stock"), this))
{
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(WatchlistModel::SortRole);
    proxy_->setFilterKeyColumn(WatchlistModel::Stock);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    // Sorted by resortSoon(), not on every change of a row.
    proxy_->setDynamicSortFilter(false);
    view_->setModel(proxy_);
    view_->sortByColumn(WatchlistModel::Stock, Qt::AscendingOrder);
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    sizeColumns();
    QHeaderView* header = view_->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setToolTip(tr("Right-click to choose the columns"));
    connect(header, &QHeaderView::customContextMenuRequested, this, &WatchlistPanel::showColumnMenu);
    QVariantList hidden;
    for (int c = 0; c < WatchlistModel::ColumnCount; ++c)
        if (!defaultColumns().contains(c))
            hidden.append(c);
    for (const QVariant& column : settings_.value(kHiddenKey, hidden).toList())
        view_->setColumnHidden(column.toInt(), true);

    // The charted stock comes back when the filter no longer hides it.
    connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (const QModelIndex current = view_->currentIndex(); current.isValid())
            charted_ = proxy_->mapToSource(current);
        proxy_->setFilterFixedString(text);
        if (const QModelIndex back = proxy_->mapFromSource(charted_); back.isValid() && !view_->currentIndex().isValid())
            view_->setCurrentIndex(back);
    });
    // The replay's keys work from the first launch: the filter takes the
    // keyboard only when asked to (a click, Ctrl+F or /).
    filter_->setFocusPolicy(Qt::ClickFocus);
    filter_->setClearButtonEnabled(true);
    filter_->setToolTip(tr("Show the stocks whose name contains this (Ctrl+F or /; Escape clears it)"));
    find_->setObjectName(QStringLiteral("actionFindStock"));
    find_->setShortcuts({QKeySequence::Find, QKeySequence(Qt::Key_Slash)});
    find_->setToolTip(tr("Type in the watchlist's filter"));
    connect(find_, &QAction::triggered, this, [this] {
        filter_->setFocus(Qt::ShortcutFocusReason);
        filter_->selectAll();
    });
    auto* leave = new QShortcut(QKeySequence(Qt::Key_Escape), filter_, nullptr, nullptr, Qt::WidgetShortcut);
    leave->setWhatsThis(tr("Clear the filter and return to the chart"));
    connect(leave, &QShortcut::activated, this, [this] {
        filter_->clear();
        (home_ ? home_ : view_)->setFocus(Qt::ShortcutFocusReason);
    });
}

void WatchlistPanel::sizeColumns()
{
    // Sized once from typical values: fitting columns to their contents
    // would measure thousands of cells on every refresh.
    const std::array<QString, WatchlistModel::ColumnCount> typical{
        QStringLiteral("agm-a.us_"), QStringLiteral("2017-11-10"), QStringLiteral("12345.67"), QStringLiteral("+12.3%"),
        QStringLiteral("0.500"),     QStringLiteral("▲"),          QStringLiteral("14000"),    QStringLiteral("55.5%"),
        QStringLiteral("55.5%"),     QStringLiteral("+10.5 pt"),   QStringLiteral("+1234.5%"), QStringLiteral("-1234.5 pt")};
    QHeaderView* header = view_->horizontalHeader();
    const QFontMetrics metrics(view_->font());
    for (int c = 0; c < WatchlistModel::ColumnCount; ++c) {
        const QString title = model_->headerData(c, Qt::Horizontal).toString();
        const int width = std::max(metrics.horizontalAdvance(typical[static_cast<std::size_t>(c)]),
                                   header->fontMetrics().horizontalAdvance(title) + 16);
        widths_[static_cast<std::size_t>(c)] = width + 12;
        header->resizeSection(c, widths_[static_cast<std::size_t>(c)]);
    }
}

// From the columns' own widths: the last one stretches to fill the view.
int WatchlistPanel::preferredWidth() const
{
    int width = 2 * view_->frameWidth() + view_->verticalScrollBar()->sizeHint().width();
    for (int c = 0; c < WatchlistModel::ColumnCount; ++c)
        if (!view_->isColumnHidden(c))
            width += widths_[static_cast<std::size_t>(c)];
    return width;
}

void WatchlistPanel::showColumnMenu(const QPoint& position)
{
    QMenu menu(view_);
    for (int c = WatchlistModel::Stock + 1; c < WatchlistModel::ColumnCount; ++c) {
        QAction* action = menu.addAction(model_->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!view_->isColumnHidden(c));
        connect(action, &QAction::toggled, this, [this, c](bool shown) { showColumn(c, shown); });
    }
    menu.addSeparator();
    menu.addAction(tr("Default Columns"), this, &WatchlistPanel::resetColumns);
    menu.exec(view_->horizontalHeader()->mapToGlobal(position));
}

void WatchlistPanel::showColumn(int column, bool shown)
{
    view_->setColumnHidden(column, !shown);
    rememberColumns();
}

void WatchlistPanel::resetColumns()
{
    for (int c = 0; c < WatchlistModel::ColumnCount; ++c)
        view_->setColumnHidden(c, !defaultColumns().contains(c));
    sizeColumns();
    settings_.remove(kHiddenKey);
}

void WatchlistPanel::rememberColumns()
{
    QVariantList hidden;
    for (int c = 0; c < WatchlistModel::ColumnCount; ++c)
        if (view_->isColumnHidden(c))
            hidden.append(c);
    settings_.setValue(kHiddenKey, hidden);
}

void WatchlistPanel::resortSoon()
{
    const int column = proxy_->sortColumn();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (column == WatchlistModel::Stock || now - lastSort_ < kResortMs)
        return;
    proxy_->sort(column, proxy_->sortOrder());
    lastSort_ = now;
}

QString WatchlistPanel::currentStock() const
{
    const QModelIndex current = view_->currentIndex();
    return current.isValid() ? proxy_->mapToSource(current).siblingAtColumn(WatchlistModel::Stock).data().toString()
                             : QString();
}

} // namespace ss
