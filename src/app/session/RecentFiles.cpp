#include "RecentFiles.h"

#include <QDir>
#include <QMenu>
#include <QSettings>

namespace ss {

namespace {

const QString kKey = QStringLiteral("data/recent");

} // namespace

RecentFiles::RecentFiles(QMenu* menu, QSettings& settings, QObject* parent)
    : QObject(parent), menu_(menu), settings_(settings)
{
    rebuild();
}

QStringList RecentFiles::paths() const
{
    return settings_.value(kKey).toStringList();
}

void RecentFiles::add(const QString& path)
{
    QStringList recent = paths();
    recent.removeAll(path);
    recent.prepend(path);
    settings_.setValue(kKey, recent.mid(0, kMax));
    rebuild();
}

void RecentFiles::rebuild()
{
    menu_->clear();
    const QStringList recent = paths();
    for (const QString& path : recent)
        menu_->addAction(QDir::toNativeSeparators(path), this, [this, path] { emit chosen(path); });
    menu_->setEnabled(!recent.isEmpty());
}

} // namespace ss
