#include "LiveStatusIndicator.h"

#include <QLocale>

namespace ss {

LiveStatusIndicator::LiveStatusIndicator(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("connectionIndicator"));
    hide();
}

void LiveStatusIndicator::showStatus(const LiveFeed::Status& s, const QString& feed, int checksPerSecond)
{
    const QLocale locale;
    const bool listens = feed.startsWith(QLatin1String("listen://"));
    QString text;
    switch (s.state) {
    case LiveFeed::State::Connecting:
        text = listens ? tr("Waiting for a producer on %1").arg(feed) : tr("Connecting to %1…").arg(feed);
        break;
    case LiveFeed::State::Reconnecting:
        text = listens ? tr("Waiting for the next producer on %1").arg(feed) : tr("Reconnecting to %1…").arg(feed);
        break;
    case LiveFeed::State::Connected: text = tr("Connected to %1").arg(feed); break;
    case LiveFeed::State::Unreachable:
        text = tr("Cannot reach %1: %2 · retrying").arg(feed, s.clientErrors.front().first);
        break;
    case LiveFeed::State::Disconnecting: text = tr("Disconnecting from %1…").arg(feed); break;
    case LiveFeed::State::Ended: text = tr("Disconnected: %1").arg(s.reason); break;
    }
    if (s.state != LiveFeed::State::Ended)
        text += tr(" · %1 msg/s").arg(locale.toString(s.messagesPerSecond, 'f', 0));
    if (s.secondsSinceMessage >= 0)
        text += tr(" · last message %1 s ago").arg(locale.toString(s.secondsSinceMessage, 'f', 1));
    setText(text);
    QString errors;
    for (const auto& [what, reason] : s.clientErrors)
        errors += QStringLiteral("<li><b>%1</b>: %2</li>").arg(what.toHtmlEscaped(), reason.toHtmlEscaped());
    if (!errors.isEmpty())
        errors = tr("<p>The brokers cannot be reached; the client keeps retrying, and this clears once one "
                    "answers:</p><ul>%1</ul>")
                     .arg(errors);
    setToolTip(errors +
               tr("<p>%1 messages received (%2 ticks scored, %3 refused), %4 connection(s).</p>"
                  "<p><b>msg/s</b>: lines received a second over the last second.<br>"
                  "<b>last message</b>: wall-clock time since the window last saw a message arrive, checked %5 "
                  "times a second; it grows while the feed is quiet. The ticks' own dates say nothing of delay (a "
                  "replayed history is decades old), so the lag shown is this one.</p>")
                   .arg(locale.toString(static_cast<qulonglong>(s.messages)),
                        locale.toString(static_cast<qulonglong>(s.records)),
                        locale.toString(static_cast<qulonglong>(s.messages - s.records)),
                        locale.toString(static_cast<qulonglong>(s.connections)))
                   .arg(checksPerSecond));
}

} // namespace ss
