#include "ModelDescription.h"

#include "app/charts/AccuracyLine.h"
#include "HoldOutVerdict.h"

#include <QLocale>
#include <QStringList>

namespace ss {

namespace {

QString percent(const QJsonValue& share)
{
    return HoldOutVerdict::percent(share.toDouble());
}

QString count(const QJsonValue& n)
{
    return QLocale().toString(n.toInteger());
}

// "FROM to TO, N examples", from the parts the record has.
QString span(const QJsonObject& part)
{
    QStringList words;
    if (part.value(QLatin1String("from")).isString() && part.value(QLatin1String("to")).isString())
        words << ModelDescription::tr("%1 to %2").arg(part.value(QLatin1String("from")).toString(),
                                                     part.value(QLatin1String("to")).toString());
    if (part.value(QLatin1String("examples")).isDouble())
        words << ModelDescription::tr("%1 examples").arg(count(part.value(QLatin1String("examples"))));
    return words.join(QStringLiteral(", "));
}

// "accuracy A, always up U, ..., ROC AUC R, log loss L (N examples)".
QString figures(const QJsonObject& part, bool withBaselines)
{
    QStringList words;
    if (part.value(QLatin1String("accuracy")).isDouble())
        words << ModelDescription::tr("accuracy %1").arg(percent(part.value(QLatin1String("accuracy"))));
    const QJsonObject baselines = part.value(QLatin1String("baselines")).toObject();
    if (withBaselines)
        for (const auto& [key, line] : {std::pair{"always_up", AccuracyLine::AlwaysUp},
                                        std::pair{"always_down", AccuracyLine::AlwaysDown},
                                        std::pair{"same_as_last_move", AccuracyLine::LastMove}})
            if (baselines.value(QLatin1String(key)).isDouble())
                words << QStringLiteral("%1 %2").arg(accuracyLineName(line), percent(baselines.value(QLatin1String(key))));
    if (part.value(QLatin1String("roc_auc")).isDouble())
        words << ModelDescription::tr("ROC AUC %1").arg(QLocale().toString(part.value(QLatin1String("roc_auc")).toDouble(), 'f', 3));
    if (part.value(QLatin1String("log_loss")).isDouble())
        words << ModelDescription::tr("log loss %1").arg(QLocale().toString(part.value(QLatin1String("log_loss")).toDouble(), 'f', 3));
    QString text = words.join(QStringLiteral(", "));
    if (part.value(QLatin1String("examples")).isDouble())
        text += ModelDescription::tr(" (%1 examples)").arg(count(part.value(QLatin1String("examples"))));
    return text;
}

} // namespace

QString ModelDescription::trainedOn(const QJsonObject& on)
{
    QStringList lines;
    const QString file = on.value(QLatin1String("file")).toString();
    QString data = on.contains(QLatin1String("stocks"))
                       ? tr("%1 stocks").arg(count(on.value(QLatin1String("stocks"))))
                       : on.value(QLatin1String("stock")).toString();
    if (!file.isEmpty())
        data = data.isEmpty() ? file : tr("%1, from %2").arg(data, file);
    if (!data.isEmpty())
        lines << data;
    if (const QString fitted = span(on); !fitted.isEmpty()) {
        const QString part = on.value(QLatin1String("fit_on")).toString();
        const QString what = part == QLatin1String("train part")     ? tr("fitted on the train part")
                             : part == QLatin1String("all examples") ? tr("fitted on all examples")
                             : part.isEmpty()                        ? QString()
                                                                     : tr("fitted on %1").arg(part);
        lines << (what.isEmpty() ? fitted : QStringLiteral("%1: %2").arg(what, fitted));
    }
    const QJsonObject holdOut = on.value(QLatin1String("hold_out")).toObject();
    if (const QString held = span(holdOut); !held.isEmpty())
        lines << tr("hold-out: %1").arg(held);
    return lines.isEmpty() ? tr("not recorded") : lines.join(QLatin1Char('\n'));
}

QString ModelDescription::metrics(const QJsonObject& metrics)
{
    QStringList paragraphs;
    const QJsonObject test = metrics.value(QLatin1String("test")).toObject();
    if (const auto verdict = HoldOutVerdict::fromJson(test))
        paragraphs << verdict->text();
    if (const QString held = figures(test, true); !held.isEmpty())
        paragraphs << tr("Hold-out: %1").arg(held);
    if (const QString train = figures(metrics.value(QLatin1String("train")).toObject(), false); !train.isEmpty())
        paragraphs << tr("Training examples: %1").arg(train);
    return paragraphs.isEmpty() ? tr("none recorded") : paragraphs.join(QStringLiteral("<br>"));
}

} // namespace ss
