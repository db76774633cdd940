#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace ss {

class MainWindow;

// Measures how the window copes with a replay at full speed: opens the
// data, plays it to the end as fast as the engine goes, watches how late a
// 10 ms timer fires on the GUI thread, then prints one line of JSON and
// quits. Run by `stockstream --measure-responsiveness PATH`; with
// --measure-logged the replay is logged as File ▸ Log Replays does, to the
// log the window's settings name.
class ResponsivenessProbe : public QObject {
    Q_OBJECT
public:
    ResponsivenessProbe(MainWindow& window, QString path, bool logged, QObject* parent = nullptr);
    void start();

private:
    void onLoaded(bool ok);
    void onTick();
    void finish(bool complete);

    struct Gaps {
        qint64 ticks = 0;
        qint64 maxNs = 0;
        qint64 totalNs = 0;
        qint64 over50ms = 0;
        void add(qint64 ns);
    };

    MainWindow& window_;
    QString path_;
    bool logged_;
    QTimer ticker_;
    QElapsedTimer sinceTick_;
    QElapsedTimer clock_;
    bool replaying_ = false;
    double loadSeconds_ = 0;
    Gaps loadGaps_;
    Gaps replayGaps_;
    double rssStartMb_ = 0;
};

} // namespace ss
