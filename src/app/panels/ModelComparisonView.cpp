#include "ModelComparisonView.h"

#include "app/charts/AccuracyLine.h"
#include "app/charts/ChartView.h"
#include "app/charts/TimeChart.h"

#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>

namespace ss {

ModelComparisonView::ModelComparisonView(QWidget* parent)
    : QStackedWidget(parent), chart_(new TimeChart(tr("Rolling accuracy on the same calls"))), figures_(new QLabel)
{
    auto* hint = new QLabel(tr("The online scorer is off. Turn it on with Replay ▸ Online Learning… "
                               "(Online scorer beside the model): it then calls every window the model "
                               "calls, learns from each outcome, and is compared with the model here."));
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    hint->setMargin(24);
    addWidget(hint);

    const std::array<AccuracyLine, kLines> kinds{AccuracyLine::Model, AccuracyLine::OnlineModel,
                                                 AccuracyLine::AlwaysUp, AccuracyLine::AlwaysDown,
                                                 AccuracyLine::LastMove};
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        lines_[i] = chart_->addLine(accuracyLineName(kinds[i]));
        styleAccuracyLine(lines_[i], kinds[i]);
    }
    figures_->setWordWrap(true);
    figures_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(chart_, 1);
    layout->addWidget(figures_);
    addWidget(page);
}

bool ModelComparisonView::showsHint() const
{
    return currentIndex() == 0;
}

void ModelComparisonView::clear()
{
    update(nullptr);
}

void ModelComparisonView::update(std::shared_ptr<const OnlineSnapshot> online)
{
    if (!online || !online->options.scorer.enabled) {
        for (QLineSeries* line : lines_)
            line->clear();
        figures_->clear();
        setCurrentIndex(0);
        return;
    }
    setCurrentIndex(1);
    std::array<std::vector<QPointF>, kLines> points;
    for (auto& line : points)
        line.reserve(online->accuracyHistory.size());
    for (const AccuracyPoint& p : online->accuracyHistory) {
        // Batches before the first call resolved have no accuracy, only zeros.
        if (points[StaticModel].empty() && p.staticAccuracy == 0 && p.onlineAccuracy == 0 && p.upShare == 0 &&
            p.lastMoveAccuracy == 0)
            continue;
        const double x = ChartView::axisValue(p.time);
        points[StaticModel].emplace_back(x, p.staticAccuracy);
        points[OnlineModel].emplace_back(x, p.onlineAccuracy);
        points[AlwaysUp].emplace_back(x, p.upShare);
        points[AlwaysDown].emplace_back(x, 1.0 - p.upShare);
        points[LastMove].emplace_back(x, p.lastMoveAccuracy);
    }
    for (std::size_t i = 0; i < lines_.size(); ++i)
        chart_->setLine(lines_[i], points[i]);
    chart_->fitAxes(0, 1);
    chart_->chart()->setTitle(tr("Rolling accuracy over the last %L1 calls both made").arg(online->rollingSpan));

    const Tally& model = online->staticTally;
    const Tally& learner = online->onlineTally;
    const auto percent = [](double share) { return QStringLiteral("%1%").arg(share * 100, 0, 'f', 2); };
    figures_->setText(tr("Since the start, on %L1 calls both made: model %2, online model %3; "
                         "always up %4, always down %5, same as last move %6. Online model restarted %7 times.")
                          .arg(learner.resolved)
                          .arg(percent(model.accuracy()), percent(learner.accuracy()),
                               percent(model.alwaysUpAccuracy()), percent(model.alwaysDownAccuracy()),
                               percent(model.lastMoveAccuracy()))
                          .arg(online->scorerRestarts));
}

QString ModelComparisonView::figures() const
{
    return figures_->text();
}

} // namespace ss
