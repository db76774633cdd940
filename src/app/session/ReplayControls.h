#pragma once

#include "core/data/Timestamp.h"
#include "core/stream/ReplaySnapshot.h"

#include <QObject>

class QAction;
class QLabel;
class QMainWindow;
class QSlider;
class QToolBar;

namespace ss {

class ReplayTimeline;
class StreamController;

// The replay's controls: play/pause, the steps, stop and the speed, each
// enabled as the replay's state allows; the speed slider, the date and
// the timeline that seeks where it is clicked or dragged to; and the
// status bar's hint to press Space, said until the replay first moves.
class ReplayControls : public QObject {
    Q_OBJECT
public:
    static constexpr int kTimelineSteps = 10000;

    struct Actions {
        QAction* playPause;
        QAction* step;
        QAction* stepDay;
        QAction* stop;
        QAction* slower;
        QAction* faster;
        // What a restart does is the window's to say: only enabled here.
        QAction* restart;
    };

    // Adds the speed, date and timeline to `bar`.
    ReplayControls(QMainWindow* window, QToolBar* bar, const Actions& actions, StreamController* stream);

    void setSpeedNotch(int notch);
    int speedNotch() const;
    // The replay's engine takes the speed shown.
    void applySpeed();
    // The data's first and last times, which the timeline spans.
    void setSpan(Timestamp first, Timestamp last);
    // Seeks to the date at a point of the timeline (0..kTimelineSteps).
    void seekTo(int position);
    void showProgress(const ReplayProgress& progress);
    void showDate(Timestamp time);
    // The actions and the timeline as the replay's state allows.
    void updateState();
    // Says what was opened, with the hint to press Space.
    void announce(const QString& note);
    void togglePlay();

private:
    Timestamp timeAt(int position) const;
    static QString playHint();
    void dropPlayHint();

    QMainWindow* window_;
    Actions actions_;
    StreamController* stream_;
    QSlider* speedSlider_;
    QLabel* speedLabel_;
    QLabel* dateLabel_;
    ReplayTimeline* timeline_;
    Timestamp first_ = 0;
    Timestamp last_ = 0;
    QString announced_;
};

} // namespace ss
