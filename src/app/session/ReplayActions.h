#pragma once

#include "core/data/Timestamp.h"

#include <QDate>
#include <QList>
#include <QObject>

#include <functional>

class QAction;
class QWidget;

namespace ss {

class StreamSession;

// The replay's moves beyond play and step forward, after TradingView's Bar
// Replay: step back a record (Left) or a trading day (Shift+Left), go to a
// date (Ctrl+G) and replay from a date. Each action is enabled only while
// the session's capabilities have its move, so a live feed's window shows
// them greyed out. The window adds actions() to its menu and tool bar.
class ReplayActions : public QObject {
    Q_OBJECT
public:
    explicit ReplayActions(QWidget* window);

    // The session the actions drive, or null. Not owned: the window sets
    // null before the session goes.
    void setSession(StreamSession* session);

    QAction* stepBackAction() const { return stepBack_; }
    QAction* stepBackDayAction() const { return stepBackDay_; }
    QAction* goToDateAction() const { return goToDate_; }
    QAction* replayFromDateAction() const { return replayFromDate_; }
    QList<QAction*> actions() const { return {stepBack_, stepBackDay_, goToDate_, replayFromDate_}; }

    // Puts the replay on the first trading day at or after `date`, that
    // day's records processed, paused.
    void goTo(QDate date);
    // Starts the replay over at `time` (a click on the chart): the history
    // before it is drawn, calls are made from it on.
    void replayFrom(Timestamp time);

signals:
    // A sentence for the status bar.
    void told(const QString& message);

private:
    void updateEnabled();
    // Opens the date dialog over the data's span, non-modal to the event
    // loop, and hands the date chosen to `chosen`.
    void askDate(const QString& title, const std::function<void(QDate)>& chosen);

    QWidget* window_;
    StreamSession* session_ = nullptr;
    QAction* stepBack_;
    QAction* stepBackDay_;
    QAction* goToDate_;
    QAction* replayFromDate_;
};

} // namespace ss
