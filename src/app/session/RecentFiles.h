#pragma once

#include <QObject>

class QMenu;
class QSettings;

namespace ss {

// File ▸ Open Recent: the data opened last, newest first, at most kMax,
// remembered between launches.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMax = 8;

    RecentFiles(QMenu* menu, QSettings& settings, QObject* parent);

    void add(const QString& path);
    QStringList paths() const;

signals:
    void chosen(const QString& path);

private:
    void rebuild();

    QMenu* menu_;
    QSettings& settings_;
};

} // namespace ss
