#include "InstalledData.h"


#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace ss {

InstalledData::InstalledData() : InstalledData(QCoreApplication::applicationDirPath()) {}

InstalledData::InstalledData(const QString& executableFolder)
{
    const QString candidate = folderFor(executableFolder);
    if (QFileInfo(candidate).isDir())
        folder_ = candidate;
}

QString InstalledData::folderFor(const QString& executableFolder)
{
    // STOCKSTREAM_DATA_FROM_BIN: the install layout's data folder relative
    // to its bin folder (GNUInstallDirs), set by the build.
    return QDir::cleanPath(executableFolder + QStringLiteral("/" STOCKSTREAM_DATA_FROM_BIN));
}

QString InstalledData::existing(const QString& name) const
{
    if (folder_.isEmpty())
        return {};
    const QString path = folder_ + QLatin1Char('/') + name;
    return QFileInfo::exists(path) ? path : QString();
}

QString InstalledData::modelsFolder() const
{
    return existing(QStringLiteral("models"));
}

QString InstalledData::sampleFolder() const
{
    return existing(QStringLiteral("sample"));
}

QString InstalledData::defaultModel() const
{
    const QString builtIn = QString::fromLatin1(kBuiltInModel);
    const QString installed = existing(QStringLiteral("models/") + QFileInfo(builtIn).fileName());
    return installed.isEmpty() ? builtIn : installed;
}

} // namespace ss
