#pragma once

// Special files made inside a test's own temporary folder, never in /dev:
// a FIFO, and a character device node (only root may make one; the caller
// skips the case without it).
#include <QFile>
#include <QString>

#include <sys/stat.h>
#include <sys/sysmacros.h>

inline bool makeFifo(const QString& path)
{
    return ::mkfifo(QFile::encodeName(path).constData(), 0666) == 0;
}

// The same device as /dev/null (1, 3) or /dev/zero (1, 5), under another name.
inline bool makeCharacterDevice(const QString& path, unsigned minor)
{
    return ::mknod(QFile::encodeName(path).constData(), S_IFCHR | 0666, ::makedev(1, minor)) == 0;
}

// S_IFREG, S_IFIFO, S_IFCHR, ...; 0 when it does not exist.
inline mode_t fileType(const QString& path)
{
    struct stat status {};
    return ::lstat(QFile::encodeName(path).constData(), &status) == 0 ? (status.st_mode & S_IFMT) : 0;
}
