#include "ReplayActions.h"

#include "app/dialogs/DateDialog.h"
#include "core/data/MarketData.h"
#include "core/stream/StreamSession.h"

#include <QAction>
#include <QDateTime>
#include <QStyle>
#include <QWidget>

namespace ss {

namespace {

QDate dateOf(Timestamp time)
{
    return QDateTime::fromSecsSinceEpoch(time, Qt::UTC).date();
}

Timestamp timeOf(QDate date)
{
    return timestamp::fromCivil(date.year(), date.month(), date.day());
}

} // namespace

ReplayActions::ReplayActions(QWidget* window)
    : QObject(window),
      window_(window),
      stepBack_(new QAction(tr("Step &Back"), this)),
      stepBackDay_(new QAction(tr("Step Back a D&ay"), this)),
      goToDate_(new QAction(tr("&Go to Date…"), this)),
      replayFromDate_(new QAction(tr("Replay &From Date…"), this))
{
    QStyle* style = window->style();
    stepBack_->setObjectName(QStringLiteral("actionStepBack"));
    stepBack_->setIconText(tr("Back"));
    stepBack_->setIcon(style->standardIcon(QStyle::SP_ArrowLeft));
    stepBack_->setShortcut(Qt::Key_Left);
    stepBack_->setToolTip(tr("Undo the latest record (←)"));
    stepBackDay_->setObjectName(QStringLiteral("actionStepBackDay"));
    stepBackDay_->setIconText(tr("Day back"));
    stepBackDay_->setIcon(style->standardIcon(QStyle::SP_MediaSeekBackward));
    stepBackDay_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Left));
    stepBackDay_->setToolTip(tr("Undo the latest date's records (Shift+←)"));
    goToDate_->setObjectName(QStringLiteral("actionGoToDate"));
    goToDate_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    goToDate_->setToolTip(tr("Replay up to a date and pause there (Ctrl+G)"));
    replayFromDate_->setObjectName(QStringLiteral("actionReplayFromDate"));
    replayFromDate_->setToolTip(tr("Start the replay at a date, the history before it drawn but not called"));

    connect(stepBack_, &QAction::triggered, this, [this] { session_->stepBack(); });
    connect(stepBackDay_, &QAction::triggered, this, [this] { session_->stepBackTimestamp(); });
    connect(goToDate_, &QAction::triggered, this, [this] {
        askDate(tr("Go to Date"), [this](QDate date) { goTo(date); });
    });
    connect(replayFromDate_, &QAction::triggered, this, [this] {
        askDate(tr("Replay From Date"), [this](QDate date) { replayFrom(timeOf(date)); });
    });
    updateEnabled();
}

void ReplayActions::setSession(StreamSession* session)
{
    session_ = session;
    updateEnabled();
}

void ReplayActions::updateEnabled()
{
    const StreamSession::Capabilities caps = session_ ? session_->capabilities() : StreamSession::Capabilities{};
    const bool dated = session_ && session_->data();
    stepBack_->setEnabled(caps.stepBack);
    stepBackDay_->setEnabled(caps.stepBack);
    goToDate_->setEnabled(caps.seek && caps.step && dated);
    replayFromDate_->setEnabled(caps.stepBack && dated);
}

void ReplayActions::goTo(QDate date)
{
    if (!goToDate_->isEnabled())
        return;
    // The seek stops before the date; the step takes its records in, so the
    // chart ends on the day asked for, as stepping forward there would.
    session_->seek(timeOf(date));
    session_->stepTimestamp();
    emit told(tr("Going to %1…").arg(date.toString(Qt::ISODate)));
}

void ReplayActions::replayFrom(Timestamp time)
{
    if (!replayFromDate_->isEnabled())
        return;
    session_->replayFrom(time);
    emit told(tr("The replay starts at %1: the history before it is drawn, calls are made from it on.")
                  .arg(QString::fromStdString(timestamp::formatDate(time))));
}

void ReplayActions::askDate(const QString& title, const std::function<void(QDate)>& chosen)
{
    const auto data = session_->data();
    const QDate first = dateOf(data->firstTime());
    const QDate last = dateOf(data->lastTime());
    const Timestamp now = session_->progress().time;
    auto* dialog = new DateDialog(title, first, last, now ? dateOf(now) : first, window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [dialog, chosen] { chosen(dialog->date()); });
    dialog->open();
}

} // namespace ss
