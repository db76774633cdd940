#include "ReplayRate.h"

namespace ss {

std::optional<double> ReplayRate::parse(const QString& text)
{
    if (text == QLatin1String("max"))
        return 0.0;
    bool ok = false;
    const double rate = text.toDouble(&ok);
    if (!ok || !valid(rate))
        return std::nullopt;
    return rate;
}

QString ReplayRate::rule(const QString& unit)
{
    return QStringLiteral("max or a number of %1 per second from %2 to %3").arg(unit).arg(kMin).arg(kMax);
}

} // namespace ss
