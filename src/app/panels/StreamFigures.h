#pragma once

#include "core/stream/ReplaySnapshot.h"

#include <QElapsedTimer>
#include <QObject>

class QLabel;
class QStatusBar;

namespace ss {

// The status bar's figures on the stream: the records (or a live feed's
// ticks) so far with the share of calls that were right beside the best
// naive baseline on the same calls, and records a second.
class StreamFigures : public QObject {
    Q_OBJECT
public:
    explicit StreamFigures(QStatusBar* bar);

    void showReplay(const ReplaySnapshot& snapshot);
    void showLive(const ReplaySnapshot& snapshot);
    // Records a second over the last half second or so.
    void updateRate(const ReplayProgress& progress);
    // A new stream: its rate counts from now.
    void restart();
    void clear();

private:
    QLabel* records_;
    QLabel* rate_;
    QElapsedTimer rateClock_;
    std::size_t rateProcessed_ = 0;
};

} // namespace ss
