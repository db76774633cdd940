#pragma once

#include "core/online/OnlineSnapshot.h"

#include <QStackedWidget>

#include <array>
#include <memory>

class QLabel;
class QLineSeries;

namespace ss {

class TimeChart;

// The Compare models view: rolling accuracy of the static model, the online
// scorer and the always-up and always-down baselines, all on the same calls
// of the same stream, with the totals since the start. Says how to turn
// the online scorer on while it is off.
class ModelComparisonView : public QStackedWidget {
    Q_OBJECT
public:
    enum Line { StaticModel, OnlineModel, AlwaysUp, AlwaysDown, LastMove, kLines };

    explicit ModelComparisonView(QWidget* parent = nullptr);

    // From a snapshot's online figures (nullopt while online learning is off).
    void update(std::shared_ptr<const OnlineSnapshot> online);
    void clear();

    bool showsHint() const;
    QLineSeries* line(Line which) const { return lines_[which]; }
    QString figures() const;

private:
    TimeChart* chart_;
    std::array<QLineSeries*, kLines> lines_{};
    QLabel* figures_;
};

} // namespace ss
