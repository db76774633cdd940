#pragma once

#include "app/session/LiveFeed.h"

#include <QLabel>

namespace ss {

// The status bar's word on a live feed: connecting, connected, reconnecting,
// cannot reach or disconnected, with messages a second and the time since
// the last message; its tooltip explains the figures and lists each broker
// that cannot be reached. Hidden while no feed is on screen.
class LiveStatusIndicator : public QLabel {
    Q_OBJECT
public:
    explicit LiveStatusIndicator(QWidget* parent = nullptr);

    // `feed` names the feed; `checksPerSecond` is how often the window polls it.
    void showStatus(const LiveFeed::Status& status, const QString& feed, int checksPerSecond);
};

} // namespace ss
