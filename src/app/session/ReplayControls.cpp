#include "ReplayControls.h"

#include "app/session/ReplaySpeed.h"
#include "app/session/ReplayTimeline.h"
#include "app/session/StreamController.h"

#include <QAction>
#include <QLabel>
#include <QMainWindow>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

namespace ss {

ReplayControls::ReplayControls(QMainWindow* window, QToolBar* bar, const Actions& actions, StreamController* stream)
    : QObject(window), window_(window), actions_(actions), stream_(stream)
{
    bar->addWidget(new QLabel(tr(" Speed ")));
    speedSlider_ = new QSlider(Qt::Horizontal);
    speedSlider_->setObjectName(QStringLiteral("speedSlider"));
    speedSlider_->setRange(0, ReplaySpeed::notchCount() - 1);
    speedSlider_->setPageStep(1);
    speedSlider_->setTickPosition(QSlider::TicksBelow);
    speedSlider_->setFixedWidth(110);
    speedSlider_->setToolTip(tr("Replay speed: trading days per second, or as fast as possible ([ and ])"));
    bar->addWidget(speedSlider_);
    speedLabel_ = new QLabel;
    speedLabel_->setMinimumWidth(window->fontMetrics().horizontalAdvance(QStringLiteral("1000 days/s ")));
    bar->addWidget(speedLabel_);
    connect(speedSlider_, &QSlider::valueChanged, this, [this](int notch) {
        speedLabel_->setText(ReplaySpeed::label(notch));
        applySpeed();
    });
    bar->addSeparator();
    dateLabel_ = new QLabel;
    dateLabel_->setMinimumWidth(window->fontMetrics().horizontalAdvance(QStringLiteral(" 0000-00-00T00:00:00 ")));
    dateLabel_->setAlignment(Qt::AlignCenter);
    dateLabel_->setToolTip(tr("Date of the latest record replayed"));
    bar->addWidget(dateLabel_);
    timeline_ = new ReplayTimeline;
    timeline_->setRange(0, kTimelineSteps);
    timeline_->setPageStep(kTimelineSteps / 20);
    timeline_->setMinimumWidth(200);
    timeline_->setToolTip(tr("Click or drag to seek to a date"));
    bar->addWidget(timeline_);
    connect(timeline_, &QSlider::sliderMoved, this, [this](int position) {
        dateLabel_->setText(QString::fromStdString(timestamp::formatDate(timeAt(position))));
    });
    connect(timeline_, &QSlider::sliderReleased, this, [this] { seekTo(timeline_->value()); });
    connect(timeline_, &QSlider::actionTriggered, this, [this](int action) {
        if (action != QAbstractSlider::SliderMove)
            seekTo(timeline_->sliderPosition());
    });

    connect(actions.playPause, &QAction::triggered, this, &ReplayControls::togglePlay);
    connect(actions.step, &QAction::triggered, this, [this] {
        dropPlayHint();
        stream_->engine()->step();
    });
    connect(actions.stepDay, &QAction::triggered, this, [this] {
        dropPlayHint();
        stream_->engine()->stepTimestamp();
    });
    connect(actions.stop, &QAction::triggered, this, [this] { stream_->engine()->stop(); });
    connect(actions.slower, &QAction::triggered, this, [this] { setSpeedNotch(speedSlider_->value() - 1); });
    connect(actions.faster, &QAction::triggered, this, [this] { setSpeedNotch(speedSlider_->value() + 1); });
}

void ReplayControls::setSpeedNotch(int notch)
{
    speedSlider_->setValue(notch);
    speedLabel_->setText(ReplaySpeed::label(speedSlider_->value()));
}

int ReplayControls::speedNotch() const
{
    return speedSlider_->value();
}

void ReplayControls::applySpeed()
{
    if (ReplayEngine* engine = stream_->engine())
        engine->setPace(ReplaySpeed::pace(speedSlider_->value()));
}

void ReplayControls::setSpan(Timestamp first, Timestamp last)
{
    first_ = first;
    last_ = last;
    timeline_->setSpan(first, last);
}

Timestamp ReplayControls::timeAt(int position) const
{
    return first_ + (last_ - first_) * position / kTimelineSteps;
}

void ReplayControls::seekTo(int position)
{
    ReplayEngine* engine = stream_->engine();
    if (!engine)
        return;
    const Timestamp time = timeAt(position);
    engine->seek(time);
    window_->statusBar()->showMessage(
        tr("Seeking to %1…").arg(QString::fromStdString(timestamp::formatDate(time))), 3000);
}

void ReplayControls::showProgress(const ReplayProgress& p)
{
    if (timeline_->isSliderDown())
        return;
    dateLabel_->setText(p.processed > 0 ? QString::fromStdString(timestamp::format(p.time)) : tr("not started"));
    const Timestamp span = std::max<Timestamp>(last_ - first_, 1);
    const auto position = p.processed > 0 ? static_cast<int>((p.time - first_) * kTimelineSteps / span) : 0;
    QSignalBlocker block(timeline_);
    timeline_->setValue(position);
}

void ReplayControls::showDate(Timestamp time)
{
    dateLabel_->setText(QString::fromStdString(timestamp::format(time)));
}

void ReplayControls::updateState()
{
    ReplayEngine* engine = stream_->engine();
    const bool loaded = engine != nullptr;
    const ReplayState state = loaded ? engine->state() : ReplayState::Ready;
    const bool playing = state == ReplayState::Playing;
    QAction* play = actions_.playPause;
    play->setEnabled(loaded);
    play->setText(playing ? tr("&Pause") : tr("&Play"));
    play->setIconText(playing ? tr("Pause") : tr("Play"));
    play->setIcon(window_->style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    play->setToolTip(playing ? tr("Pause the replay (Space)") : tr("Play the replay (Space)"));
    actions_.step->setEnabled(loaded);
    actions_.stepDay->setEnabled(loaded);
    actions_.stop->setEnabled(loaded && (playing || state == ReplayState::Paused));
    actions_.restart->setEnabled(loaded);
    timeline_->setEnabled(loaded);
}

QString ReplayControls::playHint()
{
    return tr("Press Space to play.");
}

void ReplayControls::announce(const QString& note)
{
    announced_ = note;
    window_->statusBar()->showMessage(note + ' ' + playHint(), 10000);
}

// Once the replay moves, the hint has done its work; what was opened stays said.
void ReplayControls::dropPlayHint()
{
    if (window_->statusBar()->currentMessage() == announced_ + ' ' + playHint())
        window_->statusBar()->showMessage(announced_, 10000);
}

void ReplayControls::togglePlay()
{
    dropPlayHint();
    ReplayEngine* engine = stream_->engine();
    if (engine->state() == ReplayState::Playing)
        engine->pause();
    else
        engine->play();
}

} // namespace ss
