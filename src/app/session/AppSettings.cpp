#include "AppSettings.h"

#include "app/dialogs/OnlineLearningDialog.h"
#include "core/storage/PredictionLog.h"

#include <QDir>

namespace ss {

int AppSettings::replaySpeed(int defaultNotch) const
{
    return settings_.value("replay/speed", defaultNotch).toInt();
}

void AppSettings::setReplaySpeed(int notch)
{
    settings_.setValue("replay/speed", notch);
}

bool AppSettings::logReplays() const
{
    return settings_.value("log/enabled", true).toBool();
}

void AppSettings::setLogReplays(bool on)
{
    settings_.setValue("log/enabled", on);
}

QString AppSettings::logPath() const
{
    return settings_.value("log/path", PredictionLog::defaultPath()).toString();
}

void AppSettings::setLogPath(const QString& path)
{
    settings_.setValue("log/path", path);
}

bool AppSettings::cacheData() const
{
    return settings_.value("data/cache", true).toBool();
}

void AppSettings::setCacheData(bool on)
{
    settings_.setValue("data/cache", on);
}

bool AppSettings::candlesticks() const
{
    return settings_.value("chart/candlesticks", false).toBool();
}

void AppSettings::setCandlesticks(bool on)
{
    settings_.setValue("chart/candlesticks", on);
}

QString AppSettings::chartFolder() const
{
    return settings_.value("chart/folder", QDir::homePath()).toString();
}

void AppSettings::setChartFolder(const QString& folder)
{
    settings_.setValue("chart/folder", folder);
}

QString AppSettings::lastData() const
{
    return settings_.value("data/last").toString();
}

void AppSettings::setLastData(const QString& path)
{
    setOrRemove(QStringLiteral("data/last"), path);
}

QString AppSettings::lastModel() const
{
    return settings_.value("model/last").toString();
}

void AppSettings::setLastModel(const QString& path)
{
    setOrRemove(QStringLiteral("model/last"), path);
}

OnlineOptions AppSettings::onlineOptions() const
{
    return OnlineLearningDialog::load(settings_);
}

void AppSettings::setOnlineOptions(const OnlineOptions& options)
{
    OnlineLearningDialog::save(settings_, options);
}

double AppSettings::tradingCostBps() const
{
    return settings_.value("backtest/costBps", kDefaultTradingCostBps).toDouble();
}

void AppSettings::setTradingCostBps(double costBps)
{
    settings_.setValue("backtest/costBps", costBps);
}

LiveFeedSettings AppSettings::liveFeed() const
{
    return LiveFeedSettings::load(settings_);
}

void AppSettings::setLiveFeed(const LiveFeedSettings& settings)
{
    settings.save(settings_);
}

void AppSettings::setOrRemove(const QString& key, const QString& value)
{
    if (value.isEmpty())
        settings_.remove(key);
    else
        settings_.setValue(key, value);
}

} // namespace ss
