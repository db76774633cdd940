#pragma once

#include <QList>
#include <QObject>
#include <QSize>

class QDockWidget;
class QMainWindow;
class QRect;
class QSettings;

namespace ss {

// Where the main window's docks go: the chart is the window's centre; the
// watchlist is a narrow column at the left with the other panels tabbed
// under it, so the chart keeps most of the window on a laptop's screen as on
// a desktop's. The user's own arrangement, the window's size and place are
// remembered; reset() brings the first one back.
class WorkspaceLayout : public QObject {
    Q_OBJECT
public:
    // Bumped when the docks change, so a layout saved by an older window
    // is not applied to this one.
    static constexpr int kVersion = 2;

    // `panels` are tabbed in this order, the first one in front; `hidden`
    // join the tabs when shown.
    WorkspaceLayout(QMainWindow* window, QDockWidget* watchlist, QList<QDockWidget*> panels,
                    QList<QDockWidget*> hidden, QSettings& settings);

    // The saved geometry and docks, else the default ones in a window sized
    // to the screen.
    void restore();
    void save();
    void reset();
    // Every dock, for View's toggles.
    QList<QDockWidget*> docks() const;
    // The first launch's window: most of the screen, never more than it.
    static QSize firstLaunchSize(const QRect& available);
    // The watchlist column's width: what its columns need, within a share
    // of the window.
    void setWatchlistWidth(int width);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Where the docks go, then how wide and tall they are in the window.
    void arrange();
    void sizeDocks();

    QMainWindow* window_;
    QDockWidget* watchlist_;
    QList<QDockWidget*> panels_;
    QList<QDockWidget*> hidden_;
    QSettings& settings_;
    int watchlistWidth_ = 280;
};

} // namespace ss
