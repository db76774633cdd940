#include "WorkspaceLayout.h"

#include <QAction>
#include <QDockWidget>
#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>
#include <QTabBar>
#include <QSettings>

#include <algorithm>

namespace ss {

namespace {

// At most this share of the window's width for the watchlist column, so the
// chart keeps the rest.
constexpr double kMaxSideShare = 0.4;
// Of the column's height, the watchlist's share; the panels take the rest.
constexpr int kWatchlistHeightShare = 55;
constexpr double kFirstLaunchShare = 0.9;

} // namespace

WorkspaceLayout::WorkspaceLayout(QMainWindow* window, QDockWidget* watchlist, QList<QDockWidget*> panels,
                                 QList<QDockWidget*> hidden, QSettings& settings)
    : QObject(window), window_(window), watchlist_(watchlist), panels_(std::move(panels)), hidden_(std::move(hidden)),
      settings_(settings)
{
    window_->setDockOptions(QMainWindow::AllowTabbedDocks | QMainWindow::AnimatedDocks);
    // The column runs the window's full height beside the chart.
    window_->setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    window_->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    window_->installEventFilter(this);
    // Ticked in the View menu, a panel comes to the front of its tabs.
    for (QDockWidget* dock : docks())
        connect(dock->toggleViewAction(), &QAction::triggered, dock, [dock](bool shown) {
            if (shown)
                dock->raise();
        });
}

bool WorkspaceLayout::eventFilter(QObject* watched, QEvent* event)
{
    // The tabs of a narrow column scroll rather than cut their titles short.
    // Polished: the window's layout sets up a tab bar after creating it.
    if (watched == window_ && event->type() == QEvent::ChildPolished)
        if (auto* tabs = qobject_cast<QTabBar*>(static_cast<QChildEvent*>(event)->child())) {
            tabs->setElideMode(Qt::ElideNone);
            tabs->setUsesScrollButtons(true);
        }
    return QObject::eventFilter(watched, event);
}

QList<QDockWidget*> WorkspaceLayout::docks() const
{
    return QList<QDockWidget*>{watchlist_} + panels_ + hidden_;
}

QSize WorkspaceLayout::firstLaunchSize(const QRect& available)
{
    return (QSizeF(available.size()) * kFirstLaunchShare).toSize();
}

void WorkspaceLayout::setWatchlistWidth(int width)
{
    watchlistWidth_ = width;
}

void WorkspaceLayout::arrange()
{
    // Tabbed before they are shown: shown first, the docks would stand one
    // above the other for a moment and stretch the window to their height.
    for (QDockWidget* dock : docks()) {
        dock->hide();
        dock->setFloating(false);
    }
    window_->addDockWidget(Qt::LeftDockWidgetArea, watchlist_);
    if (!panels_.isEmpty()) {
        window_->splitDockWidget(watchlist_, panels_.front(), Qt::Vertical);
        for (QDockWidget* dock : panels_.mid(1) + hidden_)
            window_->tabifyDockWidget(panels_.front(), dock);
    }
    watchlist_->show();
    for (QDockWidget* dock : panels_)
        dock->show();
    if (!panels_.isEmpty())
        panels_.front()->raise();
}

void WorkspaceLayout::sizeDocks()
{
    const int width = std::min(watchlistWidth_, static_cast<int>(window_->width() * kMaxSideShare));
    window_->resizeDocks({watchlist_}, {width}, Qt::Horizontal);
    if (!panels_.isEmpty())
        window_->resizeDocks({watchlist_, panels_.front()}, {kWatchlistHeightShare, 100 - kWatchlistHeightShare},
                             Qt::Vertical);
}

void WorkspaceLayout::restore()
{
    arrange();
    if (!window_->restoreGeometry(settings_.value("window/geometry").toByteArray())) {
        const QScreen* screen = window_->screen() ? window_->screen() : QGuiApplication::primaryScreen();
        const QRect available = screen->availableGeometry();
        window_->resize(firstLaunchSize(available).expandedTo(window_->minimumSizeHint()).boundedTo(available.size()));
        window_->move(available.center() - window_->rect().center());
    }
    sizeDocks();
    window_->restoreState(settings_.value("window/state").toByteArray(), kVersion);
}

void WorkspaceLayout::save()
{
    settings_.setValue("window/geometry", window_->saveGeometry());
    settings_.setValue("window/state", window_->saveState(kVersion));
}

void WorkspaceLayout::reset()
{
    arrange();
    sizeDocks();
    settings_.remove("window/state");
}

} // namespace ss
