#include "SmallFile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ss {

namespace {

std::optional<QByteArray> readAtMost(QFile& file, qint64 maxBytes, QString* why)
{
    // One byte more than allowed tells a file at the cap from one beyond it.
    QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes) {
        *why = QStringLiteral("larger than %1 bytes").arg(maxBytes);
        return std::nullopt;
    }
    if (file.error() != QFileDevice::NoError) {
        *why = file.errorString();
        return std::nullopt;
    }
    return bytes;
}

} // namespace

std::optional<QByteArray> SmallFile::read(const QString& path, qint64 maxBytes, QString* why)
{
    QFile file(path);
    if (path.startsWith(QLatin1Char(':'))) {
        if (!file.open(QIODevice::ReadOnly)) {
            *why = file.errorString();
            return std::nullopt;
        }
        return readAtMost(file, maxBytes, why);
    }
    // O_NONBLOCK: opening a FIFO with no writer returns at once, so it can
    // be refused below instead of hanging the caller.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *why = QString::fromLocal8Bit(std::strerror(errno));
        return std::nullopt;
    }
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        *why = S_ISDIR(status.st_mode) ? QStringLiteral("a folder, not a file") : QStringLiteral("not a regular file");
        return std::nullopt;
    }
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        *why = file.errorString();
        return std::nullopt;
    }
    return readAtMost(file, maxBytes, why);
}

} // namespace ss
