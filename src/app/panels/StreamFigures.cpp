#include "StreamFigures.h"

#include "app/charts/AccuracyLine.h"

#include <QLabel>
#include <QLocale>
#include <QStatusBar>

#include <algorithm>
#include <array>
#include <utility>

namespace ss {

namespace {

constexpr qint64 kRateWindowMs = 500;

// The model's running accuracy beside the best naive baseline on the same
// calls: a share of correct calls means little without it.
QString accuracyText(const Tally& t)
{
    const std::array<std::pair<AccuracyLine, double>, 3> baselines{{{AccuracyLine::AlwaysUp, t.alwaysUpAccuracy()},
                                                                     {AccuracyLine::AlwaysDown, t.alwaysDownAccuracy()},
                                                                     {AccuracyLine::LastMove, t.lastMoveAccuracy()}}};
    const auto best = std::max_element(baselines.begin(), baselines.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    const auto percent = [](double share) { return QStringLiteral("%1%").arg(share * 100, 0, 'f', 2); };
    return StreamFigures::tr("%1 correct of %2 resolved (best baseline: %3, %4)")
        .arg(percent(t.accuracy()), QLocale().toString(static_cast<qulonglong>(t.resolved)),
             accuracyLineName(best->first), percent(best->second));
}

} // namespace

StreamFigures::StreamFigures(QStatusBar* bar) : QObject(bar), records_(new QLabel), rate_(new QLabel)
{
    records_->setObjectName(QStringLiteral("recordsLabel"));
    records_->setToolTip(tr("Calls judged so far and the share that were right, beside the best of the three "
                            "naive baselines (always up, always down, same as last move) on the same calls."));
    bar->addPermanentWidget(records_);
    bar->addPermanentWidget(rate_);
}

void StreamFigures::showReplay(const ReplaySnapshot& snapshot)
{
    const QLocale locale;
    records_->setText(tr("%1 / %2 records, %3")
                          .arg(locale.toString(static_cast<qulonglong>(snapshot.progress.processed)),
                               locale.toString(static_cast<qulonglong>(snapshot.progress.total)),
                               accuracyText(snapshot.overall)));
}

void StreamFigures::showLive(const ReplaySnapshot& snapshot)
{
    records_->setText(tr("%1 ticks, %2")
                          .arg(QLocale().toString(static_cast<qulonglong>(snapshot.progress.processed)),
                               accuracyText(snapshot.overall)));
}

void StreamFigures::updateRate(const ReplayProgress& progress)
{
    if (progress.processed < rateProcessed_) {
        rateProcessed_ = progress.processed;
        rateClock_.restart();
    }
    const qint64 elapsed = rateClock_.elapsed();
    if (elapsed >= kRateWindowMs) {
        const double rate =
            static_cast<double>(progress.processed - rateProcessed_) * 1000.0 / static_cast<double>(elapsed);
        rateProcessed_ = progress.processed;
        rateClock_.restart();
        rate_->setText(tr("%1 records/s").arg(QLocale().toString(rate, 'f', 0)));
    }
}

void StreamFigures::restart()
{
    rateClock_.start();
    rateProcessed_ = 0;
}

void StreamFigures::clear()
{
    records_->clear();
    rate_->clear();
}

} // namespace ss
