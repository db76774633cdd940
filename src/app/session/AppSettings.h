#pragma once

#include "app/session/LiveFeedSettings.h"
#include "core/online/OnlineOptions.h"

#include <QSettings>
#include <QString>

namespace ss {

// What the window remembers between launches, each setting under one typed
// accessor with its default. The parts that keep settings of their own
// (the dock layout, the watchlist's columns, Open Recent, each file's import
// choices) are handed store().
class AppSettings {
public:
    static constexpr double kDefaultTradingCostBps = 5;

    QSettings& store() { return settings_; }

    int replaySpeed(int defaultNotch) const;
    void setReplaySpeed(int notch);
    // File ▸ Log Replays, and where: File ▸ Prediction Log Location.
    bool logReplays() const;
    void setLogReplays(bool on);
    QString logPath() const;
    void setLogPath(const QString& path);
    // File ▸ Cache Data.
    bool cacheData() const;
    void setCacheData(bool on);
    // View ▸ Candlesticks, and where File ▸ Save Chart as PNG saved last.
    bool candlesticks() const;
    void setCandlesticks(bool on);
    QString chartFolder() const;
    void setChartFolder(const QString& folder);
    // The data and model reopened at launch; empty forgets them (the
    // built-in sample and the default model are what a launch falls back to).
    QString lastData() const;
    void setLastData(const QString& path);
    QString lastModel() const;
    void setLastModel(const QString& path);
    OnlineOptions onlineOptions() const;
    void setOnlineOptions(const OnlineOptions& options);
    double tradingCostBps() const;
    void setTradingCostBps(double costBps);
    LiveFeedSettings liveFeed() const;
    void setLiveFeed(const LiveFeedSettings& settings);

private:
    void setOrRemove(const QString& key, const QString& value);

    // One for the window's lifetime: Qt writes it back in the background
    // rather than on every change.
    QSettings settings_;
};

} // namespace ss
