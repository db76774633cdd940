#include "LiveFeedSettings.h"

#include "core/live/LiveSource.h"

#include <QCoreApplication>
#include <QSettings>

#include <algorithm>

namespace ss {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LiveFeedSettings", text);
}

// Why `text` is not an address to use, or empty. A dialled address needs
// its host and a port; a listening one may leave the host to loopback.
QString addressProblem(const QString& text, bool listening)
{
    if (text.trimmed().isEmpty())
        return tr("Give %1.").arg(listening ? tr("a port, or HOST:PORT") : tr("HOST:PORT"));
    const auto address = parseHostPort(text.trimmed().toStdString(), listening ? "127.0.0.1" : "");
    if (!address)
        return listening ? tr("Not [HOST:]PORT with a port from 0 to 65535.")
                         : tr("Not HOST:PORT with a port from 1 to 65535.");
    if (!listening && (address->first.empty() || address->second == 0))
        return tr("Name the host and a port from 1 to 65535.");
    return {};
}

// Kafka's own rule for topic names: up to 249 of [A-Za-z0-9._-].
bool validTopic(const QString& topic)
{
    if (topic.isEmpty() || topic.size() > 249 || topic == QLatin1String(".") || topic == QLatin1String(".."))
        return false;
    return std::all_of(topic.begin(), topic.end(), [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
               || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') || c == QLatin1Char('_')
               || c == QLatin1Char('-');
    });
}

} // namespace

LiveFeedSettings::Problems LiveFeedSettings::problems() const
{
    Problems p;
    switch (kind) {
    case Kind::Connect: p.connectTo = addressProblem(connectTo, false); break;
    case Kind::Listen: p.listenOn = addressProblem(listenOn, true); break;
    case Kind::Kafka:
        for (const QString& broker : brokers.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!addressProblem(broker, false).isEmpty())
                p.brokers = tr("Not a comma-separated list of HOST:PORT: %1").arg(broker.trimmed());
        if (brokers.trimmed().isEmpty())
            p.brokers = tr("Give at least one broker, HOST:PORT.");
        if (!validTopic(topic.trimmed()))
            p.topic = tr("A topic is 1 to 249 letters, digits, '.', '_' or '-'.");
        if (group.trimmed().isEmpty())
            p.group = tr("Give a consumer group: instances in one group share the topic's partitions.");
        for (const QString& line : properties) {
            const qsizetype equals = line.indexOf(QLatin1Char('='));
            if (!line.trimmed().isEmpty() && equals <= 0) {
                p.properties = tr("Not KEY=VALUE: %1").arg(line.trimmed());
                break;
            }
        }
        break;
    }
    return p;
}

QString LiveFeedSettings::describe() const
{
    switch (kind) {
    case Kind::Connect: return QStringLiteral("tcp://") + connectTo.trimmed();
    case Kind::Listen: return QStringLiteral("listen://") + listenOn.trimmed();
    case Kind::Kafka: return QStringLiteral("kafka://%1/%2").arg(brokers.trimmed(), topic.trimmed());
    }
    return {};
}

LiveFeedSettings LiveFeedSettings::load(const QSettings& settings)
{
    LiveFeedSettings s;
    const int kind = settings.value("live/kind", static_cast<int>(s.kind)).toInt();
    if (kind >= static_cast<int>(Kind::Connect) && kind <= static_cast<int>(Kind::Kafka))
        s.kind = static_cast<Kind>(kind);
    s.connectTo = settings.value("live/connectTo", s.connectTo).toString();
    s.retrySeconds = std::clamp(settings.value("live/retrySeconds", s.retrySeconds).toInt(), 0, 3600);
    s.listenOn = settings.value("live/listenOn", s.listenOn).toString();
    s.brokers = settings.value("live/brokers", s.brokers).toString();
    s.topic = settings.value("live/topic", s.topic).toString();
    s.group = settings.value("live/group", s.group).toString();
    s.properties = settings.value("live/properties", s.properties).toStringList();
    return s;
}

void LiveFeedSettings::save(QSettings& settings) const
{
    settings.setValue("live/kind", static_cast<int>(kind));
    settings.setValue("live/connectTo", connectTo);
    settings.setValue("live/retrySeconds", retrySeconds);
    settings.setValue("live/listenOn", listenOn);
    settings.setValue("live/brokers", brokers);
    settings.setValue("live/topic", topic);
    settings.setValue("live/group", group);
    settings.setValue("live/properties", properties);
}

} // namespace ss
