#include "OutputFile.h"

#include "TerminationRequest.h"

#include <QFile>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace ss {

namespace {

bool sameFile(const struct stat& a, int fd)
{
    struct stat b {};
    return ::fstat(fd, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

OutputFile::OutputFile(QString path) : path_(std::move(path)) {}

OutputFile::~OutputFile() = default;

bool OutputFile::open(Write how, QString* why)
{
    struct stat status {};
    const QByteArray name = QFile::encodeName(path_);
    if (::stat(name.constData(), &status) != 0 && errno != ENOENT) {
        *why = systemError();
        return false;
    }
    const bool exists = status.st_mode != 0;
    // The file standard output or error already is (`--out /dev/stdout`,
    // whether a terminal, a pipe or a redirected file): written through
    // that stream, so what the command prints after it follows it.
    for (const int stream : {STDOUT_FILENO, STDERR_FILENO}) {
        if (exists && sameFile(status, stream))
            return adopt(::fcntl(stream, F_DUPFD_CLOEXEC, 0), why);
    }
    if (exists && S_ISFIFO(status.st_mode))
        return openFifo(why);
    if (exists && !S_ISREG(status.st_mode)) {
        *why = QStringLiteral("it exists and is not a regular file (a device, folder or socket is never replaced)");
        return false;
    }
    if (how == Write::Atomically)
        file_ = std::make_unique<QSaveFile>(path_);
    else
        file_ = std::make_unique<QFile>(path_);
    if (!file_->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *why = file_->errorString();
        return false;
    }
    return true;
}

bool OutputFile::openFifo(QString* why)
{
    // A FIFO's open() blocks until a reader comes, and a signal handler
    // installed with SA_RESTART would not end that wait: poll instead.
    const QByteArray name = QFile::encodeName(path_);
    int fd = -1;
    while ((fd = ::open(name.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
        if (errno != ENXIO) {
            *why = systemError();
            return false;
        }
        if (TerminationRequest::pending()) {
            *why = QStringLiteral("interrupted while waiting for a reader");
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return adopt(fd, why);
}

bool OutputFile::adopt(int fd, QString* why)
{
    auto file = std::make_unique<QFile>(path_);
    if (fd < 0 || !file->open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)) {
        *why = fd < 0 ? systemError() : file->errorString();
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    file_ = std::move(file);
    return true;
}

bool OutputFile::write(const char* data, qint64 size, QString* why)
{
    if (file_->write(data, size) == size)
        return true;
    *why = file_->errorString();
    return false;
}

bool OutputFile::commit(QString* why)
{
    auto* atomic = dynamic_cast<QSaveFile*>(file_.get());
    const bool ok = atomic ? atomic->commit() : file_->flush();
    if (!ok)
        *why = file_->errorString();
    return ok;
}

void OutputFile::cancel()
{
    if (auto* atomic = dynamic_cast<QSaveFile*>(file_.get()))
        atomic->cancelWriting();
}

} // namespace ss
