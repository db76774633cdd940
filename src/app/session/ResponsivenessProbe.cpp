#include "ResponsivenessProbe.h"

#include "app/MainWindow.h"
#include "app/charts/OverviewChart.h"
#include "ReplaySpeed.h"
#include "app/charts/StockChartPanel.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineSeries>

#include <cstdio>

namespace ss {

namespace {

constexpr int kTickMs = 10;

// A line of /proc/self/status, such as VmRSS or VmHWM, in MB.
double procStatusMb(const QByteArray& key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').front().toDouble() / 1024.0;
    return 0;
}

QJsonObject gapsJson(qint64 maxNs, qint64 totalNs, qint64 ticks, qint64 over50ms)
{
    return {{"max_gap_ms", maxNs / 1e6},
            {"mean_gap_ms", ticks > 0 ? totalNs / 1e6 / static_cast<double>(ticks) : 0.0},
            {"ticks", ticks},
            {"gaps_over_50ms", over50ms}};
}

} // namespace

void ResponsivenessProbe::Gaps::add(qint64 ns)
{
    ++ticks;
    totalNs += ns;
    maxNs = std::max(maxNs, ns);
    over50ms += ns > 50'000'000;
}

ResponsivenessProbe::ResponsivenessProbe(MainWindow& window, QString path, bool logged, QObject* parent)
    : QObject(parent), window_(window), path_(std::move(path)), logged_(logged)
{
    ticker_.setTimerType(Qt::PreciseTimer);
    ticker_.setInterval(kTickMs);
    connect(&ticker_, &QTimer::timeout, this, &ResponsivenessProbe::onTick);
    connect(&window_, &MainWindow::dataLoaded, this, &ResponsivenessProbe::onLoaded);
}

void ResponsivenessProbe::start()
{
    rssStartMb_ = procStatusMb("VmRSS");
    window_.setSpeedNotch(ReplaySpeed::notchCount() - 1);
    // Measured like the command line's replay, without --db or with it.
    window_.setLogging(logged_);
    clock_.start();
    sinceTick_.start();
    ticker_.start();
    window_.openData(path_);
}

void ResponsivenessProbe::onTick()
{
    const qint64 gap = sinceTick_.nsecsElapsed();
    sinceTick_.restart();
    (replaying_ ? replayGaps_ : loadGaps_).add(gap);
}

void ResponsivenessProbe::onLoaded(bool ok)
{
    if (!ok) {
        std::fprintf(stderr, "stockstream: cannot open %s\n", qPrintable(path_));
        QApplication::exit(1);
        return;
    }
    loadSeconds_ = clock_.nsecsElapsed() / 1e9;
    connect(window_.engine(), &ReplayEngine::finished, this, &ResponsivenessProbe::finish, Qt::QueuedConnection);
    replaying_ = true;
    clock_.restart();
    window_.engine()->play();
}

void ResponsivenessProbe::finish(bool complete)
{
    const double replaySeconds = clock_.nsecsElapsed() / 1e9;
    ticker_.stop();
    window_.refreshViews();
    const ReplayProgress p = window_.engine()->progress();
    QJsonObject o{
        {"data", path_},
        {"complete", complete},
        {"records", static_cast<qint64>(p.processed)},
        {"load_s", loadSeconds_},
        {"replay_s", replaySeconds},
        {"records_per_s", replaySeconds > 0 ? p.processed / replaySeconds : 0.0},
        {"engine_active_s", p.activeSeconds},
        {"refresh_ms", MainWindow::kRefreshMs},
        {"replay", gapsJson(replayGaps_.maxNs, replayGaps_.totalNs, replayGaps_.ticks, replayGaps_.over50ms)},
        {"load", gapsJson(loadGaps_.maxNs, loadGaps_.totalNs, loadGaps_.ticks, loadGaps_.over50ms)},
        {"rss_start_mb", rssStartMb_},
        {"rss_end_mb", procStatusMb("VmRSS")},
        {"rss_peak_mb", procStatusMb("VmHWM")},
        {"price_points", window_.stockCharts()->priceSeries()->count()},
        {"overview_points", window_.overviewChart()->points()},
        {"logged", logged_},
    };
    if (logged_)
        o.insert("log_bytes", QFileInfo(window_.logPath()).size());
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    QApplication::exit(complete ? 0 : 1);
}

} // namespace ss
