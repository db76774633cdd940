#include "BuiltInSample.h"

#include "core/system/BuildVersion.h"
#include "core/system/InstalledData.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

// The sample's resource lives in this static library; naming its
// initialiser keeps the linker from dropping it.
static void initSampleResource()
{
    Q_INIT_RESOURCE(sample);
}

namespace ss {

namespace {
constexpr auto kResourceFolder = ":/sample";
}

QString BuiltInSample::folder(QString* error)
{
    if (const QString installed = InstalledData().sampleFolder(); !installed.isEmpty())
        return installed;
    initSampleResource();
    // Versioned, so a newer program never replays an older copy.
    const QString target = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/sample-")
                           + BuildVersion::text();
    if (!QDir().mkpath(target)) {
        *error = QStringLiteral("cannot create the sample folder %1").arg(target);
        return {};
    }
    // Written last: its presence says every file is complete, without
    // decompressing the resources again to compare sizes.
    const QString marker = target + QStringLiteral("/.complete");
    if (QFileInfo::exists(marker))
        return target;
    for (QDirIterator it(QString::fromLatin1(kResourceFolder), QDir::Files); it.hasNext();) {
        const QFileInfo source(it.next());
        const QString destination = target + QLatin1Char('/') + source.fileName();
        QFile in(source.filePath());
        QSaveFile out(destination);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly) || out.write(in.readAll()) < 0
            || !out.commit()) {
            *error = QStringLiteral("cannot write the sample file %1: %2").arg(destination, out.errorString());
            return {};
        }
    }
    QFile done(marker);
    if (!done.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(marker, done.errorString());
        return {};
    }
    return target;
}

} // namespace ss
