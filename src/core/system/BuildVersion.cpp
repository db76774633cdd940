#include "BuildVersion.h"

#include "BuildRevision.h"

namespace ss {

QString BuildVersion::text()
{
    return QStringLiteral(STOCKSTREAM_VERSION_TEXT);
}

} // namespace ss
